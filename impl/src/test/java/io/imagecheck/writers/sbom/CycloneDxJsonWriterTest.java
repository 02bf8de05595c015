package io.imagecheck.writers.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import io.imagecheck.report.Report;
import io.imagecheck.writers.JsonSchemas;
import io.imagecheck.writers.TestReports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cyclonedx.Version;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Property;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CycloneDX 1.6 JSON of synthetic reports, validated and read back with the CycloneDX library. */
class CycloneDxJsonWriterTest {

  @TempDir Path tmp;

  private final CycloneDxJsonWriter writer = new CycloneDxJsonWriter(TestReports.CLOCK);

  @Test
  void should_validate_against_the_cyclonedx_1_6_schema() throws IOException {
    // GIVEN the synthetic report
    byte[] bom = TestReports.write(writer, TestReports.synthetic(tmp, false));
    // WHEN validated against the 1.6 JSON schema the CycloneDX library bundles
    List<String> errors = JsonSchemas.errors(JsonSchemas.cyclonedx16(), bom);
    // THEN it is valid
    assertThat(errors).isEmpty();
    assertThat(Json.mapper().readTree(bom).path("specVersion").asText()).isEqualTo("1.6");
    assertThat(Json.mapper().readTree(bom).path("bomFormat").asText()).isEqualTo("CycloneDX");
  }

  @Test
  void should_notice_an_invalid_document_with_the_same_validation() throws IOException {
    // GIVEN valid output with a component type CycloneDX does not have
    String bom = new String(TestReports.write(writer, TestReports.synthetic(tmp, false)), StandardCharsets.UTF_8);
    String broken = bom.replaceFirst("\"type\" : \"library\"", "\"type\" : \"gadget\"");
    // WHEN validated THEN rejected (the check is real)
    assertThat(broken).isNotEqualTo(bom);
    assertThat(JsonSchemas.errors(JsonSchemas.cyclonedx16(), broken.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
  }

  @Test
  void should_list_components_with_purl_version_and_layer_origin() throws Exception {
    // GIVEN the synthetic report (5 apk packages, database written by layer 2, history step 3)
    Report report = TestReports.synthetic(tmp, false);
    // WHEN written and parsed back with the library
    Bom bom = new JsonParser().parse(TestReports.write(writer, report));
    // THEN the image is the metadata component and the packages are library components
    assertThat(bom.getSerialNumber()).startsWith("urn:uuid:");
    assertThat(bom.getMetadata().getTimestamp().toInstant()).isEqualTo(TestReports.NOW);
    assertThat(bom.getMetadata().getToolChoice().getComponents().get(0).getName()).isEqualTo("imagecheck");
    Component image = bom.getMetadata().getComponent();
    assertThat(image.getType()).isEqualTo(Component.Type.CONTAINER);
    assertThat(image.getName()).isEqualTo(report.image().source());
    assertThat(image.getVersion()).isEqualTo(report.image().digest().toString());
    assertThat(image.getHashes().get(0).getValue()).isEqualTo(report.image().digest().hex());
    assertThat(bom.getComponents()).extracting(Component::getPurl).containsExactly(
        "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64", "pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64",
        "pkg:apk/alpine/apk-tools@2.14.4-r1?arch=x86_64", "pkg:apk/alpine/libcurl@8.9.1-r0?arch=x86_64",
        "pkg:apk/alpine/curl@8.9.1-r0?arch=x86_64");
    Component curl = bom.getComponents().get(4);
    assertThat(curl.getType()).isEqualTo(Component.Type.LIBRARY);
    assertThat(curl.getName()).isEqualTo("curl");
    assertThat(curl.getVersion()).isEqualTo("8.9.1-r0");
    assertThat(curl.getLicenses().getLicenses().get(0).getName()).isEqualTo("curl");
    Map<String, String> props = curl.getProperties().stream()
        .collect(Collectors.toMap(Property::getName, Property::getValue));
    assertThat(props).containsEntry("imagecheck:layer:index", "1")
        .containsEntry("imagecheck:layer:digest", report.image().layers().get(1).digest().toString())
        .containsEntry("imagecheck:history:step", "3")
        .containsEntry("imagecheck:history:createdBy", "RUN apk add --no-cache curl")
        .containsEntry("imagecheck:package:ecosystem", "apk")
        .containsEntry("imagecheck:package:sourcePath", "/lib/apk/db/installed");
    // AND the image depends on all five
    assertThat(bom.getDependencies()).hasSize(1);
    assertThat(bom.getDependencies().get(0).getRef()).isEqualTo("image");
    assertThat(bom.getDependencies().get(0).getDependencies()).hasSize(5);
  }

  @Test
  void should_stream_the_same_document_as_the_library_string_generator() throws Exception {
    // GIVEN the BOM of the synthetic report
    Report report = TestReports.synthetic(tmp, false);
    Bom bom = writer.bom(report);
    // WHEN written by the streaming writer and by the library's toJsonString()
    JsonNode streamed = Json.mapper().readTree(TestReports.write(writer, report));
    JsonNode library = Json.mapper().readTree(new BomJsonGenerator(bom, Version.VERSION_16).toJsonString());
    // THEN they are the same JSON (a library upgrade that changes its output is noticed here)
    assertThat(streamed).isEqualTo(library);
  }
}
