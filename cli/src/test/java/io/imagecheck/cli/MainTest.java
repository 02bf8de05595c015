package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tests for {@link Main}: help, version, usage errors and logging. */
class MainTest {

  @Test
  void should_print_the_version_from_the_build() {
    // WHEN
    CliRun run = CliRun.of("--version");
    // THEN
    assertThat(run.code()).isZero();
    assertThat(run.out().lines().findFirst()).hasValueSatisfying(l -> assertThat(l)
        .matches("imagecheck \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));
  }

  @Test
  void should_print_help_for_inspect_on_stdout() {
    // WHEN
    CliRun run = CliRun.of("inspect", "--help");
    // THEN
    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith("Usage: imagecheck inspect ").contains("--platform=OS/ARCH", "--limit=NAME=VALUE");
  }

  @Test
  void should_exit_2_with_one_line_when_no_command_or_an_unknown_one_is_given() {
    // WHEN
    CliRun none = CliRun.of();
    CliRun unknown = CliRun.of("scna", "app.tar");
    // THEN
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.errLines()).containsExactly(
        "imagecheck: missing command: choose one of inspect, ls, diff, scan, verify, test, help (see 'imagecheck --help')");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.errLines()).singleElement().satisfies(l -> assertThat(l)
        .startsWith("imagecheck: Unmatched arguments from index 0: 'scna', 'app.tar'"));
    assertThat(none.out()).isEmpty();
  }

  @Test
  void should_only_see_debug_before_the_end_of_options() {
    // WHEN / THEN
    assertThat(Main.debugRequested(new String[] {"inspect", "x", "--debug"})).isTrue();
    assertThat(Main.debugRequested(new String[] {"inspect", "--", "--debug"})).isFalse();
    assertThat(Main.debugRequested(new String[] {"inspect", "x"})).isFalse();
  }

  @Test
  void should_log_library_warnings_as_one_escaped_line_and_debug_only_with_debug() {
    // GIVEN
    System.Logger log = System.getLogger("io.imagecheck.sources.Example");
    ByteArrayOutputStream quiet = new ByteArrayOutputStream();
    ByteArrayOutputStream loud = new ByteArrayOutputStream();
    // WHEN
    try (PrintStream err = new PrintStream(quiet, true, StandardCharsets.UTF_8)) {
      StderrLogging installed = StderrLogging.install(err, false);
      log.log(System.Logger.Level.WARNING, "{0}: layer {1} is odd\u001b[0m", "oci:x", 2);
      log.log(System.Logger.Level.DEBUG, "opening layer 1");
      installed.close();
    }
    try (PrintStream err = new PrintStream(loud, true, StandardCharsets.UTF_8)) {
      StderrLogging installed = StderrLogging.install(err, true);
      log.log(System.Logger.Level.DEBUG, "opening layer {0}", 1);
      installed.close();
    }
    // THEN
    assertThat(quiet.toString(StandardCharsets.UTF_8))
        .isEqualTo("imagecheck: warning: oci:x: layer 2 is odd\\x1B[0m" + System.lineSeparator());
    assertThat(loud.toString(StandardCharsets.UTF_8))
        .isEqualTo("imagecheck: debug: Example: opening layer 1" + System.lineSeparator());
  }
}
