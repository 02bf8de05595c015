package io.imagecheck.writers.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import io.imagecheck.report.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/report-json.md names every field the writer produces, and the schema describes each of them. */
class ReportJsonDocTest {

  @TempDir Path tmp;

  /** Field names below {@code facts} and {@code options} belong to inspectors, not to the report format. */
  private static void fields(JsonNode node, String parent, TreeSet<String> out) {
    if (node.isObject()) {
      if (parent.equals("facts") || parent.equals("options") || parent.equals("severities")
          || parent.equals("evidence") || parent.equals("metadata")) {
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.add(e.getKey());
        fields(e.getValue(), e.getKey(), out);
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        fields(item, parent, out);
      }
    }
  }

  @Test
  void should_document_every_field_the_writer_produces() throws IOException {
    // GIVEN reports with every optional part, and the multi-platform form
    List<Report> reports = new ArrayList<>(List.of(SyntheticReports.full(tmp.resolve("a")),
        SyntheticReports.failingWithSkipped(tmp.resolve("b"))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonReportWriter().writeAll(SyntheticReports.perPlatform(tmp.resolve("c")), out);
    TreeSet<String> names = new TreeSet<>();
    fields(Json.mapper().readTree(out.toByteArray()), "", names);
    for (Report r : reports) {
      ByteArrayOutputStream one = new ByteArrayOutputStream();
      new JsonReportWriter().write(r, one);
      fields(Json.mapper().readTree(one.toByteArray()), "", names);
    }
    // the package fact's fields are part of the documented shape
    names.addAll(List.of("ecosystem", "name", "version", "arch", "purl", "sourcePath"));
    String doc = Files.readString(Path.of("../docs/report-json.md"), StandardCharsets.UTF_8);
    // WHEN / THEN
    assertThat(names).hasSizeGreaterThan(50);
    for (String name : names) {
      assertThat(doc).as("docs/report-json.md documents %s", name).contains("`" + name + "`");
      assertThat(ReportSchema.TEXT).as("the schema describes %s", name).contains("\"" + name + "\"");
    }
  }
}
