package io.imagecheck.report;

import io.imagecheck.image.Digest;
import io.imagecheck.image.Platform;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which image a report is about.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param source the reference it was read from, e.g. {@code oci-archive:app.tar}
 * @param digest the platform manifest's digest
 * @param manifestSynthesized true when the manifest was synthesized from a {@code docker save} archive
 * @param indexDigest the digest of the index it was resolved through, if any
 * @param configDigest the config's digest
 * @param platform the platform, if known
 * @param layers the layers, base first
 */
public record ImageIdentity(
    String source, Digest digest, boolean manifestSynthesized, Optional<Digest> indexDigest, Digest configDigest,
    Optional<Platform> platform, List<LayerInfo> layers) {

  /**
   * Checks the components and copies collections.
   *
   * @param source the reference
   * @param digest the manifest digest
   * @param manifestSynthesized whether the manifest was synthesized
   * @param indexDigest the index digest, if any
   * @param configDigest the config digest
   * @param platform the platform, if known
   * @param layers the layers
   */
  public ImageIdentity {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(indexDigest, "indexDigest");
    Objects.requireNonNull(configDigest, "configDigest");
    Objects.requireNonNull(platform, "platform");
    layers = List.copyOf(layers);
  }
}
