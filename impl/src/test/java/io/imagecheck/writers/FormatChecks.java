package io.imagecheck.writers;

import io.imagecheck.writers.support.RuleCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import io.imagecheck.writers.markdown.MarkdownWriter;
import io.imagecheck.writers.sbom.CycloneDxJsonWriter;
import io.imagecheck.writers.sbom.SpdxJsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;

/**
 * Writes a report in every format and checks each output against its official schema (SARIF 2.1.0, SPDX
 * 2.3, CycloneDX 1.6) or its shape (JUnit XML, HTML, Markdown); keeps the outputs in a directory for
 * people to look at.
 */
public final class FormatChecks {

  private FormatChecks() {}

  /**
   * Writes and checks every format.
   *
   * @param report the report
   * @param catalog the rules the report's inspectors declare
   * @param dir where to keep the outputs ({@code report.<extension>})
   * @return the outputs by format name
   * @throws IOException when writing or validating fails to run
   */
  public static Map<String, byte[]> writeAll(Report report, RuleCatalog catalog, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<ReportWriter> writers = List.of(ReportWriters.sarif(catalog), ReportWriters.junit(catalog),
        new SpdxJsonWriter(TestReports.CLOCK), new CycloneDxJsonWriter(TestReports.CLOCK), ReportWriters.markdown(),
        ReportWriters.html(catalog));
    Map<String, byte[]> out = new LinkedHashMap<>();
    String what = report.image().source();
    for (ReportWriter w : writers) {
      byte[] bytes = TestReports.write(w, report);
      Files.write(dir.resolve("report" + w.fileExtension()), bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      switch (w.format()) {
        case "sarif" -> assertThat(JsonSchemas.errors(JsonSchemas.sarif(), bytes)).as(what).isEmpty();
        case "spdx" -> assertThat(JsonSchemas.errors(JsonSchemas.spdx(), bytes)).as(what).isEmpty();
        case "cyclonedx" -> assertThat(JsonSchemas.errors(JsonSchemas.cyclonedx16(), bytes)).as(what).isEmpty();
        case "junit" -> {
          Document d = JUnitShapes.validate(bytes);
          assertThat(d.getDocumentElement().getElementsByTagName("testsuite").getLength()).as(what)
              .isEqualTo(report.results().size());
        }
        case "markdown" -> assertThat(text).as(what).startsWith("## ").hasSizeLessThan(MarkdownWriter.MAX_CHARS);
        case "html" -> {
          assertThat(text).as(what).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
              .doesNotContain("http://", "https://");
          assertThat(text.split("<g class=\"layer\"", -1)).as(what).hasSize(report.image().layers().size() + 1);
        }
        default -> throw new AssertionError("untested format " + w.format());
      }
      out.put(w.format(), bytes);
    }
    return out;
  }
}
