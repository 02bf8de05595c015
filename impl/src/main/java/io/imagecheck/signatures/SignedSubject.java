package io.imagecheck.signatures;

import io.imagecheck.image.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The digests a signature may legitimately cover: the platform manifest's, and, for an image resolved
 * through an index, the index's (cosign signs whichever digest it was given).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param manifest the image manifest's digest
 * @param index the digest of the index the image was resolved through, if any
 */
public record SignedSubject(Digest manifest, Optional<Digest> index) {

  /**
   * Checks the components.
   *
   * @param manifest the manifest digest
   * @param index the index digest, if any
   */
  public SignedSubject {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(index, "index");
  }

  /**
   * A subject with just a manifest digest.
   *
   * @param manifest the digest
   * @return the subject
   */
  public static SignedSubject of(Digest manifest) {
    return new SignedSubject(manifest, Optional.empty());
  }

  /**
   * The acceptable digests, manifest first.
   *
   * @return one or two digests
   */
  public List<Digest> digests() {
    List<Digest> out = new ArrayList<>();
    out.add(manifest);
    index.ifPresent(out::add);
    return out;
  }

  /**
   * Which digest a signed digest is.
   *
   * @param signed the digest a signature covers
   * @return {@code manifest} or {@code index}, or empty when it is neither
   */
  public Optional<String> role(Digest signed) {
    if (signed.equals(manifest)) {
      return Optional.of("manifest");
    }
    return index.filter(signed::equals).map(d -> "index");
  }

  @Override
  public String toString() {
    return manifest + index.map(i -> " (index " + i + ")").orElse("");
  }
}
