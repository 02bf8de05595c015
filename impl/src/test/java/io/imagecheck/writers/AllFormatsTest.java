package io.imagecheck.writers;

import io.imagecheck.writers.support.RuleCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every format for the synthetic reports, each checked against its schema or shape; the outputs are kept
 * in target/writer-samples/synthetic-* for people to look at.
 */
class AllFormatsTest {

  @TempDir Path tmp;

  @Test
  void should_write_every_format_valid_for_the_failing_and_the_incomplete_synthetic_report() throws IOException {
    for (boolean broken : new boolean[] {false, true}) {
      // GIVEN a synthetic report
      Report report = TestReports.synthetic(tmp, broken);
      // WHEN written in every format THEN each is valid
      Map<String, byte[]> outputs = FormatChecks.writeAll(report, RuleCatalog.of(TestReports.syntheticInspectors()),
          Path.of("target", "writer-samples", broken ? "synthetic-incomplete" : "synthetic-fail"));
      assertThat(outputs).hasSize(6);
    }
  }

  @Test
  void should_write_every_format_valid_for_an_image_without_findings_or_packages() throws IOException {
    // GIVEN a report from one inspector that finds nothing and reports no packages
    Report report = TestReports.scan(tmp, "bare", Policy.defaults(), inspectors -> {
      inspectors.clear();
      inspectors.add(TestInspectors.withFacts("quiet", Map.of()));
    });
    // WHEN / THEN
    assertThat(report.findings()).isEmpty();
    Map<String, byte[]> outputs = FormatChecks.writeAll(report, RuleCatalog.empty(),
        Path.of("target", "writer-samples", "synthetic-bare"));
    assertThat(new String(outputs.get("markdown"), StandardCharsets.UTF_8))
        .startsWith("## ✅ imagecheck: PASS");
  }
}
