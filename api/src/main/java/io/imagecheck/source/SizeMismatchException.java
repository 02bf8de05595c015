package io.imagecheck.source;

import java.util.Objects;

/**
 * Content is longer or shorter than the size its descriptor declares.
 *
 * <p>Immutable after construction, and so thread-safe.
 */
public class SizeMismatchException extends ImageFormatException {
  private static final long serialVersionUID = 1L;

  /** The blob (serialized with the exception). */
  private final String blob;
  /** The expected (serialized with the exception). */
  private final long expected;
  /** The actual (serialized with the exception). */
  private final long actual;

  /**
   * Creates an exception.
   *
   * @param source the source
   * @param blob what was read
   * @param expected the declared size
   * @param actual the bytes read (at least this many, when the content was longer)
   */
  public SizeMismatchException(String source, String blob, long expected, long actual) {
    super(source, blob + " has " + (actual > expected ? "more than " + expected : String.valueOf(actual))
        + " bytes, descriptor says " + expected);
    this.blob = Objects.requireNonNull(blob, "blob");
    this.expected = expected;
    this.actual = actual;
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
   * The declared size.
   *
   * @return bytes
   */
  public long expected() {
    return expected;
  }

  /**
   * The bytes read.
   *
   * @return bytes
   */
  public long actual() {
    return actual;
  }
}
