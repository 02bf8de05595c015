package io.imagecheck.sources.registry.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One authentication challenge from a {@code WWW-Authenticate} header (RFC 7235), e.g.
 * {@code Bearer realm="https://auth.example/token",service="registry",scope="repository:a:pull"}.
 *
 * <p>The parser accepts several challenges in one header and over several headers, quoted values
 * with backslash escapes, a token68 (as in {@code Negotiate abc==}), and spaces around {@code =};
 * anything else fails with a {@link MalformedChallengeException}. Instances are immutable and
 * thread-safe.
 *
 * @param scheme the scheme in lower case, e.g. {@code bearer} or {@code basic}
 * @param params the parameters, names in lower case, in header order
 */
public record Challenge(String scheme, Map<String, String> params) {

  /** The longest header value accepted. */
  private static final int MAX_LENGTH = 16 * 1024;

  /**
   * Checks the components and copies the map.
   *
   * @param scheme the scheme in lower case, e.g. {@code bearer} or {@code basic}
   * @param params the parameters, names in lower case, in header order
   */
  public Challenge {
    Objects.requireNonNull(scheme, "scheme");
    scheme = scheme.toLowerCase(Locale.ROOT);
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * A parameter.
   *
   * @param name the parameter name (any case)
   * @return the value, when present
   */
  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * Tells whether this is a challenge of the given scheme.
   *
   * @param name e.g. {@code Bearer}
   * @return true when the schemes are equal, ignoring case
   */
  public boolean is(String name) {
    return scheme.equalsIgnoreCase(name);
  }

  /**
   * Parses the values of every {@code WWW-Authenticate} header of a response.
   *
   * @param headerValues the header values
   * @param source the registry, for messages
   * @return the challenges, in order
   * @throws MalformedChallengeException when a value is malformed
   */
  public static List<Challenge> parseAll(List<String> headerValues, String source) throws MalformedChallengeException {
    List<Challenge> out = new ArrayList<>();
    for (String v : headerValues) {
      out.addAll(parse(v, source));
    }
    return out;
  }

  /**
   * Parses one {@code WWW-Authenticate} header value.
   *
   * @param header the value
   * @param source the registry, for messages
   * @return the challenges, in order (at least one)
   * @throws MalformedChallengeException when the value is malformed or empty
   */
  public static List<Challenge> parse(String header, String source) throws MalformedChallengeException {
    Objects.requireNonNull(header, "header");
    if (header.length() > MAX_LENGTH) {
      throw new MalformedChallengeException(source, "WWW-Authenticate header is longer than " + MAX_LENGTH + " characters");
    }
    return new Parser(header, source).challenges();
  }

  /** A small recursive-descent parser over one header value. */
  private static final class Parser {
    private final String s;
    private final String source;
    private int pos;

    Parser(String s, String source) {
      this.s = s;
      this.source = source;
    }

    List<Challenge> challenges() throws MalformedChallengeException {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw error("control character at offset " + i);
        }
      }
      List<Challenge> out = new ArrayList<>();
      skipSeparators();
      if (pos >= s.length()) {
        throw error("empty header");
      }
      while (pos < s.length()) {
        String scheme = token();
        if (scheme.isEmpty()) {
          throw error("expected an authentication scheme at offset " + pos);
        }
        Map<String, String> params = new LinkedHashMap<>();
        skipSpaces();
        // token68 form: SCHEME abc== (not followed by more params)
        int save = pos;
        String t68 = token68();
        if (!t68.isEmpty()) {
          skipSpaces();
          if (pos >= s.length() || s.charAt(pos) == ',') {
            if (t68.indexOf('=') < 0 || t68.endsWith("=")) {
              params.put("token68", t68);
            } else {
              pos = save;
            }
          } else {
            pos = save;
          }
        }
        if (params.isEmpty()) {
          parseParams(params);
        }
        out.add(new Challenge(scheme, params));
        skipSeparators();
      }
      return out;
    }

    private void parseParams(Map<String, String> params) throws MalformedChallengeException {
      while (pos < s.length()) {
        skipSpaces();
        int start = pos;
        String name = token();
        if (name.isEmpty()) {
          if (pos < s.length() && s.charAt(pos) == ',') {
            pos++;
            continue;
          }
          throw error("unexpected '" + s.charAt(pos) + "' at offset " + pos);
        }
        skipSpaces();
        if (pos >= s.length() || s.charAt(pos) != '=') {
          // Not a parameter: the name is the next challenge's scheme.
          pos = start;
          return;
        }
        pos++;
        skipSpaces();
        String value;
        if (pos < s.length() && s.charAt(pos) == '"') {
          value = quoted();
        } else {
          value = token();
          if (value.isEmpty()) {
            throw error("parameter " + name + " has no value");
          }
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (params.containsKey(key)) {
          throw error("parameter " + key + " appears twice");
        }
        params.put(key, value);
        skipSpaces();
        if (pos < s.length()) {
          if (s.charAt(pos) != ',') {
            throw error("expected ',' after parameter " + key + " at offset " + pos);
          }
          pos++;
        }
      }
    }

    private String quoted() throws MalformedChallengeException {
      int open = pos;
      pos++;
      StringBuilder b = new StringBuilder();
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\') {
          if (pos >= s.length()) {
            break;
          }
          c = s.charAt(pos++);
        }
        b.append(c);
      }
      throw error("unterminated quoted string starting at offset " + open);
    }

    private String token() {
      int start = pos;
      while (pos < s.length() && isTokenChar(s.charAt(pos))) {
        pos++;
      }
      return s.substring(start, pos);
    }

    private String token68() {
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) && s.charAt(pos) < 0x80
          || "-._~+/".indexOf(s.charAt(pos)) >= 0)) {
        pos++;
      }
      if (pos == start) {
        return "";
      }
      while (pos < s.length() && s.charAt(pos) == '=') {
        pos++;
      }
      return s.substring(start, pos);
    }

    private void skipSpaces() {
      while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
        pos++;
      }
    }

    private void skipSeparators() {
      while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == ',')) {
        pos++;
      }
    }

    private static boolean isTokenChar(char c) {
      return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
    }

    private MalformedChallengeException error(String problem) {
      return new MalformedChallengeException(source, "malformed WWW-Authenticate header: " + problem);
    }
  }
}
