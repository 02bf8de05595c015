package io.imagecheck.testkit.error;

import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.report.Report;
import java.util.stream.Collectors;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the messages of {@code hasVerdict(...)} and {@code hasResults(...)} on a report: the verdict, or
 * how many results passed, failed, were skipped and errored, with each result's name and status.
 */
public final class ShouldHaveResults extends BasicErrorMessageFactory {

  private ShouldHaveResults(String image, String expected, String actual) {
    super("Expecting report of image %s %s, but %s", unquotedString(image), unquotedString(expected),
        unquotedString(actual));
  }

  /**
   * The message for a report whose verdict differs.
   *
   * @param report the report
   * @param expected the expected verdict
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveVerdict(Report report, String expected) {
    return new ShouldHaveResults(Describe.printable(report.image().source()), "to have verdict " + expected,
        "it is " + report.verdict());
  }

  /**
   * The message for a report whose result counts differ.
   *
   * @param report the report
   * @param passed the expected number of passed results
   * @param failed the expected number of failed results
   * @param skipped the expected number of skipped results
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveResults(Report report, int passed, int failed, int skipped) {
    long p = count(report, InspectorResult.Status.PASS);
    long f = count(report, InspectorResult.Status.FAIL);
    long s = count(report, InspectorResult.Status.SKIPPED);
    long e = count(report, InspectorResult.Status.ERROR);
    String results = report.results().stream()
        .map(r -> Describe.printable(r.inspector()) + ": " + r.status())
        .collect(Collectors.joining(System.lineSeparator() + "- ", System.lineSeparator() + "- ", ""));
    return new ShouldHaveResults(Describe.printable(report.image().source()),
        "to have " + passed + " passed, " + failed + " failed and " + skipped + " skipped results",
        "it has " + p + " passed, " + f + " failed, " + s + " skipped and " + e + " errored:" + results);
  }

  private static long count(Report report, InspectorResult.Status status) {
    return report.results().stream().filter(r -> r.status() == status).count();
  }
}
