package io.imagecheck.source;

import org.jspecify.annotations.Nullable;

/**
 * The content of an image is malformed or of a kind this library does not read.
 *
 * <p>Immutable after construction, and so thread-safe.
 */
public class ImageFormatException extends ImageSourceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param source the source
   * @param problem what was malformed
   */
  public ImageFormatException(String source, String problem) {
    super(source, problem);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param source the source
   * @param problem what was malformed
   * @param cause the parser's failure
   */
  public ImageFormatException(String source, String problem, @Nullable Throwable cause) {
    super(source, problem, cause);
  }
}
