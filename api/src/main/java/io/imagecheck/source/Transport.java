package io.imagecheck.source;

import java.util.Optional;

/**
 * The kinds of image source, named by the transport prefixes skopeo and containers/image use.
 *
 * <p>Immutable and thread-safe (an enum).
 */
public enum Transport {
  /** {@code docker-archive:PATH[:name:tag]}: a {@code docker save} tarball (any flavour). */
  DOCKER_ARCHIVE("docker-archive:"),
  /** {@code oci:DIR[:ref]}: an OCI image layout directory. */
  OCI("oci:"),
  /** {@code oci-archive:PATH[:ref]}: a tar of an OCI image layout. */
  OCI_ARCHIVE("oci-archive:"),
  /** {@code dir:DIR}: the containers/image directory layout (manifest.json, blobs by hex, signatures). */
  DIR("dir:"),
  /** {@code docker://HOST/REPO[:TAG|@DIGEST]}: a registry speaking the OCI Distribution API. */
  DOCKER("docker://"),
  /** No prefix was given: the kind is detected from what exists at the path. */
  UNSPECIFIED("");

  private final String prefix;

  Transport(String prefix) {
    this.prefix = prefix;
  }

  /**
   * The prefix of references of this kind, e.g. {@code oci-archive:}.
   *
   * @return the prefix; empty for {@link #UNSPECIFIED}
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Finds the transport whose prefix starts a reference string. Longer prefixes win, so
   * {@code oci-archive:x} is {@link #OCI_ARCHIVE}, not {@link #OCI}.
   *
   * @param reference a reference string
   * @return the transport, when the string starts with a known prefix
   */
  public static Optional<Transport> ofPrefix(String reference) {
    Transport best = null;
    for (Transport t : values()) {
      if (t != UNSPECIFIED && reference.startsWith(t.prefix)
          && (best == null || t.prefix.length() > best.prefix.length())) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }
}
