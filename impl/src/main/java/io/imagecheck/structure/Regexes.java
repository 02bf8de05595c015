package io.imagecheck.structure;

import java.util.Map;

/**
 * container-structure-test's regular expressions are Go's (RE2). Most of RE2's syntax means the same in
 * {@link java.util.regex.Pattern}; the two spellings Java lacks are rewritten: named groups
 * {@code (?P<name>...)} and POSIX classes inside brackets ({@code [[:digit:]]}).
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
    return s;
  }
}
