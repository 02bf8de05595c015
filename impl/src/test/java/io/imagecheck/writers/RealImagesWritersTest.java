package io.imagecheck.writers;

import io.imagecheck.writers.support.RuleCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import io.imagecheck.report.Report;
import io.imagecheck.writers.sbom.CycloneDxJsonWriter;
import io.imagecheck.writers.sbom.SpdxJsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * Every format for the third-party fixture images (../shared/fixtures/real), scanned with the built-in
 * inspectors plus the test stand-ins for those not built in yet; each output validated against its
 * official schema (SARIF, SPDX, CycloneDX) or shape (JUnit, HTML, Markdown). The outputs are kept under
 * target/writer-samples for people to look at.
 */
class RealImagesWritersTest {

  private static final Path SAMPLES = Path.of("target", "writer-samples");

  static List<String> images() {
    return TestReports.realImages();
  }

  private static RuleCatalog catalog() {
    return RuleCatalog.of(TestInspectors.builtInPlusFakes());
  }

  @ParameterizedTest
  @MethodSource("images")
  void should_write_every_format_valid_for_a_real_image(String image) throws IOException {
    // GIVEN the report of a real image
    Report report = TestReports.real(image);
    // WHEN written in each format THEN each validates against its schema or has its shape
    Map<String, byte[]> outputs = FormatChecks.writeAll(report, catalog(),
        SAMPLES.resolve(image.replaceAll("[/:]", "_")));
    assertThat(outputs.keySet()).containsExactly("sarif", "junit", "spdx", "cyclonedx", "markdown", "html");
  }

  /** Names and versions of an SPDX document's packages (without the image), for assertions. */
  static Map<String, String> spdxPackages(byte[] spdx) throws IOException {
    Map<String, String> out = new TreeMap<>();
    JsonNode packages = Json.mapper().readTree(spdx).path("packages");
    for (int i = 1; i < packages.size(); i++) {
      out.put(packages.path(i).path("name").asText(), packages.path(i).path("versionInfo").asText());
    }
    return out;
  }

  /** The location URIs of a SARIF log's results whose rule id starts with a prefix. */
  static List<String> sarifUris(byte[] sarif, String rulePrefix) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode r : Json.mapper().readTree(sarif).path("runs").path(0).path("results")) {
      if (r.path("ruleId").asText().startsWith(rulePrefix)) {
        out.add(r.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText());
      }
    }
    return out;
  }

  @Test
  void should_list_alpine_3_11_packages_and_its_busybox_shell() throws Exception {
    // GIVEN alpine:3.11 (14 apk packages; /bin/sh -> /bin/busybox; apk in /sbin)
    Report report = TestReports.real("trivy-docker-save-alpine311/alpine-311.tar.gz");
    // WHEN written as SPDX, CycloneDX and SARIF
    Map<String, String> spdx = spdxPackages(TestReports.write(new SpdxJsonWriter(TestReports.CLOCK), report));
    var bom = new JsonParser().parse(TestReports.write(new CycloneDxJsonWriter(TestReports.CLOCK), report));
    byte[] sarif = TestReports.write(ReportWriters.sarif(catalog()), report);
    // THEN both SBOMs list the 14 packages with their versions
    assertThat(spdx).hasSize(14).containsEntry("musl", "1.1.24-r2").containsEntry("busybox", "1.31.1-r9")
        .containsEntry("apk-tools", "2.10.4-r3");
    assertThat(bom.getComponents()).hasSize(14);
    assertThat(bom.getComponents()).allSatisfy(c -> assertThat(c.getPurl()).startsWith("pkg:apk/"));
    assertThat(bom.getComponents()).anySatisfy(c -> {
      assertThat(c.getName()).isEqualTo("musl");
      assertThat(c.getVersion()).isEqualTo("1.1.24-r2");
      assertThat(c.getProperties()).anySatisfy(p -> {
        assertThat(p.getName()).isEqualTo("imagecheck:layer:index");
        assertThat(p.getValue()).isEqualTo("0");
      });
    });
    // AND SARIF locates the shell at bin/sh and the package manager at sbin/apk
    assertThat(sarifUris(sarif, "shell.")).contains("bin/sh");
    assertThat(sarifUris(sarif, "package-manager.")).contains("sbin/apk");
    // AND the HTML chart marks its one layer for both
    String html = new String(TestReports.write(ReportWriters.html(catalog()), report), StandardCharsets.UTF_8);
    assertThat(html).contains("<g class=\"layer\" data-layer=\"1\" data-marks=\"package-manager shell\">");
    assertThat(html).contains("data-ecosystem=\"apk\" data-count=\"14\"");
  }

  @Test
  void should_list_the_three_distroless_packages_and_no_shell() throws Exception {
    // GIVEN the distroless Debian 11 image of slsa-verifier (dpkg status.d: base-files, netbase, tzdata; no shell)
    Report report = TestReports.real("oci:slsa-verifier-cosign-layout-v1.4.0/container_workflow_dispatch"
        + ":sha256:a74d89d8dd863ca5dae4a29e0feede81ddf59197849a80784af5a02ab7786925");
    // WHEN written as SPDX and SARIF
    Map<String, String> spdx = spdxPackages(TestReports.write(new SpdxJsonWriter(TestReports.CLOCK), report));
    byte[] sarif = TestReports.write(ReportWriters.sarif(catalog()), report);
    // THEN
    assertThat(spdx).containsOnlyKeys("base-files", "netbase", "tzdata")
        .containsEntry("base-files", "11.1+deb11u4").containsEntry("netbase", "6.3")
        .containsEntry("tzdata", "2021a-1+deb11u4");
    assertThat(sarifUris(sarif, "shell.")).isEmpty();
    assertThat(report.image().digest().hex()).startsWith("a74d89d8");
  }

  @Test
  void should_point_at_the_hardlinked_busybox_shell_of_dive() throws Exception {
    // GIVEN dive's 14-layer busybox image (/bin/sh hard-linked to /bin/[ in layer 1)
    Report report = TestReports.real("dive-docker-save-busybox/test-docker-image.tar");
    // WHEN written as SARIF and JUnit
    JsonNode run = Json.mapper().readTree(TestReports.write(ReportWriters.sarif(catalog()), report)).path("runs")
        .path(0);
    Document junit = JUnitShapes.validate(TestReports.write(ReportWriters.junit(catalog()), report));
    // THEN the shell result is at bin/sh, from layer 1
    JsonNode shell = null;
    for (JsonNode r : run.path("results")) {
      if (r.path("ruleId").asText().startsWith("shell.") && r.path("locations").path(0).path("physicalLocation")
          .path("artifactLocation").path("uri").asText().equals("bin/sh")) {
        shell = r;
      }
    }
    assertThat(shell).isNotNull();
    assertThat(shell.path("properties").path("layerNumber").asInt()).isEqualTo(1);
    assertThat(run.path("properties").path("image").path("layers").asInt()).isEqualTo(14);
    // AND the JUnit report fails the shell inspector's suite
    assertThat(junit.getDocumentElement().getAttribute("failures")).isNotEqualTo("0");
  }
}
