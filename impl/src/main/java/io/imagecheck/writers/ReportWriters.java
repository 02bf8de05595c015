package io.imagecheck.writers;

import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import io.imagecheck.report.Verdict;
import io.imagecheck.writers.json.JsonReportWriter;
import io.imagecheck.writers.text.TextReportWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The report formats imagecheck writes, by name.
 *
 * <pre>{@code
 * ReportWriters.named("sarif").orElseThrow().write(report, out);
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class ReportWriters {

  private ReportWriters() {}

  /** The writers in the order {@code --help} lists them; each format's sub-package adds its line. */
  private static Map<String, Supplier<ReportWriter>> registry() {
    Map<String, Supplier<ReportWriter>> m = new LinkedHashMap<>();
    m.put(TextReportWriter.FORMAT, TextReportWriter::new);
    m.put(JsonReportWriter.FORMAT, JsonReportWriter::new);
    return m;
  }

  /**
   * The writer for a format name.
   *
   * @param format e.g. {@code json}, {@code sarif}
   * @return the writer, if the format is known
   */
  public static Optional<ReportWriter> named(String format) {
    Supplier<ReportWriter> s = registry().get(format);
    return s == null ? Optional.empty() : Optional.of(s.get());
  }

  /**
   * The known format names.
   *
   * @return the names, in order
   */
  public static List<String> formats() {
    return new ArrayList<>(registry().keySet());
  }

  /**
   * The verdict of several reports of one source (e.g. every platform of an index): the worst of theirs,
   * {@code INCOMPLETE} before {@code FAIL} before {@code PASS} (as the exit codes 2, 1 and 0 rank them).
   *
   * @param reports the reports, at least one
   * @return the worst verdict
   * @throws IllegalArgumentException when there is no report
   */
  public static Verdict worstVerdict(List<Report> reports) {
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("no reports");
    }
    Verdict worst = Verdict.PASS;
    for (Report r : reports) {
      if (rank(r.verdict()) > rank(worst)) {
        worst = r.verdict();
      }
    }
    return worst;
  }

  private static int rank(Verdict v) {
    return switch (v) {
      case PASS -> 0;
      case FAIL -> 1;
      case INCOMPLETE -> 2;
    };
  }
}
