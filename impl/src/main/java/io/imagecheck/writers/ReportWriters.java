package io.imagecheck.writers;

import io.imagecheck.writers.support.RuleCatalog;
import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import io.imagecheck.writers.html.HtmlWriter;
import io.imagecheck.writers.json.JsonReportWriter;
import io.imagecheck.writers.junit.JUnitXmlWriter;
import io.imagecheck.writers.markdown.MarkdownWriter;
import io.imagecheck.writers.sarif.SarifWriter;
import io.imagecheck.writers.sbom.CycloneDxJsonWriter;
import io.imagecheck.writers.sbom.SpdxJsonWriter;
import io.imagecheck.writers.text.TextReportWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report formats imagecheck writes, by name.
 *
 * <pre>{@code
 * ReportWriters.named("sarif").orElseThrow().write(report, out);
 * ReportWriters.sarif().write(report, out);                                  // the same
 * ReportWriters.sarif(RuleCatalog.of(scanner.inspectors())).write(report, out); // own inspectors
 * }</pre>
 *
 * <p>Writers that describe rules (SARIF, JUnit, HTML) take a {@link RuleCatalog}; the no-argument
 * factories and {@link #named(String)} use {@link RuleCatalog#builtIn()}. The SBOM writers stamp their
 * documents with the current time.
 *
 * <p>Thread-safe (stateless).
 */
public final class ReportWriters {

  private ReportWriters() {}

  /**
   * The writers in the order {@code --help} lists them, each made from the rule catalogue (which only
   * some use); each format's sub-package adds its line.
   */
  private static Map<String, Function<RuleCatalog, ReportWriter>> registry() {
    Map<String, Function<RuleCatalog, ReportWriter>> m = new LinkedHashMap<>();
    m.put(TextReportWriter.FORMAT, c -> new TextReportWriter());
    m.put(JsonReportWriter.FORMAT, c -> new JsonReportWriter());
    m.put("sarif", ReportWriters::sarif);
    m.put("junit", ReportWriters::junit);
    m.put("spdx", c -> spdx());
    m.put("cyclonedx", c -> cyclonedx());
    m.put("markdown", c -> markdown());
    m.put("html", ReportWriters::html);
    return m;
  }

  /**
   * The writer for a format name, describing rules from the built-in inspectors.
   *
   * @param format e.g. {@code json}, {@code sarif}
   * @return the writer, if the format is known
   */
  public static Optional<ReportWriter> named(String format) {
    return registry().containsKey(format) ? named(format, RuleCatalog.builtIn()) : Optional.empty();
  }

  /**
   * The writer for a format name, describing rules from a catalogue (for scans with other inspectors, e.g.
   * {@code RuleCatalog.of(scanner.inspectors())}).
   *
   * @param format e.g. {@code json}, {@code sarif}
   * @param catalog the rules; formats that do not describe rules ignore it
   * @return the writer, if the format is known
   */
  public static Optional<ReportWriter> named(String format, RuleCatalog catalog) {
    Function<RuleCatalog, ReportWriter> f = registry().get(format);
    return f == null ? Optional.empty() : Optional.of(f.apply(catalog));
  }

  /**
   * SARIF 2.1.0 for code scanning, describing rules from the built-in inspectors.
   *
   * @return the writer
   * @see SarifWriter
   */
  public static ReportWriter sarif() {
    return sarif(RuleCatalog.builtIn());
  }

  /**
   * SARIF 2.1.0 for code scanning, describing rules from a catalogue (for scans with other inspectors).
   *
   * @param catalog the rules, e.g. {@code RuleCatalog.of(scanner.inspectors())}
   * @return the writer
   */
  public static ReportWriter sarif(RuleCatalog catalog) {
    return new SarifWriter(catalog);
  }

  /**
   * JUnit XML, one test case per rule of the built-in inspectors.
   *
   * @return the writer
   * @see JUnitXmlWriter
   */
  public static ReportWriter junit() {
    return junit(RuleCatalog.builtIn());
  }

  /**
   * JUnit XML, one test case per rule of a catalogue.
   *
   * @param catalog the rules
   * @return the writer
   */
  public static ReportWriter junit(RuleCatalog catalog) {
    return new JUnitXmlWriter(catalog);
  }

  /**
   * An SPDX 2.3 JSON SBOM of the package inventory, created now.
   *
   * @return the writer
   * @see SpdxJsonWriter
   */
  public static ReportWriter spdx() {
    return new SpdxJsonWriter(Clock.systemUTC());
  }

  /**
   * A CycloneDX 1.6 JSON SBOM of the package inventory, created now.
   *
   * @return the writer
   * @see CycloneDxJsonWriter
   */
  public static ReportWriter cyclonedx() {
    return new CycloneDxJsonWriter(Clock.systemUTC());
  }

  /**
   * A Markdown summary for pull-request comments and CI step summaries.
   *
   * @return the writer
   * @see MarkdownWriter
   */
  public static ReportWriter markdown() {
    return new MarkdownWriter();
  }

  /**
   * A self-contained HTML page, with rule titles from the built-in inspectors.
   *
   * @return the writer
   * @see HtmlWriter
   */
  public static ReportWriter html() {
    return html(RuleCatalog.builtIn());
  }

  /**
   * A self-contained HTML page, with rule titles from a catalogue.
   *
   * @param catalog the rules
   * @return the writer
   */
  public static ReportWriter html(RuleCatalog catalog) {
    return new HtmlWriter(catalog);
  }

  /**
   * The known format names.
   *
   * @return the names, in order
   */
  public static List<String> formats() {
    return new ArrayList<>(registry().keySet());
  }


}
