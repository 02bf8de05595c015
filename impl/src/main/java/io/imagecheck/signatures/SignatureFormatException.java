package io.imagecheck.signatures;

import java.io.IOException;

/**
 * Trust material (a key file, a trusted root) could not be read: it is malformed or of an
 * unsupported kind. The message names the source and what was expected.
 *
 * <p>Immutable after construction, and so thread-safe.
 */
public class SignatureFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the source
   */
  public SignatureFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong, naming the source
   * @param cause the underlying failure
   */
  public SignatureFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
