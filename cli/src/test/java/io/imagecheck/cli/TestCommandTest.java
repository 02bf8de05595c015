package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import io.imagecheck.testimage.TestImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Runs {@code imagecheck test} in-process: exit codes, the three formats, --output and config errors. */
class TestCommandTest {

  private static final TestImage IMAGE = TestImage.builder()
      .config(c -> c.user("65532").entrypoint(List.of("/app/server")).exposedPorts(List.of("8080/tcp")))
      .layer("COPY app /app/", l -> l.directory("/app").file("/app/server", "server", 0755)
          .file("/app/app.properties", "mode=production\n"))
      .build();

  @TempDir
  Path tmp;

  String image;
  Path passing;
  Path failing;

  @BeforeEach
  void write() throws IOException {
    IMAGE.writeOciLayout(tmp.resolve("layout"), "latest");
    image = "oci:" + tmp.resolve("layout") + ":latest";
    passing = Files.writeString(tmp.resolve("pass.yaml"), """
        schemaVersion: '2.0.0'
        commandTests:
          - {name: version, command: /app/server, args: [--version]}
        fileExistenceTests:
          - {name: server, path: /app/server, permissions: '-rwxr-xr-x', isExecutableBy: any}
          - {name: no shell, path: /bin/sh, shouldExist: false}
        fileContentTests:
          - {name: production, path: /app/app.properties, expectedContents: ['mode=production']}
        metadataTest:
          user: '65532'
          exposedPorts: ['8080']
        """);
    failing = Files.writeString(tmp.resolve("fail.yaml"), """
        schemaVersion: '2.0.0'
        fileExistenceTests:
          - {name: server owned by root, path: /app/server, uid: 1000}
        """);
  }

  @Test
  void should_exit_0_and_print_container_structure_test_text_when_every_test_passes() {
    // WHEN
    CliRun run = CliRun.of("test", image, "--config", passing.toString());

    // THEN
    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).startsWith("=== RUN: Command Test: version\n--- SKIP\n")
        .contains("=== RUN: File Existence Test: server\n--- PASS\n")
        .contains("=== RUN: Metadata Test\n--- PASS\n")
        .endsWith("Passes:      4\nFailures:    0\nSkipped:     1\nTotal tests: 5\n\nPASS\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void should_exit_1_naming_the_failed_test_and_the_layer() {
    // WHEN
    CliRun run = CliRun.of("test", image, "-c", passing.toString(), "-c", failing.toString());

    // THEN
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("=== RUN: " + failing + ": File Existence Test: server owned by root\n--- FAIL\n"
        + "Error: /app/server has incorrect user ownership. Expected: 1000, Actual: 0 (layer 1 of 1 ("
        + IMAGE.layerDigests().get(0).shortForm() + "), history step 1: COPY app /app/)\n");
    assertThat(run.out()).endsWith("Failures:    1\nSkipped:     1\nTotal tests: 6\n\nFAIL\n");
  }

  @Test
  void should_write_the_json_report_document() throws IOException {
    // WHEN
    CliRun run = CliRun.of("test", image, "--config", failing.toString(), "--format", "json");

    // THEN
    assertThat(run.code()).isEqualTo(1);
    JsonNode doc = Json.mapper().readTree(run.out());
    assertThat(doc.path("verdict").asText()).isEqualTo("FAIL");
    assertThat(doc.path("policy").path("name").asText()).isEqualTo("structure-tests");
    JsonNode result = doc.path("results").get(0);
    assertThat(result.path("inspector").asText()).isEqualTo("File Existence Test: server owned by root");
    assertThat(result.path("findings").get(0).path("ruleId").asText()).isEqualTo("structure.file-existence");
    assertThat(result.path("findings").get(0).path("layer").path("index").asInt()).isEqualTo(0);
    assertThat(result.path("findings").get(0).path("path").asText()).isEqualTo("/app/server");
  }

  @Test
  void should_write_junit_xml_to_a_file_and_the_counts_to_stderr() throws Exception {
    // GIVEN
    Path xml = tmp.resolve("results.xml");

    // WHEN
    CliRun run = CliRun.of("test", image, "--config", passing.toString(), "--format", "JUNIT", "--output",
        xml.toString());

    // THEN
    assertThat(run.code()).isEqualTo(0);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("imagecheck: PASS: 4 run, 0 failed, 0 errored, 1 skipped; results written to "
        + xml + "\n");
    Document doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(xml.toFile());
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(5);
    assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("5");
  }

  @Test
  void should_exit_2_naming_file_line_and_field_of_a_bad_config() throws IOException {
    // GIVEN
    Path bad = Files.writeString(tmp.resolve("bad.yaml"), "schemaVersion: '2.0.0'\nmetadataTest:\n  usr: root\n",
        StandardCharsets.UTF_8);

    // WHEN
    CliRun run = CliRun.of("test", image, "--config", bad.toString());

    // THEN
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("imagecheck: " + bad + ":3: metadataTest: unknown field \"usr\"; expected one"
        + " of env, envVars, unboundEnv, unboundEnvVars, labels, entrypoint, cmd, workdir, user, exposedPorts,"
        + " unexposedPorts, volumes, unmountedVolumes\n");
  }

  @Test
  void should_exit_2_for_a_missing_config_option_or_an_unknown_format() {
    CliRun noConfig = CliRun.of("test", image);
    assertThat(noConfig.code()).isEqualTo(2);
    assertThat(noConfig.err()).startsWith("imagecheck: Missing required option: '--config=FILE'");
    CliRun badFormat = CliRun.of("test", image, "-c", passing.toString(), "--format", "sarif");
    assertThat(badFormat.code()).isEqualTo(2);
    assertThat(badFormat.err()).contains("expected text, json or junit, got \"sarif\"");
  }
}
