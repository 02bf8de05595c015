package io.imagecheck.inspectors.secrets;

/**
 * Masked hints for secret values: enough to recognise a value, never enough to use it.
 *
 * <p>Thread-safe (stateless).
 */
final class Masks {

  /** Values shorter than this show no characters at all, only their length. */
  static final int MIN_LENGTH_FOR_PREFIX = 16;

  private Masks() {}

  /**
   * A hint for a secret value: its first four characters and its length when it has at least
   * {@value #MIN_LENGTH_FOR_PREFIX} characters (four characters of a long random value do not help
   * guess it, and for tokens they are the type prefix such as {@code ghp_}), else only its length.
   *
   * @param value the secret value
   * @return e.g. {@code ghp_… (40 characters)} or {@code (8 characters)}
   */
  static String hint(String value) {
    int n = value.codePointCount(0, value.length());
    String length = "(" + n + (n == 1 ? " character)" : " characters)");
    if (n < MIN_LENGTH_FOR_PREFIX) {
      return length;
    }
    int end = value.offsetByCodePoints(0, 4);
    return value.substring(0, end) + "\u2026 " + length;
  }
}
