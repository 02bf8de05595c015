package io.imagecheck.image;

/**
 * How a layer blob is compressed.
 *
 * <p>Immutable and thread-safe (an enum).
 */
public enum Compression {
  /** A plain tar stream. */
  NONE,
  /** gzip (RFC 1952), the default for Docker and OCI layers. */
  GZIP,
  /** Zstandard (RFC 8878), OCI's {@code +zstd} layers. */
  ZSTD,
  /** Something else (e.g. a foreign or encrypted layer type); never decompressed. */
  UNKNOWN
}
