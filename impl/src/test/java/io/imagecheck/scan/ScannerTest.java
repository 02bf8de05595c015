package io.imagecheck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.policies.Policies;
import io.imagecheck.report.Report;
import io.imagecheck.report.Verdict;
import io.imagecheck.source.ImageSource;
import io.imagecheck.testing.FakeInspector;
import io.imagecheck.testing.TestImages;
import io.imagecheck.writers.text.TextReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verdicts the scanner must never get wrong. */
class ScannerTest {

  @TempDir Path tmp;

  @Test
  void should_not_pass_a_scan_in_which_no_inspector_ran() throws IOException {
    // GIVEN a scanner without inspectors
    try (ImageSource source = TestImages.open(TestImages.busyboxApp(), tmp)) {
      // WHEN
      Report report = Scanner.with(Policies.hardened(), List.of()).scan(source.image());
      // THEN
      assertThat(report.verdict()).isEqualTo(Verdict.INCOMPLETE);
      assertThat(report.notes()).containsExactly("no inspector ran: the scanner has no inspectors");
      assertThat(TextReportWriter.verdictLine(report)).isEqualTo("INCOMPLETE: no inspector ran (policy hardened)");
    }
  }

  @Test
  void should_report_incomplete_when_one_inspector_throws_while_the_others_run() throws IOException {
    // GIVEN
    try (ImageSource source = TestImages.open(TestImages.busyboxApp(), tmp)) {
      // WHEN
      Report report = Scanner.with(Policies.hardened(), List.of(FakeInspector.passing("shell"),
          FakeInspector.throwing("users", "boom"))).scan(source.image());
      // THEN
      assertThat(report.verdict()).isEqualTo(Verdict.INCOMPLETE);
      assertThat(report.summary().inspectorsRun()).isEqualTo(1);
      assertThat(report.summary().inspectorsErrored()).isEqualTo(1);
      assertThat(report.result("users").orElseThrow().error()).contains("IOException: boom");
    }
  }
}
