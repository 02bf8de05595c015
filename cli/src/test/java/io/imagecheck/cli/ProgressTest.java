package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tests for {@link Progress}. */
class ProgressTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void should_write_nothing_when_stderr_is_not_a_terminal() {
    // GIVEN
    Progress progress = Progress.on(err, false);
    // WHEN
    progress.update("reading layer 1 of 3");
    progress.clear();
    // THEN
    assertThat(progress.enabled()).isFalse();
    assertThat(written()).isEmpty();
  }

  @Test
  void should_overwrite_the_line_escape_the_message_and_clear_it() {
    // GIVEN
    Progress progress = Progress.on(err, true);
    // WHEN
    progress.update("reading \u001b]0;pwned\u0007");
    progress.clear();
    // THEN
    assertThat(written()).isEqualTo("\rreading \\x1B]0;pwned\\x07\u001b[K\r\u001b[K");
  }

  @Test
  void should_draw_at_most_one_update_per_interval_and_cut_long_lines() {
    // GIVEN
    Progress progress = Progress.on(err, true);
    // WHEN two updates follow each other at once
    progress.update("x".repeat(200));
    progress.update("second");
    // THEN only the first is drawn, cut to the width
    assertThat(written()).isEqualTo("\r" + "x".repeat(Progress.WIDTH - 3) + "...\u001b[K");
  }
}
