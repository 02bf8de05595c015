package io.imagecheck.structure;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * container-structure-test's regular expressions are Go's (RE2). Most of RE2's syntax means the same in
 * {@link java.util.regex.Pattern}; what differs is rewritten:
 *
 * <ul>
 *   <li>named groups {@code (?P<name>...)} become {@code (?<name>...)};
 *   <li>POSIX classes inside brackets ({@code [[:digit:]]}) become {@code \p{Digit}} and the like;
 *   <li>{@code $} outside multi-line mode matches only at the very end of the text in Go, while Java's also
 *       matches before a final line break: without {@code (?m)} in the expression it becomes {@code \z}
 *       (so {@code ^hello$} does not match the file {@code hello\n}, as in container-structure-test);
 *   <li>only {@code \n} ends a line ({@link Pattern#UNIX_LINES}).
 * </ul>
 */
final class Regexes {

  private static final Map<String, String> POSIX = Map.ofEntries(
      Map.entry("[:alnum:]", "\\p{Alnum}"), Map.entry("[:alpha:]", "\\p{Alpha}"),
      Map.entry("[:ascii:]", "\\p{ASCII}"), Map.entry("[:blank:]", "\\p{Blank}"),
      Map.entry("[:cntrl:]", "\\p{Cntrl}"), Map.entry("[:digit:]", "\\p{Digit}"),
      Map.entry("[:graph:]", "\\p{Graph}"), Map.entry("[:lower:]", "\\p{Lower}"),
      Map.entry("[:print:]", "\\p{Print}"), Map.entry("[:punct:]", "\\p{Punct}"),
      Map.entry("[:space:]", "\\s"), Map.entry("[:upper:]", "\\p{Upper}"),
      Map.entry("[:word:]", "\\w"), Map.entry("[:xdigit:]", "\\p{XDigit}"));

  private Regexes() {}

  /**
   * Compiles a Go regular expression with Go's meaning.
   *
   * @param go the expression from a config
   * @return the pattern
   * @throws java.util.regex.PatternSyntaxException when it is not valid
   */
  static Pattern compile(String go) {
    return Pattern.compile(toJava(go), Pattern.UNIX_LINES);
  }

  /**
   * Rewrites a Go regular expression into Java's syntax.
   *
   * @param go the expression from a config
   * @return the same expression for {@link java.util.regex.Pattern}
   */
  static String toJava(String go) {
    String s = go.replace("(?P<", "(?<");
    if (s.contains("[:")) {
      for (Map.Entry<String, String> e : POSIX.entrySet()) {
        s = s.replace(e.getKey(), e.getValue());
      }
    }
    if (s.indexOf('$') >= 0 && !multiLine(s)) {
      s = endAnchors(s);
    }
    return s;
  }

  /** Whether the expression turns on multi-line mode anywhere ({@code (?m)}, {@code (?im:...)}). */
  private static boolean multiLine(String s) {
    return Pattern.compile("\\(\\?[a-zA-Z]*m[a-zA-Z-]*[:)]").matcher(s).find();
  }

  /** Replaces each {@code $} that is an anchor (not escaped, not in a class) by {@code \z}. */
  private static String endAnchors(String s) {
    StringBuilder b = new StringBuilder(s.length() + 4);
    boolean inClass = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        b.append(c).append(s.charAt(++i));
      } else if (inClass) {
        b.append(c);
        if (c == ']') {
          inClass = false;
        }
      } else if (c == '[') {
        b.append(c);
        inClass = true;
        // a ']' right after '[' or '[^' is a literal member
        if (i + 1 < s.length() && s.charAt(i + 1) == '^') {
          b.append(s.charAt(++i));
        }
        if (i + 1 < s.length() && s.charAt(i + 1) == ']') {
          b.append(s.charAt(++i));
        }
      } else if (c == '$') {
        b.append("\\z");
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
