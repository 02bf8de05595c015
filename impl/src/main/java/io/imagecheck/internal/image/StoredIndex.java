package io.imagecheck.internal.image;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.image.ImageIndex;
import io.imagecheck.image.IndexManifest;
import io.imagecheck.image.Platform;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An index read from a {@link BlobStore}. Nested indexes are read when asked for; a digest that
 * reappears on the way down (an index cycle) stops the walk with an error.
 *
 * <p>Immutable and thread-safe.
 */
final class StoredIndex implements ImageIndex {

  /** The annotation BuildKit puts on attestation manifests in an index. */
  static final String REFERENCE_TYPE = "vnd.docker.reference.type";

  private final ImageReader reader;
  private final Descriptor descriptor;
  private final byte[] raw;
  private final IndexManifest manifest;
  private final int depth;

  StoredIndex(ImageReader reader, Descriptor descriptor, byte[] raw, IndexManifest manifest, int depth) {
    this.reader = reader;
    this.descriptor = descriptor;
    this.raw = raw.clone();
    this.manifest = manifest;
    this.depth = depth;
  }

  @Override
  public String source() {
    return reader.source();
  }

  @Override
  public Descriptor descriptor() {
    return descriptor;
  }

  @Override
  public IndexManifest manifest() {
    return manifest;
  }

  @Override
  public byte[] rawManifest() {
    return raw.clone();
  }

  @Override
  public Image image(Digest digest) throws IOException {
    Descriptor d = entry(digest);
    return reader.image(d, descriptor);
  }

  @Override
  public ImageIndex index(Digest digest) throws IOException {
    Descriptor d = entry(digest);
    if (d.digest().equals(descriptor.digest())) {
      throw new ImageFormatException(source(), "index " + digest.shortForm() + " lists itself");
    }
    return reader.index(d, depth + 1);
  }

  @Override
  public Image image(Platform platform) throws IOException {
    List<String> seen = new ArrayList<>();
    for (Candidate c : candidates()) {
      Optional<Platform> p = c.descriptor().platform();
      if (p.isPresent()) {
        seen.add(p.get().toString());
        if (platform.matches(p.get())) {
          return reader.image(c.descriptor(), c.parent());
        }
      } else {
        // Entries without a platform (common in OCI layouts' index.json): the config tells.
        Image image = reader.image(c.descriptor(), c.parent());
        Optional<Platform> ip = image.platform();
        seen.add(ip.map(Platform::toString).orElse("unknown"));
        if (ip.isPresent() && platform.matches(ip.get())) {
          return image;
        }
      }
    }
    throw new ImageNotFoundException(source(), "no image for platform " + platform + " in index "
        + descriptor.digest().shortForm(), List.copyOf(new LinkedHashSet<>(seen)));
  }

  @Override
  public List<Descriptor> platformImages() throws IOException {
    return candidates().stream().map(Candidate::descriptor).toList();
  }

  /** A platform image and the index that lists it. */
  record Candidate(Descriptor descriptor, Descriptor parent) {}

  /**
   * The platform images reachable from this index, depth-first, in document order: nested indexes
   * are opened; attestation manifests, artifacts and {@code unknown} platforms are left out.
   *
   * @return the candidates
   * @throws IOException when a nested index cannot be read
   */
  List<Candidate> candidates() throws IOException {
    List<Candidate> out = new ArrayList<>();
    collect(this, out, new LinkedHashSet<>());
    return out;
  }

  private static void collect(StoredIndex index, List<Candidate> out, Set<Digest> path) throws IOException {
    if (!path.add(index.descriptor.digest())) {
      throw new ImageFormatException(index.source(), "index cycle: " + index.descriptor.digest().shortForm()
          + " is nested in itself");
    }
    for (Descriptor d : index.manifest.manifests()) {
      if (d.mediaType().isIndex()) {
        if (path.contains(d.digest())) {
          throw new ImageFormatException(index.source(), "index cycle: " + d.digest().shortForm()
              + " is nested in itself");
        }
        collect((StoredIndex) index.reader.index(d, index.depth + 1), out, path);
      } else if (isPlatformImage(d)) {
        out.add(new Candidate(d, index.descriptor));
      }
    }
    path.remove(index.descriptor.digest());
  }

  static boolean isPlatformImage(Descriptor d) {
    if (!d.mediaType().isManifest() || d.annotations().containsKey(REFERENCE_TYPE) || d.artifactType().isPresent()) {
      return false;
    }
    return d.platform().map(p -> !p.os().equals("unknown") && !p.architecture().equals("unknown")).orElse(true);
  }

  private Descriptor entry(Digest digest) throws ImageNotFoundException {
    for (Descriptor d : manifest.manifests()) {
      if (d.digest().equals(digest)) {
        return d;
      }
    }
    throw new ImageNotFoundException(source(), "index " + descriptor.digest().shortForm() + " has no entry "
        + digest, manifest.manifests().stream().map(d -> d.digest().shortForm()).toList());
  }

  @Override
  public String toString() {
    return source() + "@" + descriptor.digest();
  }
}
