package io.imagecheck.fs;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over absolute image paths: {@code *} matches within one path component, {@code **} across
 * components (including none), {@code ?} one character other than {@code /}, {@code [abc]} and
 * {@code [a-z]} a character class ({@code [!a]} negated), <code>{a,b}</code> alternatives. A glob without
 * a leading {@code /} is matched as if it had one. Matching is on strings only.
 *
 * <p>Examples: {@code /etc/passwd}, {@code /usr/lib/python3*&#47;**&#47;METADATA}, {@code **&#47;id_rsa}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PathGlob {

  private final String glob;
  private final Pattern pattern;
  private final boolean literal;
  /** The longest text every matching path contains verbatim: checked before the pattern runs. */
  private final String required;

  private PathGlob(String glob) {
    this.glob = glob.startsWith("/") ? glob : "/" + glob;
    this.literal = !this.glob.matches(".*[*?\\[{].*");
    this.pattern = Pattern.compile(toRegex(this.glob));
    this.required = requiredText(this.glob);
  }

  /**
   * Compiles a glob.
   *
   * @param glob the glob
   * @return the compiled glob
   * @throws IllegalArgumentException when the glob is malformed (e.g. an unclosed bracket or brace)
   */
  public static PathGlob of(String glob) {
    Objects.requireNonNull(glob, "glob");
    return new PathGlob(glob);
  }

  /**
   * Tells whether a path matches.
   *
   * @param path an absolute image path
   * @return true when the whole path matches the glob
   */
  public boolean matches(String path) {
    // Most paths of an image fail the literal test; the pattern runs only on the few that pass it.
    return literal ? glob.equals(path) : path.contains(required) && pattern.matcher(path).matches();
  }

  /**
   * Tells whether this glob has no wildcards, i.e. names exactly one path.
   *
   * @return true for literal paths
   */
  public boolean isLiteral() {
    return literal;
  }

  /**
   * The glob text (with a leading {@code /}).
   *
   * @return the glob
   */
  @Override
  public String toString() {
    return glob;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof PathGlob other && glob.equals(other.glob);
  }

  @Override
  public int hashCode() {
    return glob.hashCode();
  }

  /**
   * The longest run of literal characters outside wildcards, classes and alternatives: text every match
   * contains. The {@code /} that ends a {@code **}{@code /} is optional, so it ends a run.
   */
  static String requiredText(String glob) {
    String best = "";
    StringBuilder run = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      boolean plain = false;
      switch (c) {
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            i++;
            if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
              i++;
            }
          }
        }
        case '?' -> {
          // one character: ends the run
        }
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          i = end < 0 ? glob.length() : end;
        }
        case '{' -> braces++;
        case '}' -> braces = Math.max(0, braces - 1);
        default -> plain = braces == 0;
      }
      if (plain) {
        run.append(c);
      } else {
        if (run.length() > best.length()) {
          best = run.toString();
        }
        run.setLength(0);
      }
    }
    return run.length() > best.length() ? run.toString() : best;
  }

  private static String toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            i++;
            // "/**/" also matches "/" so that /a/**/b matches /a/b.
            if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
              i++;
              re.append("(?:.*/)?");
            } else {
              re.append(".*");
            }
          } else {
            re.append("[^/]*");
          }
        }
        case '?' -> re.append("[^/]");
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            throw new IllegalArgumentException("unclosed [ in glob " + glob);
          }
          String cls = glob.substring(i + 1, end);
          re.append('[');
          if (cls.startsWith("!")) {
            re.append('^');
            cls = cls.substring(1);
          }
          for (char k : cls.toCharArray()) {
            if (k == '\\' || k == '[' || k == ']' || k == '^' || k == '&') {
              re.append('\\');
            }
            re.append(k);
          }
          re.append(']');
          i = end;
        }
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces == 0) {
            throw new IllegalArgumentException("unmatched } in glob " + glob);
          }
          braces--;
          re.append(')');
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        default -> {
          if ("\\.^$+()|".indexOf(c) >= 0) {
            re.append('\\');
          }
          re.append(c);
        }
      }
    }
    if (braces != 0) {
      throw new IllegalArgumentException("unclosed { in glob " + glob);
    }
    return re.toString();
  }
}
