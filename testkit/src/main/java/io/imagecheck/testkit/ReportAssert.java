package io.imagecheck.testkit;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.report.Report;
import io.imagecheck.report.Verdict;
import io.imagecheck.testkit.error.ShouldHaveFinding;
import io.imagecheck.testkit.error.ShouldHaveResults;
import io.imagecheck.testkit.error.ShouldPass;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.ListAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a {@link Report}: a scan's ({@code Scanner}) or structure tests'
 * ({@link StructureTests#run(io.imagecheck.image.Image)}).
 *
 * <pre>{@code
 * assertThat(report).passes();
 * // fails: Expecting image oci:app under policy hardened (fails on high) to pass, but it failed:
 * // - shell failed
 * //     [high] shell.present: Shell busybox is reachable at /bin/sh -> busybox, added by layer 1 of 2 (...), ...
 * assertThat(report).hasFinding("user.root").hasSeverity(Severity.HIGH);
 * }</pre>
 */
public class ReportAssert extends AbstractAssert<ReportAssert, Report> {

  private final @Nullable SoftImageAssertions softly;

  /**
   * Creates the assert.
   *
   * @param actual the report
   * @param softly the collector of soft assertions, or null
   */
  ReportAssert(Report actual, @Nullable SoftImageAssertions softly) {
    super(Objects.requireNonNull(actual, "actual"), ReportAssert.class);
    this.softly = softly;
  }

  private ReportAssert check(Runnable assertion) {
    Soft.run(softly, assertion);
    return myself;
  }

  /**
   * Verifies that the verdict is PASS: no finding at the policy's threshold and every inspector (or
   * structure test) ran. The failure lists each failing result and its findings.
   *
   * @return this assert
   */
  public ReportAssert passes() {
    return check(() -> {
      if (actual.verdict() != Verdict.PASS) {
        throwAssertionError(ShouldPass.shouldPass(actual));
      }
    });
  }

  /**
   * Verifies the verdict.
   *
   * <pre>{@code
   * assertThat(report).hasVerdict(Verdict.FAIL);
   * }</pre>
   *
   * @param verdict the expected verdict
   * @return this assert
   */
  public ReportAssert hasVerdict(Verdict verdict) {
    Objects.requireNonNull(verdict, "verdict");
    return check(() -> {
      if (actual.verdict() != verdict) {
        throwAssertionError(ShouldHaveResults.shouldHaveVerdict(actual, verdict.name()));
      }
    });
  }

  /**
   * Verifies the number of results with each status: for structure tests, passed, failed and skipped tests.
   *
   * <pre>{@code
   * assertThat(StructureTests.load(config).run(image)).hasResults(12, 1, 2);
   * }</pre>
   *
   * @param passed results with status PASS
   * @param failed results with status FAIL
   * @param skipped results with status SKIPPED
   * @return this assert
   */
  public ReportAssert hasResults(int passed, int failed, int skipped) {
    return check(() -> {
      if (count(InspectorResult.Status.PASS) != passed || count(InspectorResult.Status.FAIL) != failed
          || count(InspectorResult.Status.SKIPPED) != skipped || count(InspectorResult.Status.ERROR) != 0) {
        throwAssertionError(ShouldHaveResults.shouldHaveResults(actual, passed, failed, skipped));
      }
    });
  }

  private long count(InspectorResult.Status status) {
    return actual.results().stream().filter(r -> r.status() == status).count();
  }

  /**
   * Verifies that the report has no effective finding at all.
   *
   * @return this assert
   */
  public ReportAssert hasNoFindings() {
    return check(() -> {
      List<Finding> found = actual.findings();
      if (!found.isEmpty()) {
        throwAssertionError(ShouldHaveFinding.shouldHaveNoFinding(actual.image().source(), "no findings", found));
      }
    });
  }

  /**
   * Verifies that no effective finding is at or above a severity.
   *
   * @param threshold the severity
   * @return this assert
   */
  public ReportAssert hasNoFindingsAtOrAbove(Severity threshold) {
    Objects.requireNonNull(threshold, "threshold");
    return check(() -> {
      List<Finding> found = actual.findingsAtOrAbove(threshold);
      if (!found.isEmpty()) {
        throwAssertionError(ShouldHaveFinding.shouldHaveNoFinding(actual.image().source(),
            "no findings at or above " + threshold.label(), found));
      }
    });
  }

  /**
   * Verifies that the report has no finding of a rule.
   *
   * @param ruleId e.g. {@code shell.present}
   * @return this assert
   */
  public ReportAssert hasNoFinding(String ruleId) {
    Objects.requireNonNull(ruleId, "ruleId");
    return check(() -> {
      List<Finding> found = actual.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
      if (!found.isEmpty()) {
        throwAssertionError(ShouldHaveFinding.shouldHaveNoFinding(actual.image().source(), "no " + ruleId + " finding",
            found));
      }
    });
  }

  /**
   * Verifies that the report has a finding of a rule and returns assertions on the first one.
   *
   * <pre>{@code
   * assertThat(report).hasFinding("permissions.setuid").hasPath("/bin/su").isInLayer(1);
   * }</pre>
   *
   * @param ruleId e.g. {@code user.root}
   * @return assertions on the first finding of the rule
   */
  public FindingAssert hasFinding(String ruleId) {
    Objects.requireNonNull(ruleId, "ruleId");
    List<Finding> found = actual.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    Soft.run(softly, () -> {
      if (found.isEmpty()) {
        throwAssertionError(ShouldHaveFinding.shouldHaveFinding(actual.image().source(), ruleId, actual.findings()));
      }
    });
    return new FindingAssert(found.isEmpty() ? null : found.get(0), softly);
  }

  /**
   * AssertJ assertions on the effective findings.
   *
   * @return a list assert (not collected by {@link SoftImageAssertions}; wrap it in
   *     {@link SoftImageAssertions#check})
   */
  public ListAssert<Finding> findings() {
    return new ListAssert<>(actual.findings()).as("findings of %s", actual.image().source());
  }
}
