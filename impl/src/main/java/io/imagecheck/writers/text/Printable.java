package io.imagecheck.writers.text;

import org.jspecify.annotations.Nullable;

/**
 * Makes text from an image safe to show on a terminal. Paths, tags, environment names, history
 * commands and messages quoting them are hostile input: an escape sequence could rewrite the screen or
 * the window title, a newline could forge a line of the report, a bidirectional override could make a
 * path read as another.
 *
 * <p>{@link #escape(CharSequence)} keeps printable text in any script and replaces:
 *
 * <ul>
 *   <li>a backslash with {@code \\}, so that every escape below is unambiguous;
 *   <li>newline, carriage return and tab with {@code \n}, {@code \r}, {@code \t};
 *   <li>other C0 controls and DEL with {@code \xNN};
 *   <li>C1 controls (U+0080 to U+009F), format characters (bidirectional overrides and isolates,
 *       zero-width characters, the byte-order mark), line and paragraph separators and unpaired
 *       surrogates with <code>&#92;uNNNN</code> (<code>&#92;UNNNNNNNN</code> above U+FFFF).
 * </ul>
 *
 * <p>{@link #escape(byte[])} does the same for bytes that should be UTF-8 (raw tar member names),
 * writing each byte that is not part of a valid UTF-8 sequence as {@code \xNN}. Either result is one
 * line. The command line's terminal output ({@code io.imagecheck.cli.Terminal}) applies these same
 * rules, so text escaped by a writer and by the command line reads the same.
 *
 * <p>Thread-safe (stateless).
 */
public final class Printable {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Printable() {}

  /**
   * Escapes text for a terminal.
   *
   * @param text text from an image, a policy or the user
   * @return the text with control, format and separator characters escaped; the same string when
   *     nothing needed escaping
   */
  public static String escape(CharSequence text) {
    int n = text.length();
    @Nullable StringBuilder out = null;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      int cp = c;
      int width = 1;
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        cp = Character.toCodePoint(c, text.charAt(i + 1));
        width = 2;
      }
      if (needsEscape(cp)) {
        if (out == null) {
          out = new StringBuilder(n + 16).append(text, 0, i);
        }
        appendEscape(out, cp);
      } else if (out != null) {
        out.appendCodePoint(cp);
      }
      i += width;
    }
    return out == null ? text.toString() : out.toString();
  }

  /**
   * Escapes bytes that should be UTF-8: valid sequences are decoded and escaped as by
   * {@link #escape(CharSequence)}, every other byte becomes {@code \xNN}.
   *
   * @param utf8 raw bytes, e.g. a tar member name
   * @return printable, single-line text
   */
  public static String escape(byte[] utf8) {
    StringBuilder out = new StringBuilder(utf8.length + 16);
    int i = 0;
    while (i < utf8.length) {
      int len = sequenceLength(utf8[i]);
      int cp = len < 0 ? -1 : decode(utf8, i, len);
      if (cp < 0) {
        appendHexByte(out, utf8[i] & 0xff);
        i++;
      } else {
        if (needsEscape(cp)) {
          appendEscape(out, cp);
        } else {
          out.appendCodePoint(cp);
        }
        i += len;
      }
    }
    return out.toString();
  }

  private static boolean needsEscape(int cp) {
    if (cp == '\\' || cp < 0x20 || cp == 0x7f) {
      return true;
    }
    if (cp < 0x80) {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static void appendEscape(StringBuilder out, int cp) {
    switch (cp) {
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      default -> {
        if (cp < 0x80) {
          appendHexByte(out, cp);
        } else if (cp <= 0xffff) {
          out.append("\\u");
          appendHex(out, cp, 4);
        } else {
          out.append("\\U");
          appendHex(out, cp, 8);
        }
      }
    }
  }

  private static void appendHexByte(StringBuilder out, int b) {
    out.append("\\x");
    appendHex(out, b, 2);
  }

  private static void appendHex(StringBuilder out, int value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out.append(HEX[(value >>> shift) & 0xf]);
    }
  }

  private static int sequenceLength(byte lead) {
    int b = lead & 0xff;
    if (b < 0x80) {
      return 1;
    }
    if (b >= 0xc2 && b <= 0xdf) {
      return 2;
    }
    if (b >= 0xe0 && b <= 0xef) {
      return 3;
    }
    if (b >= 0xf0 && b <= 0xf4) {
      return 4;
    }
    return -1;
  }

  /** The code point of the well-formed sequence of {@code len} bytes at {@code i}, or -1. */
  private static int decode(byte[] b, int i, int len) {
    if (i + len > b.length) {
      return -1;
    }
    int cp = len == 1 ? b[i] : b[i] & (0x7f >> len);
    for (int k = 1; k < len; k++) {
      int cont = b[i + k] & 0xff;
      if ((cont & 0xc0) != 0x80) {
        return -1;
      }
      cp = (cp << 6) | (cont & 0x3f);
    }
    boolean overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return -1;
    }
    return cp;
  }
}
