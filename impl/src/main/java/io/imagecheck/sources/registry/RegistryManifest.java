package io.imagecheck.sources.registry;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import java.util.Objects;
import java.util.Optional;

/**
 * A manifest or index as pulled from a registry, verified: its digest is computed over the bytes
 * (and checked against the requested digest and the {@code Docker-Content-Digest} header).
 *
 * @param descriptor the media type, digest and size of the bytes
 * @param bytes the document
 * @param dockerContentDigest the {@code Docker-Content-Digest} header, when the registry sent one
 */
public record RegistryManifest(Descriptor descriptor, byte[] bytes, Optional<Digest> dockerContentDigest) {

  /**
   * Checks the components and copies the bytes.
   *
   * @param descriptor the media type, digest and size of the bytes
   * @param bytes the document
   * @param dockerContentDigest the {@code Docker-Content-Digest} header, when the registry sent one
   */
  public RegistryManifest {
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(dockerContentDigest, "dockerContentDigest");
    bytes = bytes.clone();
  }

  /**
   * The document.
   *
   * @return a copy of the bytes
   */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
