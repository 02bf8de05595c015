package io.imagecheck.testkit.error;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.report.Report;
import io.imagecheck.report.Verdict;
import io.imagecheck.structure.StructureTestRunner;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the message of a failed {@code passesPolicy(...)} or report {@code passes()}: the verdict, then
 * each failing result (an inspector, or a structure test) with its findings, and each result that could
 * not run.
 */
public final class ShouldPass extends BasicErrorMessageFactory {

  private ShouldPass(String what, String why) {
    super("Expecting %s to pass, but %s", unquotedString(what), unquotedString(why));
  }

  /**
   * The message for a report whose verdict is not PASS.
   *
   * @param report the report (policy scan or structure tests)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldPass(Report report) {
    String image = "image " + Describe.printable(report.image().source());
    String what = report.policy().name().equals(StructureTestRunner.POLICY_NAME)
        ? "structure tests " + Describe.printable(String.valueOf(report.policy().optionsFor(StructureTestRunner.POLICY_NAME)
            .getOrDefault("configs", "[]"))) + " on " + image
        : image + " under policy " + Describe.printable(report.policy().name()) + " (fails on "
            + report.policy().failOn().label() + ")";
    StringBuilder why = new StringBuilder(report.verdict() == Verdict.INCOMPLETE ? "it is incomplete:" : "it failed:");
    String nl = System.lineSeparator();
    for (InspectorResult r : report.results()) {
      switch (r.status()) {
        case FAIL -> {
          why.append(nl).append("- ").append(Describe.printable(r.inspector())).append(" failed");
          for (Finding f : r.findings()) {
            if (f.severity().atLeast(report.policy().failOn())) {
              why.append(nl).append("    ").append(Describe.rated(f));
            }
          }
        }
        case ERROR -> why.append(nl).append("- ").append(Describe.printable(r.inspector())).append(" could not run: ")
            .append(Describe.printable(r.error().orElse("unknown error")));
        default -> {
          // passed or skipped
        }
      }
    }
    for (String note : report.notes()) {
      why.append(nl).append("note: ").append(Describe.printable(note));
    }
    return new ShouldPass(what, why.toString());
  }
}
