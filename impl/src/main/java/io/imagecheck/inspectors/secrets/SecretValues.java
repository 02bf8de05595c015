package io.imagecheck.inspectors.secrets;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells real-looking secret values from the placeholders, references and flags that fill the same
 * slots in configs and credential files.
 *
 * <p>Thread-safe (stateless).
 */
final class SecretValues {

  /** Values that are flags, empty markers or well-known stand-ins, compared lower-case. */
  private static final Set<String> PLACEHOLDERS = Set.of(
      "true", "false", "yes", "no", "on", "off", "enabled", "disabled", "null", "nil", "none", "undefined",
      "empty", "unset", "todo", "tbd", "fixme", "n/a", "na", "-", "changeme", "change-me", "change_me",
      "placeholder", "dummy", "redacted", "secret", "token", "password", "passwd", "xxx", "none-set",
      "not-set", "notset", "default", "sample", "example", "test");

  /**
   * References to somewhere else ({@code ${VAR}}, {@code $VAR}, {@code %VAR%}, {@code %(name)s},
   * {@code {{ template }}}, {@code <your token>}), or values that announce themselves as fake.
   */
  private static final Pattern REFERENCE = Pattern.compile(
      "\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|%\\([^)]*\\)s|\\{\\{.*}}|<[^>]*>");

  private static final Pattern ANNOUNCED_FAKE = Pattern.compile(
      "(?i).*(example|placeholder|changeme|change_me|change-me|dummy|redacted|replace[-_ ]?me|"
          + "insert[-_ ]|fake|xxxx|\\*\\*\\*).*|(?i)(your|my)[-_ ].*");

  /** An absolute path without blanks: the value names a file holding the secret. */
  private static final Pattern PATH = Pattern.compile("/[^\\s]*");

  private SecretValues() {}

  /**
   * Tells whether a value is not worth reporting as a secret: empty, a flag or well-known stand-in,
   * a reference to a variable or template, a file path, a short number, or a single repeated
   * character.
   *
   * @param value the value as written (quotes are stripped here)
   * @return true when it is obviously not a secret
   */
  static boolean isPlaceholder(String value) {
    String v = unquote(value.strip());
    if (v.isEmpty()) {
      return true;
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (PLACEHOLDERS.contains(lower)) {
      return true;
    }
    if (REFERENCE.matcher(v).matches() || ANNOUNCED_FAKE.matcher(v).matches()) {
      return true;
    }
    if (PATH.matcher(v).matches()) {
      return true;
    }
    if (v.length() <= 4 && v.chars().allMatch(Character::isDigit)) {
      return true;
    }
    return v.chars().distinct().count() == 1;
  }

  /**
   * The value without one pair of surrounding quotes.
   *
   * @param value a value
   * @return the value inside {@code "..."} or {@code '...'}, else the value
   */
  static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      char last = value.charAt(value.length() - 1);
      if ((first == '"' || first == '\'') && first == last) {
        return value.substring(1, value.length() - 1);
      }
    }
    return value;
  }

  /**
   * Counts the distinct characters of a value (a cheap stand-in for entropy: placeholders such as
   * {@code AAAA...} or {@code 0123456789...} have few).
   *
   * @param value the value
   * @return the number of distinct characters
   */
  static int distinctCharacters(CharSequence value) {
    return (int) value.chars().distinct().count();
  }
}
