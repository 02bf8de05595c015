package io.imagecheck.cli;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Makes text from an image safe to print on a terminal. File names, tags, labels and history
 * commands are hostile input: an escape sequence in a tag could rewrite the screen or the window
 * title, a newline could forge a line of output, and a bidirectional override could make a path
 * read differently from what it is.
 *
 * <p>{@link #escape(CharSequence)} keeps printable text (any script) and replaces:
 *
 * <ul>
 *   <li>a backslash with {@code \\}, so every escape below is unambiguous;
 *   <li>newline, carriage return and tab with {@code \n}, {@code \r}, {@code \t};
 *   <li>other C0 controls and DEL with {@code \xNN};
 *   <li>C1 controls (U+0080 to U+009F), format characters (bidirectional overrides and isolates,
 *       zero-width characters, byte-order mark), line and paragraph separators, and unpaired
 *       surrogates with <code>&#92;uNNNN</code> (or <code>&#92;UNNNNNNNN</code> above U+FFFF).
 * </ul>
 *
 * <p>{@link #escape(byte[])} does the same for raw bytes that should be UTF-8 (tar member names),
 * writing each byte that is not part of a valid UTF-8 sequence as {@code \xNN}.
 *
 * <p>The result of either is always a single line. Thread-safe (stateless).
 */
public final class Terminal {

  private Terminal() {}

  /**
   * Escapes text for a terminal.
   *
   * @param text text from an image or from the user
   * @return the same text with control, format and separator characters escaped
   */
  public static String escape(CharSequence text) {
    @Nullable StringBuilder out = null;
    int n = text.length();
    for (int i = 0; i < n; ) {
      char c = text.charAt(i);
      int cp;
      int width;
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        cp = Character.toCodePoint(c, text.charAt(i + 1));
        width = 2;
      } else {
        cp = c;
        width = 1;
      }
      String replacement = replacement(cp);
      if (replacement != null && out == null) {
        out = new StringBuilder(n + 16).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.appendCodePoint(cp);
        }
      }
      i += width;
    }
    return out == null ? text.toString() : out.toString();
  }

  /**
   * Escapes bytes that should be UTF-8 for a terminal: valid sequences are decoded and escaped as by
   * {@link #escape(CharSequence)}, every other byte becomes {@code \xNN}.
   *
   * @param utf8 raw bytes, e.g. a tar member name
   * @return printable, single-line text
   */
  public static String escape(byte[] utf8) {
    StringBuilder decoded = new StringBuilder(utf8.length);
    StringBuilder out = new StringBuilder(utf8.length + 16);
    int i = 0;
    while (i < utf8.length) {
      int cp = decodeAt(utf8, i);
      if (cp < 0) {
        out.append(escape(decoded));
        decoded.setLength(0);
        // Build the escape so that it does not pass through escape() again (its backslash would double).
        out.append("\\x").append(hex2(utf8[i] & 0xff));
        i++;
      } else {
        decoded.appendCodePoint(cp);
        i += sequenceLength(utf8[i]);
      }
    }
    return out.append(escape(decoded)).toString();
  }

  /**
   * Shortens text to at most {@code max} characters, ending it with {@code ...} when it was cut. A
   * surrogate pair is never split.
   *
   * @param text the text (usually already escaped)
   * @param max the longest result, at least 4
   * @return the text, or its start followed by {@code ...}
   * @throws IllegalArgumentException when {@code max} is less than 4
   */
  public static String truncate(String text, int max) {
    if (max < 4) {
      throw new IllegalArgumentException("max must be at least 4, got " + max);
    }
    if (text.length() <= max) {
      return text;
    }
    int end = max - 3;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "...";
  }

  private static @Nullable String replacement(int cp) {
    switch (cp) {
      case '\\':
        return "\\\\";
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    if (cp < 0x20 || cp == 0x7f) {
      return "\\x" + hex2(cp);
    }
    if (cp < 0x80) {
      return null;
    }
    int type = Character.getType(cp);
    if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
      return cp > 0xffff
          ? "\\U" + String.format(Locale.ROOT, "%08X", cp)
          : "\\u" + String.format(Locale.ROOT, "%04X", cp);
    }
    return null;
  }

  private static String hex2(int b) {
    return String.format(Locale.ROOT, "%02X", b);
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

  /** The code point of the valid UTF-8 sequence at {@code i}, or -1 (overlong, surrogate, truncated...). */
  private static int decodeAt(byte[] b, int i) {
    int len = sequenceLength(b[i]);
    if (len < 0 || i + len > b.length) {
      return -1;
    }
    int lead = b[i] & 0xff;
    if (len == 1) {
      return lead;
    }
    int cp = lead & (0x7f >> len);
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

  /**
   * A view of a print stream that flushes instead of closing, for writers (JSON generators) that close
   * what they write to: stdout must stay open.
   *
   * @param out the stream
   * @return a stream whose {@code close()} only flushes
   */
  public static java.io.OutputStream unclosable(java.io.PrintStream out) {
    java.io.PrintStream target = out;
    return new java.io.OutputStream() {
      @Override
      public void write(int b) {
        target.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        target.write(b, off, len);
      }

      @Override
      public void flush() {
        target.flush();
      }

      @Override
      public void close() {
        target.flush();
      }
    };
  }
}
