package io.imagecheck.testimage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict little JSON parser for tests: objects become ordered maps, arrays lists, numbers longs.
 * It rejects trailing input and duplicate keys.
 */
final class JsonReader {

  private final String s;
  private int pos;

  private JsonReader(String s) {
    this.s = s;
  }

  static Object parse(byte[] json) {
    JsonReader r = new JsonReader(new String(json, StandardCharsets.UTF_8));
    Object v = r.value();
    r.ws();
    if (r.pos != r.s.length()) {
      throw new IllegalStateException("trailing input at " + r.pos);
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(byte[] json) {
    return (Map<String, Object>) parse(json);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object value) {
    return (List<Object>) value;
  }

  private Object value() {
    ws();
    char c = s.charAt(pos);
    switch (c) {
      case '{': {
        pos++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (s.charAt(pos) == '}') {
          pos++;
          return m;
        }
        while (true) {
          ws();
          String key = string();
          ws();
          expect(':');
          if (m.put(key, value()) != null) {
            throw new IllegalStateException("duplicate key " + key);
          }
          ws();
          if (s.charAt(pos) == ',') {
            pos++;
          } else {
            expect('}');
            return m;
          }
        }
      }
      case '[': {
        pos++;
        List<Object> l = new ArrayList<>();
        ws();
        if (s.charAt(pos) == ']') {
          pos++;
          return l;
        }
        while (true) {
          l.add(value());
          ws();
          if (s.charAt(pos) == ',') {
            pos++;
          } else {
            expect(']');
            return l;
          }
        }
      }
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default: {
        int start = pos;
        while (pos < s.length() && "-0123456789".indexOf(s.charAt(pos)) >= 0) {
          pos++;
        }
        return Long.parseLong(s.substring(start, pos));
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        char e = s.charAt(pos++);
        switch (e) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            pos += 4;
          }
          default -> b.append(e);
        }
      } else if (c < 0x20) {
        throw new IllegalStateException("raw control character in string at " + pos);
      } else {
        b.append(c);
      }
    }
  }

  private void literal(String word) {
    if (!s.startsWith(word, pos)) {
      throw new IllegalStateException("expected " + word + " at " + pos);
    }
    pos += word.length();
  }

  private void expect(char c) {
    if (s.charAt(pos) != c) {
      throw new IllegalStateException("expected " + c + " at " + pos + " in " + s);
    }
    pos++;
  }

  private void ws() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }
}
