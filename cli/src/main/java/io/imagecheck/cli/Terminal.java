package io.imagecheck.cli;

import io.imagecheck.writers.text.Printable;

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
 * <p>The result of either is always a single line. The rules are the report writers' ({@link Printable}),
 * which this class applies, so text escaped by a writer and by the command line reads the same.
 * Thread-safe (stateless).
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
    return Printable.escape(text);
  }

  /**
   * Escapes bytes that should be UTF-8 for a terminal: valid sequences are decoded and escaped as by
   * {@link #escape(CharSequence)}, every other byte becomes {@code \xNN}.
   *
   * @param utf8 raw bytes, e.g. a tar member name
   * @return printable, single-line text
   */
  public static String escape(byte[] utf8) {
    return Printable.escape(utf8);
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
