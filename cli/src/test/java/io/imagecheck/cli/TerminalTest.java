package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tests for {@link Terminal}. */
class TerminalTest {

  @Test
  void should_keep_printable_text_in_any_script() {
    // GIVEN
    String text = "/usr/share/doc/café/日本語 ü 🙂 \"quoted\"";
    // WHEN / THEN
    assertThat(Terminal.escape(text)).isEqualTo(text);
  }

  @Test
  void should_escape_an_ansi_sequence_and_line_breaks() {
    // GIVEN a tag that tries to colour the screen and forge a second line
    String tag = "latest\u001b[31m\nimagecheck: OK\r\t";
    // WHEN
    String escaped = Terminal.escape(tag);
    // THEN
    assertThat(escaped).isEqualTo("latest\\x1B[31m\\nimagecheck: OK\\r\\t").doesNotContain("\u001b", "\n", "\r");
  }

  @Test
  void should_escape_backslash_del_c1_bidi_and_zero_width_characters() {
    // GIVEN
    String name = "a\\b\u007f\u009b\u202eexe.txt\u200b\u2066\ufeff\u2028";
    // WHEN / THEN
    assertThat(Terminal.escape(name))
        .isEqualTo("a\\\\b\\x7F\\u009B\\u202Eexe.txt\\u200B\\u2066\\uFEFF\\u2028");
  }

  @Test
  void should_escape_unpaired_surrogates_and_supplementary_format_characters() {
    // GIVEN a lone high surrogate and U+E0001 LANGUAGE TAG (a format character above U+FFFF)
    String text = "x\ud800y" + new String(Character.toChars(0xE0001));
    // WHEN / THEN
    assertThat(Terminal.escape(text)).isEqualTo("x\\uD800y\\U000E0001");
  }

  @Test
  void should_escape_invalid_utf8_bytes_as_hex_and_decode_the_rest() {
    // GIVEN: valid "é", a stray continuation byte, an overlong "/" (C0 AF), an encoded surrogate, ESC
    byte[] name = {'a', (byte) 0xc3, (byte) 0xa9, (byte) 0x80, (byte) 0xc0, (byte) 0xaf, (byte) 0xed, (byte) 0xa0,
        (byte) 0x80, 0x1b, 'z', (byte) 0xe6};
    // WHEN
    String escaped = Terminal.escape(name);
    // THEN
    assertThat(escaped).isEqualTo("aé\\x80\\xC0\\xAF\\xED\\xA0\\x80\\x1Bz\\xE6");
  }

  @Test
  void should_decode_valid_four_byte_utf8() {
    // GIVEN
    byte[] name = "🙂.txt".getBytes(StandardCharsets.UTF_8);
    // WHEN / THEN
    assertThat(Terminal.escape(name)).isEqualTo("🙂.txt");
  }

  @Test
  void should_truncate_without_splitting_a_surrogate_pair() {
    // WHEN / THEN
    assertThat(Terminal.truncate("abcdefgh", 8)).isEqualTo("abcdefgh");
    assertThat(Terminal.truncate("abcdefghi", 8)).isEqualTo("abcde...");
    assertThat(Terminal.truncate("abcd🙂fghi", 8)).isEqualTo("abcd...");
    assertThatThrownBy(() -> Terminal.truncate("abc", 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max must be at least 4, got 3");
  }
}
