package io.imagecheck.writers.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import io.imagecheck.image.Platform;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.Severity;
import io.imagecheck.internal.json.Json;
import io.imagecheck.report.Report;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.writers.JsonSchemas;
import io.imagecheck.writers.support.RuleCatalog;
import io.imagecheck.writers.TestReports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SARIF output of synthetic reports made by the scanner, validated against the OASIS SARIF 2.1.0 schema. */
class SarifWriterTest {

  @TempDir Path tmp;

  private final SarifWriter writer = new SarifWriter(RuleCatalog.of(TestReports.syntheticInspectors()));

  private JsonNode run(Report report) throws IOException {
    return Json.mapper().readTree(TestReports.write(writer, report)).path("runs").path(0);
  }

  private static JsonNode result(JsonNode run, String ruleId) {
    for (JsonNode r : run.path("results")) {
      if (r.path("ruleId").asText().equals(ruleId)) {
        return r;
      }
    }
    throw new AssertionError("no result for " + ruleId);
  }

  @Test
  void should_validate_against_the_sarif_2_1_0_schema_for_failing_and_incomplete_scans() throws IOException {
    // GIVEN the official schema and two reports (FAIL; INCOMPLETE with an inspector that cannot run)
    Schema schema = JsonSchemas.sarif();
    for (boolean broken : List.of(false, true)) {
      Report report = TestReports.synthetic(tmp, broken);
      // WHEN written as SARIF
      byte[] sarif = TestReports.write(writer, report);
      // THEN it is valid SARIF 2.1.0
      assertThat(JsonSchemas.errors(schema, sarif)).as("broken=" + broken).isEmpty();
      assertThat(Json.mapper().readTree(sarif).path("version").asText()).isEqualTo("2.1.0");
    }
  }

  @Test
  void should_notice_an_invalid_document_with_the_same_validator() throws IOException {
    // GIVEN valid output with the level of the first result changed to a value SARIF does not have
    Schema schema = JsonSchemas.sarif();
    String sarif = new String(TestReports.write(writer, TestReports.synthetic(tmp, false)), StandardCharsets.UTF_8);
    String broken = sarif.replaceFirst("\"level\" : \"error\"", "\"level\" : \"fatal\"");
    // WHEN validated THEN the schema rejects it (the validator really checks)
    assertThat(broken).isNotEqualTo(sarif);
    assertThat(JsonSchemas.errors(schema, broken.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
  }

  @Test
  void should_describe_each_rule_once_with_descriptions_help_and_security_severity() throws IOException {
    // GIVEN the synthetic report (package-manager.present lowered to MEDIUM by the policy)
    JsonNode run = run(TestReports.synthetic(tmp, false));
    // WHEN the rules are read
    List<String> ids = new ArrayList<>();
    run.path("tool").path("driver").path("rules").forEach(r -> ids.add(r.path("id").asText()));
    // THEN the rules of the report's inspectors are there, each once, in report order (skipped ones last)
    assertThat(ids).containsExactly("shell.present", "package-manager.present", "secrets.private-key", "secrets.env",
        "hygiene.stray-file", "hygiene.no-healthcheck", "tools.network", "broken.check");
    JsonNode shell = run.path("tool").path("driver").path("rules").path(0);
    assertThat(shell.path("shortDescription").path("text").asText()).isEqualTo("Image contains a shell");
    assertThat(shell.path("fullDescription").path("text").asText()).startsWith("Image contains a shell: the full");
    assertThat(shell.path("help").path("text").asText()).isEqualTo("Remove what shell.present found, or waive it"
        + " with a reason.");
    assertThat(shell.path("defaultConfiguration").path("level").asText()).isEqualTo("error");
    assertThat(shell.path("properties").path("security-severity").asText()).isEqualTo("8.0");
    assertThat(shell.path("properties").path("tags").toString()).contains("security");
    // AND the override shows: the rule's default is HIGH (error) but its findings here are MEDIUM
    JsonNode pm = run.path("tool").path("driver").path("rules").path(1);
    assertThat(pm.path("defaultConfiguration").path("level").asText()).isEqualTo("error");
    assertThat(pm.path("properties").path("security-severity").asText()).isEqualTo("5.5");
    assertThat(run.path("tool").path("driver").path("rules").path(2).path("properties").path("security-severity")
        .asText()).isEqualTo("9.5");
  }

  @Test
  void should_map_severities_to_levels() {
    // GIVEN / WHEN / THEN
    assertThat(List.of(Severity.values())).extracting(SarifWriter::level)
        .containsExactly("error", "error", "warning", "note", "note");
    assertThat(List.of(Severity.values())).extracting(SarifWriter::securitySeverity)
        .containsExactly("9.5", "8.0", "5.5", "3.0", "0.0");
  }

  @Test
  void should_locate_a_finding_by_its_path_inside_the_image_with_layer_and_step_as_properties() throws IOException {
    // GIVEN the synthetic report
    Report report = TestReports.synthetic(tmp, false);
    JsonNode run = run(report);
    // WHEN the shell result is read
    JsonNode shell = result(run, "shell.present");
    // THEN it is an error at bin/sh relative to IMAGE_ROOT, which names the image
    assertThat(shell.path("level").asText()).isEqualTo("error");
    assertThat(shell.path("ruleIndex").asInt()).isEqualTo(0);
    JsonNode location = shell.path("locations").path(0).path("physicalLocation").path("artifactLocation");
    assertThat(location.path("uri").asText()).isEqualTo("bin/sh");
    assertThat(location.path("uriBaseId").asText()).isEqualTo("IMAGE_ROOT");
    String base = run.path("originalUriBaseIds").path("IMAGE_ROOT").path("description").path("text").asText();
    assertThat(base).contains(report.image().source()).contains(report.image().digest().toString());
    assertThat(run.path("originalUriBaseIds").path("IMAGE_ROOT").has("uri")).isFalse();
    // AND the layer and history step are properties
    JsonNode props = shell.path("properties");
    assertThat(props.path("layerIndex").asInt()).isZero();
    assertThat(props.path("layerNumber").asInt()).isEqualTo(1);
    assertThat(props.path("layerDigest").asText()).isEqualTo(report.image().layers().get(0).digest().toString());
    assertThat(props.path("historyStep").asInt()).isEqualTo(1);
    assertThat(props.path("createdBy").asText()).isEqualTo("ADD alpine-minirootfs.tar.gz / # base");
    assertThat(props.path("evidence").path("resolvedTarget").asText()).isEqualTo("/bin/busybox");
    // AND the private key was added by layer 3, history step 4 (step 2 is an empty ENV step)
    JsonNode key = result(run, "secrets.private-key");
    assertThat(key.path("level").asText()).isEqualTo("error");
    assertThat(key.path("properties").path("layerNumber").asInt()).isEqualTo(3);
    assertThat(key.path("properties").path("historyStep").asInt()).isEqualTo(4);
    // AND a finding about the image as a whole points at the image root
    JsonNode env = result(run, "secrets.env");
    assertThat(env.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
        .isEqualTo(".");
    assertThat(result(run, "package-manager.present").path("level").asText()).isEqualTo("warning");
  }

  @Test
  void should_percent_encode_hostile_paths_into_relative_uris() {
    // GIVEN / WHEN / THEN
    assertThat(SarifWriter.relativeUri("/usr/bin/curl")).isEqualTo("usr/bin/curl");
    assertThat(SarifWriter.relativeUri("/")).isEqualTo(".");
    assertThat(SarifWriter.relativeUri(TestReports.HOSTILE_SCRIPT_PATH))
        .isEqualTo("tmp/x%3C/script%3E%3Cscript%3Edocument.title%3D%27pwned%27%3C");
    assertThat(SarifWriter.relativeUri("/a b/c:d/é#?")).isEqualTo("a%20b/c%3Ad/%C3%A9%23%3F");
  }

  @Test
  void should_mark_waived_findings_as_suppressed_and_report_errors_as_notifications() throws IOException {
    // GIVEN the INCOMPLETE report (broken inspector; /tmp/notes.txt waived)
    JsonNode run = run(TestReports.synthetic(tmp, true));
    // WHEN the suppressed results and notifications are read
    List<JsonNode> suppressed = new ArrayList<>();
    run.path("results").forEach(r -> {
      if (r.has("suppressions")) {
        suppressed.add(r);
      }
    });
    // THEN the one waived finding is an accepted external suppression with the waiver's reason
    assertThat(suppressed).hasSize(1);
    assertThat(suppressed.get(0).path("locations").path(0).path("physicalLocation").path("artifactLocation")
        .path("uri").asText()).isEqualTo("tmp/notes.txt");
    JsonNode s = suppressed.get(0).path("suppressions").path(0);
    assertThat(s.path("kind").asText()).isEqualTo("external");
    assertThat(s.path("status").asText()).isEqualTo("accepted");
    assertThat(s.path("justification").asText()).isEqualTo("scratch file, accepted (waived until 2999-12-31)");
    // AND the run is not successful, with an error notification naming the broken inspector
    JsonNode invocation = run.path("invocations").path(0);
    assertThat(invocation.path("executionSuccessful").asBoolean()).isFalse();
    JsonNode error = invocation.path("toolExecutionNotifications").path(0);
    assertThat(error.path("level").asText()).isEqualTo("error");
    assertThat(error.path("descriptor").path("id").asText()).isEqualTo("broken");
    assertThat(error.path("message").path("text").asText()).startsWith("inspector broken could not run: IOException");
    assertThat(run.path("properties").path("verdict").asText()).isEqualTo("INCOMPLETE");
  }

  @Test
  void should_keep_fingerprints_when_the_image_is_rebuilt_with_other_layer_digests() throws IOException {
    // GIVEN the synthetic image and a rebuild of it whose base layer has other bytes (so other digests)
    Report first = TestReports.synthetic(tmp, false);
    TestImage rebuilt = TestImage.builder()
        .platform(Platform.parse("linux/amd64"))
        .layer("ADD alpine-minirootfs.tar.gz / # base, rebuilt", l -> l
            .directory("/bin")
            .file("/bin/busybox", "\u007fELF busybox stand-in, rebuilt with a newer compiler", 0755)
            .symlink("/bin/sh", "busybox"))
        .build();
    Path dir = tmp.resolve("rebuilt");
    rebuilt.writeOciLayout(dir, "latest");
    Report second;
    try (ImageSource s = ImageSources.open("oci:" + dir + ":latest")) {
      second = Scanner.with(TestReports.syntheticPolicy(false), TestReports.syntheticInspectors())
          .withClock(TestReports.CLOCK).scan(s.image());
    }
    // WHEN both are written
    JsonNode a = result(run(first), "shell.present");
    JsonNode b = result(run(second), "shell.present");
    // THEN the layers differ but the shell finding has the same fingerprint
    assertThat(a.path("properties").path("layerDigest").asText())
        .isNotEqualTo(b.path("properties").path("layerDigest").asText());
    assertThat(a.path("partialFingerprints").path(SarifWriter.FINGERPRINT_KEY).asText())
        .hasSize(64)
        .isEqualTo(b.path("partialFingerprints").path(SarifWriter.FINGERPRINT_KEY).asText());
  }

  @Test
  void should_give_different_fingerprints_to_different_paths_targets_and_messages() {
    // GIVEN findings that differ in one part each
    Finding sh = Finding.at("shell.present", "shell", Severity.HIGH, "m", "/bin/sh", null,
        Map.of("resolvedTarget", "/bin/busybox"));
    Finding bash = Finding.at("shell.present", "shell", Severity.HIGH, "m", "/bin/bash", null,
        Map.of("resolvedTarget", "/bin/busybox"));
    Finding dash = Finding.at("shell.present", "shell", Severity.HIGH, "other message", "/bin/sh", null,
        Map.of("resolvedTarget", "/bin/dash"));
    Finding env1 = new Finding("secrets.env", "secrets", Severity.HIGH, "ENV A looks like a secret", Optional.empty(),
        Optional.empty(), Map.of());
    Finding env2 = new Finding("secrets.env", "secrets", Severity.HIGH, "ENV B looks like a secret", Optional.empty(),
        Optional.empty(), Map.of());
    // WHEN / THEN the path and the resolved target count, the message of a path finding does not
    assertThat(SarifWriter.fingerprint(sh)).isNotEqualTo(SarifWriter.fingerprint(bash))
        .isNotEqualTo(SarifWriter.fingerprint(dash));
    assertThat(SarifWriter.fingerprint(sh)).isEqualTo(SarifWriter.fingerprint(sh.withSeverity(Severity.LOW)));
    assertThat(SarifWriter.fingerprint(env1)).isNotEqualTo(SarifWriter.fingerprint(env2));
  }
}
