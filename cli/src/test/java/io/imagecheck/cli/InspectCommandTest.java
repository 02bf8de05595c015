package io.imagecheck.cli;

import io.imagecheck.testimage.SampleImages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code imagecheck inspect} in-process against third-party fixtures and the sample image. */
class InspectCommandTest {

  private static final String DIVE = "dive-docker-save-busybox/test-docker-image.tar";
  private static final String DIVE_CONFIG = "sha256:75ae28b8ebf89b203319069ddcbecdf5c3838503bbebc0d0d85e4b8589c5de3a";
  private static final String REGCLIENT_V2_INDEX =
      "sha256:dfae8f425735a5e3a72e40d6609e03079995511d48157c74d54801ff4430491e";

  @TempDir
  Path tmp;

  private static JsonNode json(CliRun run) throws IOException {
    assertThat(run.code()).as("exit code, stderr: %s", run.err()).isZero();
    return Json.mapper().readTree(run.out());
  }

  @Test
  void should_print_14_layers_of_dive_busybox_with_short_digests_and_history_steps() {
    // GIVEN dive's docker save of busybox: 15 history entries, entry 2 (CMD) made no layer
    String path = Fixtures.real(DIVE).toString();
    // WHEN
    CliRun run = CliRun.of("inspect", path);
    // THEN
    assertThat(run.code()).isEqualTo(ExitCode.OK.code());
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("reference   docker-archive:" + path + "\n")
        .contains("config      sha256:75ae28b8ebf8\n")
        .doesNotContain(DIVE_CONFIG)
        .contains("platform    linux/amd64\n")
        .contains("user        (not set: runs as root)\n")
        .contains("cmd         [\"sh\"]\n")
        .contains("history     15 steps, 14 of them made layers\n")
        .contains("layers      14, ")
        .contains("layer 1 of 14  sha256:23bc2b70b201\n")
        .contains("created by  history step 1 of 15: /bin/sh -c #(nop) ADD file:ce026b62356e")
        .contains("created by  history step 3 of 15: /bin/sh -c #(nop) ADD file:139c3708fb62")
        .contains("created by  history step 15 of 15: /bin/sh -c chmod +x /root/saved.txt")
        .contains("layer 14 of 14  ")
        .doesNotContain("layer 15")
        .contains("(synthesized from the archive's manifest.json)");
    assertThat(run.out().lines().filter(l -> l.startsWith("layer ") && l.contains(" of 14"))).hasSize(14);
  }

  @Test
  void should_write_json_with_documented_fields_and_full_digests() throws IOException {
    // GIVEN
    String path = Fixtures.real(DIVE).toString();
    // WHEN
    JsonNode report = json(CliRun.of("inspect", "--format", "json", path));
    // THEN
    assertThat(report.get("schemaVersion").asInt()).isEqualTo(InspectReport.SCHEMA_VERSION);
    assertThat(report.get("reference").asText()).isEqualTo("docker-archive:" + path);
    assertThat(report.get("transport").asText()).isEqualTo("docker-archive");
    assertThat(report.get("index").isNull()).isTrue();
    assertThat(report.at("/manifest/synthesized").asBoolean()).isTrue();
    assertThat(report.at("/manifest/mediaType").asText())
        .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    assertThat(report.at("/config/digest").asText()).isEqualTo(DIVE_CONFIG);
    assertThat(report.get("platform").asText()).isEqualTo("linux/amd64");
    assertThat(report.get("user").asText()).isEmpty();
    assertThat(report.get("entrypoint")).isEmpty();
    assertThat(report.get("cmd")).hasSize(1);
    assertThat(report.at("/cmd/0").asText()).isEqualTo("sh");
    assertThat(report.at("/env/0").asText())
        .isEqualTo("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    assertThat(report.at("/history/steps").asInt()).isEqualTo(15);
    assertThat(report.at("/history/layerSteps").asInt()).isEqualTo(14);
    assertThat(report.at("/history/matchesLayers").asBoolean()).isTrue();
    JsonNode layers = report.get("layers");
    assertThat(layers).hasSize(14);
    JsonNode base = layers.get(0);
    assertThat(base.get("index").asInt()).isZero();
    assertThat(base.get("number").asInt()).isEqualTo(1);
    assertThat(base.get("digest").asText()).matches("sha256:[0-9a-f]{64}").isEqualTo(base.get("diffId").asText());
    assertThat(base.get("mediaType").asText()).isEqualTo("application/vnd.docker.image.rootfs.diff.tar");
    assertThat(base.get("size").asLong()).isEqualTo(1_369_600L);
    assertThat(base.get("historyStep").asInt()).isEqualTo(1);
    assertThat(layers.get(1).get("historyStep").asInt()).isEqualTo(3);
    assertThat(layers.get(13).get("index").asInt()).isEqualTo(13);
    assertThat(layers.get(13).get("historyStep").asInt()).isEqualTo(15);
    assertThat(layers.get(13).get("createdBy").asText()).isEqualTo("/bin/sh -c chmod +x /root/saved.txt");
  }

  @Test
  void should_select_linux_arm_v7_from_the_regclient_v2_index_and_report_the_index() throws IOException {
    // GIVEN regclient's v2: an index with amd64, arm64 and arm/v7
    String ref = "oci:" + Fixtures.real("regclient-testrepo/testrepo") + ":v2";
    // WHEN
    CliRun text = CliRun.of("inspect", ref, "--platform", "linux/arm/v7");
    JsonNode json = json(CliRun.of("inspect", ref, "--platform", "linux/arm/v7", "--format", "JSON"));
    // THEN
    assertThat(text.code()).isZero();
    assertThat(text.out())
        .contains("platform    linux/arm/v7\n")
        .contains("index       sha256:dfae8f425735  application/vnd.oci.image.index.v1+json\n");
    assertThat(json.get("platform").asText()).isEqualTo("linux/arm/v7");
    assertThat(json.at("/index/digest").asText()).isEqualTo(REGCLIENT_V2_INDEX);
    assertThat(json.get("transport").asText()).isEqualTo("oci");
  }

  @Test
  void should_exit_2_with_one_line_naming_the_path_and_docker_prefix_when_the_path_is_missing() {
    // GIVEN
    String missing = tmp.resolve("no-such-image.tar").toString();
    // WHEN
    CliRun run = CliRun.of("inspect", missing);
    // THEN
    assertThat(run.code()).isEqualTo(ExitCode.ERROR.code());
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("imagecheck: " + missing + ": no such file or directory")
        .contains("docker://" + missing));
  }

  @Test
  void should_exit_2_with_one_line_and_no_stack_trace_for_a_null_manifest() {
    // GIVEN ggcr's null_manifest.tar: manifest.json is the JSON literal null
    String path = Fixtures.real("ggcr-tarball/null_manifest.tar").toString();
    // WHEN
    CliRun run = CliRun.of("inspect", path);
    // THEN
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).containsExactly(
        "imagecheck: docker-archive:" + path + ": manifest.json is null, expected a list of images");
  }

  @Test
  void should_print_the_stack_trace_before_the_line_with_debug() {
    // GIVEN
    String path = Fixtures.real("ggcr-tarball/null_manifest.tar").toString();
    // WHEN
    CliRun run = CliRun.of("inspect", "--debug", path);
    // THEN
    assertThat(run.code()).isEqualTo(2);
    List<String> lines = run.errLines();
    assertThat(lines.get(0)).startsWith("io.imagecheck.source.ImageFormatException: docker-archive:" + path);
    assertThat(lines).anyMatch(l -> l.startsWith("\tat io.imagecheck.cli.InspectCommand.call("));
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("imagecheck: docker-archive:" + path + ": manifest.json is null, expected a list of images");
  }

  @Test
  void should_exit_2_with_a_usage_message_for_a_malformed_platform_before_opening_the_source() {
    // GIVEN a source that does not exist: the platform must be refused first
    String missing = tmp.resolve("absent.tar").toString();
    // WHEN
    CliRun run = CliRun.of("inspect", missing, "--platform", "x");
    // THEN
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("imagecheck: Invalid value for option '--platform': "
        + "platform must be os/arch[/variant], got \"x\" (see 'imagecheck inspect --help')");
  }

  @Test
  void should_exit_2_for_unknown_limits_and_formats_and_a_missing_source() {
    // WHEN / THEN
    assertThat(CliRun.of("inspect", "x.tar", "--limit", "nope=1").errLines()).singleElement()
        .satisfies(l -> assertThat(l).startsWith("imagecheck: Invalid value for option '--limit' (NAME=VALUE): "
            + "unknown limit \"nope\""));
    assertThat(CliRun.of("inspect", "x.tar", "--format", "yaml").errLines()).containsExactly(
        "imagecheck: Invalid value for option '--format': expected one of text, json, sarif, junit, spdx, "
            + "cyclonedx, markdown, html, got \"yaml\" (see 'imagecheck inspect --help')");
    CliRun sarif = CliRun.of("inspect", "x.tar", "--format", "sarif");
    assertThat(sarif.code()).isEqualTo(2);
    assertThat(sarif.errLines()).containsExactly("imagecheck: --format sarif is a scan report format; inspect "
        + "writes text or json (see 'imagecheck inspect --help')");
    CliRun noSource = CliRun.of("inspect");
    assertThat(noSource.code()).isEqualTo(2);
    assertThat(noSource.errLines()).containsExactly(
        "imagecheck: Missing required parameter: 'SOURCE' (see 'imagecheck inspect --help')");
  }

  @Test
  void should_apply_limits_to_the_read(@TempDir Path dir) throws IOException {
    // GIVEN the sample, whose index.json is larger than 100 bytes
    SampleImages.write(dir);
    String archive = dir.resolve(SampleImages.OCI_ARCHIVE).toString();
    // WHEN
    CliRun run = CliRun.of("inspect", archive, "--limit", "manifest-bytes=100");
    // THEN
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().satisfies(l -> assertThat(l)
        .startsWith("imagecheck: oci-archive:" + archive + ": ")
        .contains("manifest-bytes=100"));
  }

  @Test
  void should_read_the_sample_in_all_three_formats_with_the_same_config_and_history_steps(@TempDir Path dir)
      throws IOException {
    // GIVEN the sample written as OCI archive, docker-archive and OCI layout
    SampleImages.write(dir);
    List<JsonNode> reports = new ArrayList<>();
    // WHEN
    for (String name : List.of(SampleImages.OCI_ARCHIVE, SampleImages.DOCKER_ARCHIVE, SampleImages.OCI_LAYOUT)) {
      reports.add(json(CliRun.of("inspect", "--format=json", dir.resolve(name).toString())));
    }
    // THEN
    assertThat(reports).extracting(r -> r.get("transport").asText())
        .containsExactly("oci-archive", "docker-archive", "oci");
    assertThat(reports).extracting(r -> r.at("/config/digest").asText()).containsOnly(
        reports.get(0).at("/config/digest").asText());
    for (JsonNode r : reports) {
      assertThat(r.get("user").asText()).isEqualTo("nonroot");
      assertThat(r.at("/entrypoint/0").asText()).isEqualTo("/app/server");
      assertThat(r.at("/history/steps").asInt()).isEqualTo(SampleImages.app().config().history().size());
      assertThat(r.get("layers")).extracting(l -> l.get("historyStep").asInt()).containsExactly(1, 2, 3);
      assertThat(r.get("layers")).extracting(l -> l.get("createdBy").asText())
          .containsExactly("ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # base", "COPY build/ / # app",
              "RUN rm -f /tmp/build.log");
      assertThat(r.at("/labels/org.opencontainers.image.title").asText()).isEqualTo("imagecheck-sample-app");
      assertThat(r.at("/exposedPorts/0").asText()).isEqualTo("8080/tcp");
      assertThat(r.get("workingDir").asText()).isEqualTo("/app");
    }
    assertThat(reports.get(1).at("/manifest/synthesized").asBoolean()).isTrue();
    assertThat(reports.get(0).at("/manifest/synthesized").asBoolean()).isFalse();
  }

  @Test
  void should_print_the_sample_as_text_with_layers_counted_from_1(@TempDir Path dir) throws IOException {
    // GIVEN
    SampleImages.write(dir);
    // WHEN
    CliRun run = CliRun.of("inspect", dir.resolve(SampleImages.OCI_ARCHIVE).toString());
    // THEN
    assertThat(run.code()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("user        nonroot\n")
        .contains("entrypoint  [\"/app/server\"]\n")
        .contains("history     6 steps, 3 of them made layers\n")
        .contains("layer 2 of 3  sha256:")
        .contains("created by  history step 2 of 6: COPY build/ / # app\n")
        .contains("labels      org.opencontainers.image.description=imagecheck's bundled sample: almost hardened,"
            + " on purpose not quite\n"
            + "            org.opencontainers.image.title=imagecheck-sample-app\n");
  }
}
