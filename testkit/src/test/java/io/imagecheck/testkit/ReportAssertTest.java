package io.imagecheck.testkit;

import static io.imagecheck.testkit.ImageCheckAssertions.assertThat;
import static io.imagecheck.testkit.SyntheticImages.looseLayer;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.Severity;
import io.imagecheck.report.Report;
import io.imagecheck.report.Verdict;
import org.junit.jupiter.api.Test;

/** Tests for {@link ReportAssert} and {@link FindingAssert}. */
class ReportAssertTest extends ImageFixtures {

  @Test
  void should_assert_verdicts_and_findings_of_a_scan() {
    // GIVEN
    Report report = Inspections.report(loose);

    // WHEN / THEN
    assertThat(report).hasVerdict(Verdict.FAIL).hasNoFinding("secrets.private-key");
    assertThat(report).hasFinding("permissions.setuid").hasRule("permissions.setuid").hasSeverity(Severity.HIGH)
        .hasPath("/bin/su").isInLayer(1).hasMessageContaining("setuid root");
    assertThat(report).hasFinding("shell.present").hasEvidence("resolvedTarget", "/bin/busybox");
    assertThat(Inspections.report(hardened)).passes();
  }

  @Test
  void should_fail_with_messages_naming_the_finding_and_its_layer() {
    // GIVEN
    Report report = Inspections.report(loose);
    Finding setuid = report.findings().stream().filter(f -> f.ruleId().equals("permissions.setuid")).findFirst()
        .orElseThrow();
    String described = "[high] permissions.setuid: /bin/su is setuid root (-rwsr-xr-x), added by " + looseLayer(1);

    // WHEN / THEN
    assertThatThrownBy(() -> assertThat(report).hasVerdict(Verdict.PASS)).hasMessage(
        "Expecting report of image " + loose.source() + " to have verdict PASS, but it is FAIL");
    assertThatThrownBy(() -> assertThat(setuid).isInLayer(2)).hasMessage(
        "Expecting finding " + described + " to be in layer 2, but it is in " + looseLayer(1));
    assertThatThrownBy(() -> assertThat(setuid).hasSeverity(Severity.LOW)).hasMessage(
        "Expecting finding " + described + " to have severity low, but it has severity high");
    assertThatThrownBy(() -> assertThat(report).hasNoFinding("permissions.setuid")).hasMessage(
        "Expecting report of image " + loose.source() + " to have no permissions.setuid finding, but " + described);
    assertThatThrownBy(() -> assertThat(Inspections.report(hardened)).hasFinding("user.root")).hasMessageStartingWith(
        "Expecting report of image " + hardened.source() + " to have a user.root finding, but ");
  }
}
