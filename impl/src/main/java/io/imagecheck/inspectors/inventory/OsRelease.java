package io.imagecheck.inspectors.inventory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of {@code /etc/os-release} (or {@code /usr/lib/os-release}) that name the distribution,
 * which package URLs use as namespace ({@code ID}) and {@code distro} qualifier
 * ({@code ID-VERSION_ID}).
 *
 * @param id {@code ID}, lower-case, e.g. {@code debian}, {@code alpine}, {@code fedora}, {@code rhel}
 * @param versionId {@code VERSION_ID}, e.g. {@code 12} or {@code 3.11.5}
 * @param versionCodename {@code VERSION_CODENAME}, e.g. {@code bookworm}
 * @param prettyName {@code PRETTY_NAME}
 */
record OsRelease(Optional<String> id, Optional<String> versionId, Optional<String> versionCodename,
    Optional<String> prettyName) {

  /** No os-release file. */
  static final OsRelease NONE = new OsRelease(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * Parses an os-release file: {@code KEY=value} lines, values optionally in single or double quotes
   * with backslash escapes, {@code #} comments.
   *
   * @param content the file's bytes
   * @return the fields found
   */
  static OsRelease parse(byte[] content) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : new String(content, StandardCharsets.UTF_8).split("\r?\n")) {
      String t = line.strip();
      int eq = t.indexOf('=');
      if (t.isEmpty() || t.startsWith("#") || eq <= 0) {
        continue;
      }
      fields.put(t.substring(0, eq), unquote(t.substring(eq + 1).strip()));
    }
    return new OsRelease(
        nonEmpty(fields.get("ID")).map(s -> s.toLowerCase(Locale.ROOT)),
        nonEmpty(fields.get("VERSION_ID")),
        nonEmpty(fields.get("VERSION_CODENAME")),
        nonEmpty(fields.get("PRETTY_NAME")));
  }

  /**
   * The {@code distro} qualifier of package URLs.
   *
   * @return {@code ID-VERSION_ID}, e.g. {@code debian-12} or {@code alpine-3.11.5}, when both are known
   */
  Optional<String> distro() {
    return id.isPresent() && versionId.isPresent() ? Optional.of(id.get() + "-" + versionId.get()) : Optional.empty();
  }

  private static Optional<String> nonEmpty(@org.jspecify.annotations.Nullable String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
      String inner = v.substring(1, v.length() - 1);
      StringBuilder b = new StringBuilder(inner.length());
      for (int i = 0; i < inner.length(); i++) {
        char c = inner.charAt(i);
        if (c == '\\' && i + 1 < inner.length() && v.charAt(0) == '"') {
          c = inner.charAt(++i);
        }
        b.append(c);
      }
      return b.toString();
    }
    return v;
  }
}
