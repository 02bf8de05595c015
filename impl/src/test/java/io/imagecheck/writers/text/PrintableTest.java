package io.imagecheck.writers.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Escaping text from images for the terminal. */
class PrintableTest {

  @Test
  void should_keep_printable_text_in_any_script_as_the_same_string() {
    // GIVEN
    String text = "/usr/share/doc/caf\u00e9/\u65e5\u672c/\ud83d\udc33 ok";
    // WHEN
    String escaped = Printable.escape(text);
    // THEN
    assertThat(escaped).isSameAs(text);
  }

  @Test
  void should_escape_controls_backslashes_and_line_breaks() {
    // GIVEN
    String text = "a\\b\nc\rd\te\u001b[31mf\u007fg\u0000";
    // WHEN / THEN
    assertThat(Printable.escape(text)).isEqualTo("a\\\\b\\nc\\rd\\te\\x1B[31mf\\x7Fg\\x00");
  }

  @Test
  void should_escape_c1_controls_bidi_overrides_separators_and_lone_surrogates() {
    // GIVEN
    String text = "\u009b2J \u202eevil\u202c \u200b \u2028 \ud800 \udfff";
    // WHEN / THEN
    assertThat(Printable.escape(text))
        .isEqualTo("\\u009B2J \\u202Eevil\\u202C \\u200B \\u2028 \\uD800 \\uDFFF");
  }

  @Test
  void should_escape_format_characters_above_the_basic_plane_with_eight_digits() {
    // GIVEN: U+E0001 LANGUAGE TAG, a format character
    String text = new StringBuilder().appendCodePoint(0xE0001).toString();
    // WHEN / THEN
    assertThat(Printable.escape(text)).isEqualTo("\\U000E0001");
  }

  @Test
  void should_write_invalid_utf8_bytes_as_hex_and_decode_the_rest() {
    // GIVEN: valid "é", a lone continuation byte, an overlong "/", a truncated 3-byte sequence, ESC
    byte[] bytes = {'a', (byte) 0xc3, (byte) 0xa9, (byte) 0x80, (byte) 0xc0, (byte) 0xaf, (byte) 0xe2, (byte) 0x82,
        0x1b, 'z'};
    // WHEN / THEN
    assertThat(Printable.escape(bytes)).isEqualTo("a\u00e9\\x80\\xC0\\xAF\\xE2\\x82\\x1Bz");
    assertThat(Printable.escape("plain".getBytes(StandardCharsets.UTF_8))).isEqualTo("plain");
  }
}
