package io.imagecheck.testimage;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON object whose members keep the order they were put in, and the compact encoder for it.
 *
 * <p>Values may be {@link String}, {@link Long}, {@link Integer}, {@link Boolean}, another
 * {@code JsonObject}, a {@link Map} with string keys (encoded in its iteration order) or a
 * {@link Collection} of such values. The encoding is compact (no whitespace), like Go's
 * {@code json.Marshal}, and escapes only what JSON requires ({@code "}, {@code \} and control
 * characters); other characters are written as UTF-8.
 */
final class JsonObject {

  private final Map<String, Object> members = new LinkedHashMap<>();

  /**
   * Adds a member (or replaces one, keeping its position).
   *
   * @param key the member name
   * @param value the value
   * @return this object
   */
  JsonObject put(String key, Object value) {
    members.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Adds a member unless the value is empty (an empty string, collection or map), as Go's
   * {@code omitempty} does.
   *
   * @param key the member name
   * @param value the value
   * @return this object
   */
  JsonObject putIfNotEmpty(String key, Object value) {
    boolean empty = (value instanceof String s && s.isEmpty())
        || (value instanceof Collection<?> c && c.isEmpty())
        || (value instanceof Map<?, ?> m && m.isEmpty());
    return empty ? this : put(key, value);
  }

  /**
   * The compact UTF-8 encoding.
   *
   * @return the JSON bytes
   */
  byte[] toBytes() {
    return toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The compact encoding.
   *
   * @return the JSON text
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    write(b, this);
    return b.toString();
  }

  private static void write(StringBuilder b, Object value) {
    if (value instanceof JsonObject o) {
      writeMembers(b, o.members);
    } else if (value instanceof Map<?, ?> m) {
      writeMembers(b, m);
    } else if (value instanceof Collection<?> c) {
      b.append('[');
      boolean first = true;
      for (Object element : c) {
        if (!first) {
          b.append(',');
        }
        first = false;
        write(b, Objects.requireNonNull(element, "null array element"));
      }
      b.append(']');
    } else if (value instanceof String s) {
      writeString(b, s);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
      b.append(value);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void writeMembers(StringBuilder b, Map<?, ?> m) {
    b.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!first) {
        b.append(',');
      }
      first = false;
      writeString(b, (String) e.getKey());
      b.append(':');
      write(b, Objects.requireNonNull(e.getValue(), "null member value"));
    }
    b.append('}');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static void writeString(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
