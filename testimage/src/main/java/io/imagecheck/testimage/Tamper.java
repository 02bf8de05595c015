package io.imagecheck.testimage;

/**
 * A deliberate inconsistency for negative tests, applied to one layer by
 * {@link TestImage.Builder#tamper(Tamper, int)}. Test-only knobs: a tampered image is exactly what a
 * verifying reader must reject, and only that one thing is wrong with it.
 *
 * <p>Immutable and thread-safe (an enum).
 */
public enum Tamper {
  /**
   * The stored blob differs by one byte from what the manifest's digest was computed over, in a place
   * where it still decompresses to a well-formed tar: for gzip the low byte of the header's MTIME
   * field (so the uncompressed bytes and the diff_id stay right), for uncompressed and zstd layers
   * the last byte (normally in the end-of-archive zeros, so the diff_id no longer matches either).
   * In a docker-archive, the last byte of {@code layer.tar} changes, so the diff_id does not match.
   */
  LAYER_BYTES,
  /**
   * The config's {@code rootfs.diff_ids} entry for the layer has its last hex digit changed; the
   * layer bytes are intact.
   */
  DIFF_ID,
  /**
   * The manifest's layer descriptor says the blob is one byte longer than it is. No effect on a
   * docker-archive, which has no descriptors.
   */
  LAYER_SIZE
}
