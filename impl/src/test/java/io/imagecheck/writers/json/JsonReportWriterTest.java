package io.imagecheck.writers.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.image.Digest;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.internal.json.Json;
import io.imagecheck.report.Report;
import io.imagecheck.writers.ReportWriters;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON report: field names, shapes, the schema, and what it refuses to write. */
class JsonReportWriterTest {

  @TempDir Path tmp;

  private static String json(Report report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonReportWriter().write(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static JsonNode tree(String json) throws IOException {
    return Json.mapper().readTree(json);
  }

  private static List<String> keys(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  private static Report withResults(Report r, List<InspectorResult> results) {
    return new Report(r.schemaVersion(), r.toolVersion(), r.image(), r.policy(), results, r.waived(), r.notes(),
        r.summary(), r.verdict());
  }

  @Test
  void should_write_every_report_kind_so_that_it_validates_against_the_schema() throws IOException {
    // GIVEN
    List<Report> reports = List.of(SyntheticReports.full(tmp.resolve("a")),
        SyntheticReports.failingWithSkipped(tmp.resolve("b")), SyntheticReports.passing(tmp.resolve("c")));
    // WHEN / THEN
    assertThat(reports).extracting(r -> r.verdict().name()).containsExactly("INCOMPLETE", "FAIL", "PASS");
    for (Report r : reports) {
      assertThat(ReportSchema.validate(json(r))).as(r.verdict().name()).isEmpty();
    }
  }

  @Test
  void should_use_the_documented_field_names_in_order() throws IOException {
    // GIVEN
    Report report = SyntheticReports.full(tmp);
    // WHEN
    JsonNode doc = tree(json(report));
    // THEN
    assertThat(keys(doc)).containsExactly("schemaVersion", "toolVersion", "image", "policy", "verdict", "summary",
        "results", "waived", "notes");
    assertThat(doc.get("schemaVersion").asText()).isEqualTo("1.0");
    assertThat(doc.get("verdict").asText()).isEqualTo("INCOMPLETE");
    assertThat(keys(doc.get("image"))).containsExactly("source", "digest", "configDigest", "manifestSynthesized",
        "platform", "layers");
    assertThat(keys(doc.get("image").get("platform"))).containsExactly("os", "architecture");
    assertThat(keys(doc.get("policy"))).containsExactly("name", "failOn", "inspectors", "severities", "disabledRules",
        "waivers", "options");
    assertThat(keys(doc.get("summary"))).containsExactly("total", "findings", "waived", "inspectorsRun",
        "inspectorsFailed", "inspectorsErrored", "inspectorsSkipped");
    assertThat(keys(doc.get("summary").get("findings"))).containsExactly("critical", "high", "medium", "low", "info");
    assertThat(keys(doc.get("results").get(0))).containsExactly("inspector", "status", "facts", "findings");
    assertThat(keys(doc.get("results").get(4))).containsExactly("inspector", "status", "facts", "findings", "error");
    assertThat(keys(doc.get("results").get(0).get("findings").get(0))).containsExactly("ruleId", "severity",
        "message", "path", "layer", "evidence");
    assertThat(keys(doc.get("waived").get(0))).containsExactly("inspector", "ruleId", "severity", "message", "path",
        "evidence", "waiver");
  }

  @Test
  void should_describe_the_image_layers_with_history_steps_from_one() throws IOException {
    // GIVEN: layer 0 made by history step 1, an empty USER step 2, layer 1 made by step 3
    Report report = SyntheticReports.full(tmp);
    // WHEN
    JsonNode image = tree(json(report)).get("image");
    // THEN
    assertThat(image.get("source").asText()).isEqualTo("oci:" + tmp + ":latest");
    assertThat(image.get("digest").asText()).isEqualTo(report.image().digest().toString());
    assertThat(image.get("configDigest").asText()).isEqualTo(report.image().configDigest().toString());
    assertThat(image.has("indexDigest")).isFalse();
    assertThat(image.get("manifestSynthesized").asBoolean()).isFalse();
    assertThat(image.get("platform").get("os").asText()).isEqualTo("linux");
    assertThat(image.get("platform").get("architecture").asText()).isEqualTo("amd64");
    JsonNode layers = image.get("layers");
    assertThat(layers).hasSize(2);
    assertThat(keys(layers.get(1))).containsExactly("index", "digest", "diffId", "mediaType", "size", "historyStep",
        "createdBy");
    assertThat(layers.get(0).get("index").asInt()).isZero();
    assertThat(layers.get(0).get("historyStep").asInt()).isEqualTo(1);
    assertThat(layers.get(0).get("createdBy").asText()).isEqualTo("RUN apk add busybox");
    assertThat(layers.get(1).get("index").asInt()).isEqualTo(1);
    assertThat(layers.get(1).get("historyStep").asInt()).isEqualTo(3);
    assertThat(layers.get(1).get("createdBy").asText()).isEqualTo("COPY app /app");
    assertThat(layers.get(1).get("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
    assertThat(layers.get(1).get("size").asLong()).isEqualTo(report.image().layers().get(1).size());
  }

  @Test
  void should_write_findings_with_their_layer_and_waived_findings_with_their_waiver() throws IOException {
    // GIVEN
    Report report = SyntheticReports.full(tmp);
    // WHEN
    JsonNode doc = tree(json(report));
    // THEN
    JsonNode shell = doc.get("results").get(0);
    assertThat(shell.get("inspector").asText()).isEqualTo("shell");
    assertThat(shell.get("status").asText()).isEqualTo("FAIL");
    JsonNode finding = shell.get("findings").get(0);
    assertThat(finding.get("ruleId").asText()).isEqualTo("shell.present");
    assertThat(finding.get("severity").asText()).isEqualTo("high");
    assertThat(finding.get("path").asText()).isEqualTo("/bin/sh");
    assertThat(keys(finding.get("layer"))).containsExactly("index", "digest", "diffId", "historyStep", "createdBy");
    assertThat(finding.get("layer").get("index").asInt()).isZero();
    assertThat(finding.get("layer").get("digest").asText())
        .isEqualTo(report.image().layers().get(0).digest().toString());
    assertThat(finding.get("layer").get("historyStep").asInt()).isEqualTo(1);
    assertThat(finding.get("evidence").get("target").asText()).isEqualTo("/bin/busybox");
    // an Origin inside facts is the same layer object
    assertThat(shell.get("facts").get("shells").get(0).get("origin")).isEqualTo(finding.get("layer"));

    JsonNode waived = doc.get("waived").get(0);
    assertThat(waived.get("inspector").asText()).isEqualTo("tools");
    assertThat(waived.get("ruleId").asText()).isEqualTo("tools.present");
    assertThat(waived.has("layer")).isFalse();
    assertThat(waived.get("waiver").get("rule").asText()).isEqualTo("tools.present");
    assertThat(waived.get("waiver").get("path").asText()).isEqualTo("/bin/*");
    assertThat(waived.get("waiver").get("reason").asText()).isEqualTo("busybox applets are accepted");
    assertThat(waived.get("waiver").get("expires").asText()).isEqualTo("2099-01-01");

    JsonNode errored = doc.get("results").get(4);
    assertThat(errored.get("status").asText()).isEqualTo("ERROR");
    assertThat(errored.get("error").asText()).isEqualTo("IOException: cannot read /etc/shadow");
    assertThat(doc.get("summary").get("findings").get("high").asInt()).isEqualTo(1);
    assertThat(doc.get("summary").get("findings").get("info").asInt()).isEqualTo(1);
    assertThat(doc.get("summary").get("total").asInt()).isEqualTo(2);
    assertThat(doc.get("summary").get("waived").asInt()).isEqualTo(1);
    assertThat(doc.get("summary").get("inspectorsErrored").asInt()).isEqualTo(1);
    assertThat(doc.get("policy").get("failOn").asText()).isEqualTo("high");
    assertThat(doc.get("policy").get("severities").get("package-manager.database").asText()).isEqualTo("info");
    assertThat(doc.get("policy").get("options").get("tools").get("allow").get(0).asText()).isEqualTo("wget");
  }

  @Test
  void should_write_installed_packages_in_the_documented_shape() throws IOException {
    // GIVEN
    Report report = SyntheticReports.full(tmp);
    // WHEN
    JsonNode packages = tree(json(report)).get("results").get(1).get("facts");
    // THEN
    assertThat(keys(packages)).containsExactlyInAnyOrder("packages", "count");
    JsonNode p = packages.get("packages").get(0);
    assertThat(keys(p)).containsExactly("ecosystem", "name", "version", "arch", "purl", "sourcePath", "layer",
        "metadata");
    assertThat(p.get("ecosystem").asText()).isEqualTo("apk");
    assertThat(p.get("name").asText()).isEqualTo("busybox");
    assertThat(p.get("version").asText()).isEqualTo("1.36.1-r2");
    assertThat(p.get("arch").asText()).isEqualTo("x86_64");
    assertThat(p.has("license")).isFalse();
    assertThat(p.get("purl").asText()).isEqualTo("pkg:apk/alpine/busybox@1.36.1-r2?arch=x86_64");
    assertThat(p.get("sourcePath").asText()).isEqualTo("/lib/apk/db/installed");
    assertThat(p.get("layer").get("index").asInt()).isZero();
    assertThat(p.get("layer").get("createdBy").asText()).isEqualTo("RUN apk add busybox");
    assertThat(p.get("metadata").get("installedSize").asText()).isEqualTo("925696");
    assertThat(ReportSchema.validate(p.toString(), "#/$defs/installedPackage")).isEmpty();
  }

  @Test
  void should_write_all_platforms_as_one_document_with_the_worst_verdict() throws IOException {
    // GIVEN
    List<Report> reports = SyntheticReports.perPlatform(tmp);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // WHEN
    new JsonReportWriter().writeAll(reports, out);
    // THEN
    String json = out.toString(StandardCharsets.UTF_8);
    assertThat(ReportSchema.validate(json)).isEmpty();
    JsonNode doc = tree(json);
    assertThat(keys(doc)).containsExactly("schemaVersion", "toolVersion", "source", "verdict", "reports");
    assertThat(doc.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(doc.get("reports")).hasSize(2);
    assertThat(doc.get("reports").get(0).get("verdict").asText()).isEqualTo("FAIL");
    assertThat(doc.get("reports").get(1).get("verdict").asText()).isEqualTo("PASS");
    assertThat(doc.get("reports").get(1).get("image").get("platform").get("variant").asText()).isEqualTo("v8");
    assertThat(doc.get("reports").get(0).get("image").get("indexDigest").asText())
        .isEqualTo(doc.get("reports").get(1).get("image").get("indexDigest").asText())
        .startsWith("sha256:");
  }

  @Test
  void should_refuse_a_fact_that_is_not_json_shaped_before_writing_anything() throws IOException {
    // GIVEN
    Report base = SyntheticReports.passing(tmp);
    Report bad = withResults(base, List.of(InspectorResult.of("shell", Map.of("file", new File("/etc")), List.of())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // WHEN / THEN
    assertThatThrownBy(() -> new JsonReportWriter().write(bad, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("fact \"file\" of inspector shell holds a java.io.File, which is not JSON-shaped");
    assertThat(out.size()).isZero();
  }

  @Test
  void should_write_deliberate_shapes_for_api_values_in_facts() throws IOException {
    // GIVEN
    Report base = SyntheticReports.passing(tmp);
    Map<String, Object> facts = new java.util.LinkedHashMap<>();
    facts.put("digest", Digest.parse("sha256:" + "ab".repeat(32)));
    facts.put("severity", io.imagecheck.inspect.Severity.HIGH);
    facts.put("maybe", Optional.empty());
    facts.put("big", new java.math.BigInteger("123456789012345678901234567890"));
    facts.put("ratio", 0.5);
    Report r = withResults(base, List.of(InspectorResult.of("shell", facts, List.of())));
    // WHEN
    JsonNode written = tree(json(r)).get("results").get(0).get("facts");
    // THEN
    assertThat(written.get("digest").asText()).isEqualTo("sha256:" + "ab".repeat(32));
    assertThat(written.get("severity").asText()).isEqualTo("high");
    assertThat(written.get("maybe").isNull()).isTrue();
    assertThat(written.get("big").bigIntegerValue()).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
    assertThat(written.get("ratio").asDouble()).isEqualTo(0.5);
  }

  @Test
  void should_escape_control_characters_and_replace_unpaired_surrogates() throws IOException {
    // GIVEN
    Report base = SyntheticReports.passing(tmp);
    Report r = withResults(base, List.of(InspectorResult.of("shell",
        Map.of("name", "evil\u001b]0;title\u0007\ud800x"), List.of())));
    // WHEN
    String json = json(r);
    // THEN
    assertThat(json).contains("\"name\": \"evil\\u001B]0;title\\u0007\ufffdx\"");
    assertThat(tree(json).get("results").get(0).get("facts").get("name").asText())
        .isEqualTo("evil\u001b]0;title\u0007\ufffdx");
    assertThat(ReportSchema.validate(json)).isEmpty();
  }

  @Test
  void should_be_rejected_by_the_schema_when_a_required_field_is_missing() throws IOException {
    // GIVEN: proof that the validator really checks (a report without its verdict)
    com.fasterxml.jackson.databind.node.ObjectNode doc =
        (com.fasterxml.jackson.databind.node.ObjectNode) tree(json(SyntheticReports.passing(tmp)));
    doc.remove("verdict");
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("summary").get("findings")).put("high", -1);
    // WHEN
    List<String> errors = ReportSchema.validate(doc.toString());
    // THEN
    assertThat(errors).hasSize(2);
    assertThat(String.join("\n", errors)).contains("verdict").contains("/summary/findings/high");
  }

  @Test
  void should_package_the_schema_kept_in_docs() throws IOException {
    // GIVEN
    Path docs = Path.of("../docs/schema/report-1.0.schema.json");
    // WHEN
    String kept = Files.readString(docs, StandardCharsets.UTF_8);
    // THEN
    assertThat(ReportSchema.TEXT).isEqualTo(kept);
    assertThat(tree(kept).get("$id").asText()).isEqualTo(JsonReportWriter.SCHEMA_ID);
    assertThat(tree(kept).get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @Test
  void should_be_registered_as_the_json_format() {
    // GIVEN / WHEN / THEN
    assertThat(ReportWriters.named("json")).get().isInstanceOf(JsonReportWriter.class);
    assertThat(new JsonReportWriter().fileExtension()).isEqualTo(".json");
  }
}
