package io.imagecheck.testkit.error;

import io.imagecheck.inspect.Finding;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the messages of the report and finding assertions: a finding that is missing or present against
 * expectation, or a finding whose rule, severity, path or layer differs.
 */
public final class ShouldHaveFinding extends BasicErrorMessageFactory {

  private ShouldHaveFinding(String subject, String expected, String actual) {
    super("Expecting %s %s, but %s", unquotedString(subject), unquotedString(expected), unquotedString(actual));
  }

  /**
   * The message for a report without the expected finding.
   *
   * @param image the image's source
   * @param ruleId the rule asked for
   * @param findings the report's findings
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveFinding(String image, String ruleId, List<Finding> findings) {
    String rules = findings.isEmpty() ? "it has no findings"
        : "its findings are: " + String.join(", ", findings.stream().map(Finding::ruleId).distinct().toList());
    return new ShouldHaveFinding("report of image " + Describe.printable(image), "to have a " + ruleId + " finding",
        rules);
  }

  /**
   * The message for a report with findings against expectation.
   *
   * @param image the image's source
   * @param what e.g. {@code no findings} or {@code no shell.present finding}
   * @param findings the findings found (at least one)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoFinding(String image, String what, List<Finding> findings) {
    return new ShouldHaveFinding("report of image " + Describe.printable(image), "to have " + what,
        Describe.items(findings, Describe::rated));
  }

  /**
   * The message for a finding property that differs.
   *
   * @param finding the finding
   * @param expected e.g. {@code to have severity high}
   * @param actual e.g. {@code it has severity medium}
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHave(Finding finding, String expected, String actual) {
    return new ShouldHaveFinding("finding " + Describe.rated(finding), expected, actual);
  }
}
