package io.imagecheck.lab;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything {@code lab/make-images.sh} recorded in {@code facts.json} about one lab run.
 *
 * <p>Several images (debian*, pkgdbs, the GPG key and signature) differ from run to run, so tests must
 * compare against the facts of the same run as the images, never against constants copied from a run.
 *
 * @param sourceDateEpoch the {@code SOURCE_DATE_EPOCH} of the run (creation times and file mtimes)
 * @param created {@code sourceDateEpoch} as an instant: the images' {@code created} time
 * @param tools each tool's version, e.g. {@code skopeo} to {@code skopeo version 1.9.3}
 * @param timingsSeconds the seconds each step of the script took
 * @param images the single-manifest images by name
 * @param indexes the image indexes by name
 * @param archives the archive and {@code dir:} copies by file name
 * @param gpg the GPG key and signature facts
 */
public record LabFacts(
    long sourceDateEpoch,
    Instant created,
    Map<String, String> tools,
    Map<String, Integer> timingsSeconds,
    Map<String, LabImageFacts> images,
    Map<String, LabIndexFacts> indexes,
    Map<String, LabArchiveFacts> archives,
    LabGpgFacts gpg) {

  /**
   * Checks the components and copies the maps (sorted by key).
   *
   * @param sourceDateEpoch the run's {@code SOURCE_DATE_EPOCH}
   * @param created the images' creation time
   * @param tools the tools' versions
   * @param timingsSeconds the seconds per step
   * @param images the single-manifest images by name
   * @param indexes the image indexes by name
   * @param archives the archives by file name
   * @param gpg the GPG facts
   */
  public LabFacts {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(gpg, "gpg");
    tools = Collections.unmodifiableMap(new TreeMap<>(tools));
    timingsSeconds = Collections.unmodifiableMap(new TreeMap<>(timingsSeconds));
    images = Collections.unmodifiableMap(new TreeMap<>(images));
    indexes = Collections.unmodifiableMap(new TreeMap<>(indexes));
    archives = Collections.unmodifiableMap(new TreeMap<>(archives));
  }

  /**
   * The facts of one single-manifest image.
   *
   * @param name e.g. {@code busybox}, {@code debian-stripped}
   * @return its facts
   * @throws IllegalArgumentException when the lab has no such image
   */
  public LabImageFacts image(String name) {
    return lookup(images, name, "image");
  }

  /**
   * The facts of one image index.
   *
   * @param name e.g. {@code busybox-multi}
   * @return its facts
   * @throws IllegalArgumentException when the lab has no such index
   */
  public LabIndexFacts index(String name) {
    return lookup(indexes, name, "index");
  }

  /**
   * The facts of one archive or {@code dir:} copy.
   *
   * @param file its file name, e.g. {@code busybox.docker.tar}
   * @return its facts
   * @throws IllegalArgumentException when the lab has no such file
   */
  public LabArchiveFacts archive(String file) {
    return lookup(archives, file, "archive");
  }

  private static <T> T lookup(Map<String, T> map, String key, String what) {
    T value = map.get(Objects.requireNonNull(key, what));
    if (value == null) {
      throw new IllegalArgumentException("the lab has no " + what + " named " + key + "; it has " + map.keySet());
    }
    return value;
  }
}
