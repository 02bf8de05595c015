package io.imagecheck.structure;

/** Text helpers for messages: strings from configs and images may hold anything. */
final class Texts {

  private Texts() {}

  /**
   * A string made safe to print on one line: control characters become {@code \}{@code uXXXX}, and it is cut
   * after {@code max} characters.
   *
   * @param s the string
   * @param max the most characters kept
   * @return the printable form
   */
  static String printable(String s, int max) {
    StringBuilder b = new StringBuilder();
    int n = Math.min(s.length(), max);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
        b.append("\\u").append(String.format(java.util.Locale.ROOT, "%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (s.length() > n) {
      b.append("...");
    }
    return b.toString();
  }
}
