package io.imagecheck.structure;

import java.util.Map;

/**
 * Go's {@code os.Expand} as container-structure-test applies it to file existence paths: {@code $NAME} and
 * {@code ${NAME}} are replaced by the image's environment variable (empty when unset).
 */
final class Expansions {

  private Expansions() {}

  /**
   * Replaces variables in a string.
   *
   * @param s the string, e.g. {@code $HOME/.profile}
   * @param env the image's environment
   * @return the expanded string
   */
  static String expand(String s, Map<String, String> env) {
    if (s.indexOf('$') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '$' || i + 1 >= s.length()) {
        b.append(c);
        i++;
        continue;
      }
      char next = s.charAt(i + 1);
      if (next == '{') {
        int close = s.indexOf('}', i + 2);
        if (close < 0) {
          // Go drops a "${" without its closing brace.
          i = s.length();
          continue;
        }
        b.append(env.getOrDefault(s.substring(i + 2, close), ""));
        i = close + 1;
      } else if (isNameChar(next)) {
        int end = i + 1;
        while (end < s.length() && isNameChar(s.charAt(end))) {
          end++;
        }
        b.append(env.getOrDefault(s.substring(i + 1, end), ""));
        i = end;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  private static boolean isNameChar(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
