package io.imagecheck.source;

import io.imagecheck.image.Digest;
import java.util.Objects;

/**
 * Content does not have the digest it was referenced by: a blob, a manifest, a config or a layer's
 * uncompressed stream (diff_id).
 *
 * <p>Immutable after construction, and so thread-safe.
 */
public class DigestMismatchException extends ImageSourceException {
  private static final long serialVersionUID = 1L;

  /** The blob (serialized with the exception). */
  private final String blob;
  /** The expected (serialized with the exception). */
  private final Digest expected;
  /** The actual (serialized with the exception). */
  private final Digest actual;

  /**
   * Creates an exception.
   *
   * @param source the source
   * @param blob what was read, e.g. {@code layer blobs/sha256/ab12...} or {@code layer 2 diff_id}
   * @param expected the digest it was referenced by
   * @param actual the digest of the bytes read
   */
  public DigestMismatchException(String source, String blob, Digest expected, Digest actual) {
    super(source, blob + " has digest " + actual + ", expected " + expected);
    this.blob = Objects.requireNonNull(blob, "blob");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.actual = Objects.requireNonNull(actual, "actual");
  }

  /**
   * What was read.
   *
   * @return a description of the blob
   */
  public String blob() {
    return blob;
  }

  /**
   * The digest the content was referenced by.
   *
   * @return the expected digest
   */
  public Digest expected() {
    return expected;
  }

  /**
   * The digest of the bytes actually read.
   *
   * @return the actual digest
   */
  public Digest actual() {
    return actual;
  }
}
