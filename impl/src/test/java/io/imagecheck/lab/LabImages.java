package io.imagecheck.lab;

import io.imagecheck.lab.LabBuild.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real-tool lab images for integration tests: built by {@code lab/make-images.sh} once per build (and
 * reused by later builds while the script is unchanged), with the facts the tools reported.
 *
 * <p>Use from an {@code *IT} test:
 *
 * <pre>{@code
 * LabImages lab = LabImages.get();             // skips the test when the lab cannot run here
 * Path layout = lab.layout("debian");          // target/lab-images/debian.oci (tags bookworm, stripped)
 * LabImageFacts facts = lab.image("debian-stripped");
 * assertThat(lab.treeEntry("debian-stripped", "/usr/bin/bash")).isEmpty();
 * }</pre>
 *
 * <p>Images: {@code busybox}, {@code busybox-zstd}, {@code busybox-arm64}, {@code busybox-multi} (an index),
 * {@code distroless}, {@code debian} and {@code debian-stripped} (both in {@code debian.oci}),
 * {@code debian-zstd}, {@code pkgdbs}, {@code bud}. Archives: {@code busybox}, {@code distroless},
 * {@code debian} as oci-archive and docker-archive, {@code bud} as docker-archive; {@code dir:} copies
 * {@code busybox} and {@code busybox-gpg} (GPG-signed). {@code lab/README.md} describes them.
 *
 * <p>The first call in a JVM builds or reuses the lab (minutes on a fresh checkout, well under a second
 * when reused); later calls return the same instance. Instances are immutable and thread-safe.
 */
public final class LabImages {

  private static final Object LOCK = new Object();
  private static @Nullable Outcome outcome;

  private final Path directory;
  private final LabFacts facts;
  private final Path log;

  LabImages(Path directory, LabFacts facts, Path log) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.facts = Objects.requireNonNull(facts, "facts");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * The lab images of this build, built on first use.
   *
   * <p>Skips the calling test (a JUnit assumption) when the lab cannot run here: not root, a required
   * tool missing (the script names it), not Linux, no source checkout, or
   * {@code -Dimagecheck.lab.skip=true}. Fails the calling test when the script fails, with the tail of
   * its log. Both outcomes are remembered for the rest of the JVM.
   *
   * @return the lab images
   */
  public static LabImages get() {
    Outcome result;
    synchronized (LOCK) {
      if (outcome == null) {
        outcome = LabBuild.run();
      }
      result = outcome;
    }
    if (result.skipReason() != null) {
      return Assumptions.abort("lab images unavailable: " + result.skipReason());
    }
    if (result.failure() != null) {
      return Assertions.fail(result.failure());
    }
    return Objects.requireNonNull(result.images(), "a ready outcome has images");
  }

  /**
   * The lab's output directory, {@code <repo>/target/lab-images}.
   *
   * @return the directory holding the images and the facts
   */
  public Path directory() {
    return directory;
  }

  /**
   * The log of the script run that made these images, {@code <repo>/target/lab-images.log} (when the
   * images were reused, the log of the earlier run that made them).
   *
   * @return the log file's path
   */
  public Path log() {
    return log;
  }

  /**
   * All facts of this lab run.
   *
   * @return the facts from {@code facts.json}
   */
  public LabFacts facts() {
    return facts;
  }

  /**
   * The facts of one single-manifest image.
   *
   * @param name e.g. {@code debian-stripped}
   * @return its facts
   * @throws IllegalArgumentException when there is no such image
   */
  public LabImageFacts image(String name) {
    return facts.image(name);
  }

  /**
   * The facts of one image index.
   *
   * @param name e.g. {@code busybox-multi}
   * @return its facts
   * @throws IllegalArgumentException when there is no such index
   */
  public LabIndexFacts index(String name) {
    return facts.index(name);
  }

  /**
   * The OCI layout directory holding an image or index.
   *
   * @param name an image or index name, e.g. {@code debian} or {@code debian-stripped} (both give
   *     {@code debian.oci}; the image's {@link LabImageFacts#tag()} selects it), {@code busybox-multi}
   * @return the layout directory
   * @throws IllegalArgumentException when there is no such image or index
   */
  public Path layout(String name) {
    String layout = facts.images().containsKey(name) ? facts.image(name).layout() : facts.index(name).layout();
    return existing(layout);
  }

  /**
   * The oci-archive ({@code skopeo copy oci-archive:}) of an image.
   *
   * @param name {@code busybox}, {@code distroless} or {@code debian} (its {@code bookworm} tag)
   * @return the {@code <name>.oci.tar} file
   * @throws IllegalArgumentException when the lab has no such archive
   */
  public Path ociArchive(String name) {
    return existing(facts.archive(name + ".oci.tar").file());
  }

  /**
   * The docker-archive ({@code docker save} format, written by skopeo or buildah) of an image.
   *
   * @param name {@code busybox}, {@code distroless}, {@code debian} or {@code bud}
   * @return the {@code <name>.docker.tar} file
   * @throws IllegalArgumentException when the lab has no such archive
   */
  public Path dockerArchive(String name) {
    return existing(facts.archive(name + ".docker.tar").file());
  }

  /**
   * A {@code dir:} transport copy ({@code manifest.json}, blobs named by hex digest, version file).
   *
   * @param name {@code busybox}, or {@code busybox-gpg} for the copy with a GPG signature
   * @return the {@code <name>.dir} directory
   * @throws IllegalArgumentException when the lab has no such copy
   */
  public Path dir(String name) {
    return existing(facts.archive(name + ".dir").file());
  }

  /**
   * The ASCII-armored public key that verifies {@code busybox-gpg.dir/signature-1}.
   *
   * @return the key file
   */
  public Path gpgPublicKey() {
    return existing(facts.gpg().publicKeyArmored());
  }

  /**
   * Any file the lab wrote, by its path relative to the lab directory.
   *
   * @param relative e.g. {@code debian.dpkg-query.tsv}
   * @return the file's path
   * @throws IllegalArgumentException when the lab wrote no such file, or the path leaves the directory
   */
  public Path file(String relative) {
    return existing(relative);
  }

  /**
   * The merged filesystem of an image, as {@code umoci raw unpack} made it.
   *
   * @param image an image name, e.g. {@code busybox}
   * @return the entries sorted by path, the root {@code /} first
   * @throws IllegalArgumentException when there is no such image
   * @throws UncheckedIOException when the listing cannot be read
   */
  public List<TreeEntry> tree(String image) {
    Path file = existing(facts.image(image).tree().listing());
    try {
      return LabListings.readTree(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One path of an image's merged filesystem.
   *
   * @param image an image name
   * @param path an absolute path, e.g. {@code /bin/sh}
   * @return the entry, or empty when the merged filesystem has no such path
   * @throws IllegalArgumentException when there is no such image
   * @throws UncheckedIOException when the listing cannot be read
   */
  public Optional<TreeEntry> treeEntry(String image, String path) {
    return tree(image).stream().filter(e -> e.path().equals(path)).findFirst();
  }

  /**
   * The entries of one layer tar of an image, as GNU tar listed them (whiteouts included).
   *
   * @param image an image name
   * @param index the layer's position, 0 for the bottom layer
   * @return the entries in tar order
   * @throws IllegalArgumentException when there is no such image
   * @throws IndexOutOfBoundsException when the image has no such layer
   * @throws UncheckedIOException when the listing cannot be read
   */
  public List<LayerEntry> layer(String image, int index) {
    Path file = existing(facts.image(image).layer(index).listing());
    try {
      return LabListings.readLayer(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path existing(String relative) {
    Path path = directory.resolve(relative).normalize();
    if (!path.startsWith(directory) || !Files.exists(path)) {
      throw new IllegalArgumentException("the lab in " + directory + " has no " + relative);
    }
    return path;
  }
}
