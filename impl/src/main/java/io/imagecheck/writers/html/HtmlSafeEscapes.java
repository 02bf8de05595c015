package io.imagecheck.writers.html;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * JSON string escapes that make JSON safe inside an HTML {@code <script>} element: besides JSON's own
 * ({@code "}, {@code \}, control characters), {@code <}, {@code >}, {@code &} and {@code '} become
 * {@code \}{@code uXXXX}, so no {@code </script>}, {@code <!--} or entity can appear in the data; U+2028
 * and U+2029 too (together with the generator's ASCII-only output, nothing non-ASCII remains).
 *
 * <p>Immutable and thread-safe.
 */
final class HtmlSafeEscapes extends CharacterEscapes {

  private static final long serialVersionUID = 1L;

  /** Escape codes for the 128 ASCII characters. */
  private final int[] ascii;

  HtmlSafeEscapes() {
    int[] codes = standardAsciiEscapesForJSON();
    codes['<'] = ESCAPE_STANDARD;
    codes['>'] = ESCAPE_STANDARD;
    codes['&'] = ESCAPE_STANDARD;
    codes['\''] = ESCAPE_STANDARD;
    this.ascii = codes;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ascii.clone();
  }

  @Override
  public @Nullable SerializableString getEscapeSequence(int ch) {
    if (ch == 0x2028 || ch == 0x2029) {
      return new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
    }
    return null;
  }
}
