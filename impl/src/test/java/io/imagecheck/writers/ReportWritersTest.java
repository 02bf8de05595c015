package io.imagecheck.writers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.image.Digest;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.ImageIdentity;
import io.imagecheck.report.Report;
import io.imagecheck.report.Summary;
import io.imagecheck.report.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The format registry and the verdict of several reports. */
class ReportWritersTest {

  private static Report withVerdict(Verdict v) {
    Digest d = Digest.parse("sha256:" + "a".repeat(64));
    ImageIdentity image = new ImageIdentity("oci:x:latest", d, false, Optional.empty(), d, Optional.empty(), List.of());
    return new Report("1.0", "test", image, Policy.defaults(), List.of(), List.of(), List.of(),
        new Summary(Map.of(), 0, 0, 0, 0, 0), v);
  }

  @Test
  void should_rank_incomplete_over_fail_over_pass() {
    // GIVEN
    Report pass = withVerdict(Verdict.PASS);
    Report fail = withVerdict(Verdict.FAIL);
    Report incomplete = withVerdict(Verdict.INCOMPLETE);
    // WHEN / THEN
    assertThat(Verdict.worst(List.of(pass, pass))).isEqualTo(Verdict.PASS);
    assertThat(Verdict.worst(List.of(pass, fail, pass))).isEqualTo(Verdict.FAIL);
    assertThat(Verdict.worst(List.of(incomplete, fail))).isEqualTo(Verdict.INCOMPLETE);
    assertThat(Verdict.worst(List.of(fail, incomplete))).isEqualTo(Verdict.INCOMPLETE);
  }

  @Test
  void should_refuse_an_empty_set_of_reports() {
    // GIVEN / WHEN / THEN
    assertThatThrownBy(() -> Verdict.worst(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no reports");
  }

  @Test
  void should_give_a_new_writer_for_each_known_format() {
    // GIVEN / WHEN / THEN
    assertThat(ReportWriters.formats())
        .containsExactly("text", "json", "sarif", "junit", "spdx", "cyclonedx", "markdown", "html");
    assertThat(ReportWriters.named("json").orElseThrow().format()).isEqualTo("json");
    assertThat(ReportWriters.named("text").orElseThrow().format()).isEqualTo("text");
    assertThat(ReportWriters.named("yaml")).isEmpty();
  }
}
