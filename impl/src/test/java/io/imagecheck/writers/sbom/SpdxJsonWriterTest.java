package io.imagecheck.writers.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import io.imagecheck.internal.json.Json;
import io.imagecheck.report.Report;
import io.imagecheck.writers.JsonSchemas;
import io.imagecheck.writers.TestReports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPDX 2.3 JSON of synthetic reports, validated against the SPDX project's 2.3 JSON schema. */
class SpdxJsonWriterTest {

  @TempDir Path tmp;

  private final SpdxJsonWriter writer = new SpdxJsonWriter(TestReports.CLOCK);

  @Test
  void should_validate_against_the_spdx_2_3_schema() throws IOException {
    // GIVEN the schema and the synthetic report
    Schema schema = JsonSchemas.spdx();
    // WHEN written as SPDX
    byte[] spdx = TestReports.write(writer, TestReports.synthetic(tmp, false));
    // THEN it is valid
    assertThat(JsonSchemas.errors(schema, spdx)).isEmpty();
  }

  @Test
  void should_notice_an_invalid_document_with_the_same_validator() throws IOException {
    // GIVEN valid output with a relationship type SPDX does not have
    Schema schema = JsonSchemas.spdx();
    String spdx = new String(TestReports.write(writer, TestReports.synthetic(tmp, false)), StandardCharsets.UTF_8);
    String broken = spdx.replace("\"CONTAINS\"", "\"HOLDS\"");
    // WHEN validated THEN rejected
    assertThat(broken).isNotEqualTo(spdx);
    assertThat(JsonSchemas.errors(schema, broken.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
  }

  @Test
  void should_list_the_image_and_its_packages_with_purls_and_layer_origin() throws IOException {
    // GIVEN the synthetic report (5 apk packages, database written by layer 2)
    Report report = TestReports.synthetic(tmp, false);
    // WHEN written
    JsonNode doc = Json.mapper().readTree(TestReports.write(writer, report));
    // THEN the document describes the image, which contains the 5 packages
    assertThat(doc.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    assertThat(doc.path("dataLicense").asText()).isEqualTo("CC0-1.0");
    assertThat(doc.path("creationInfo").path("created").asText()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(doc.path("creationInfo").path("creators").path(0).asText()).isEqualTo("Tool: imagecheck-"
        + report.toolVersion());
    assertThat(doc.path("documentNamespace").asText()).startsWith("urn:uuid:");
    JsonNode packages = doc.path("packages");
    assertThat(packages).hasSize(6);
    JsonNode image = packages.path(0);
    assertThat(image.path("SPDXID").asText()).isEqualTo("SPDXRef-Image");
    assertThat(image.path("primaryPackagePurpose").asText()).isEqualTo("CONTAINER");
    assertThat(image.path("checksums").path(0).path("checksumValue").asText()).isEqualTo(report.image().digest().hex());
    List<String> purls = new ArrayList<>();
    for (int i = 1; i < packages.size(); i++) {
      purls.add(packages.path(i).path("externalRefs").path(0).path("referenceLocator").asText());
    }
    assertThat(purls).containsExactly("pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64",
        "pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64", "pkg:apk/alpine/apk-tools@2.14.4-r1?arch=x86_64",
        "pkg:apk/alpine/libcurl@8.9.1-r0?arch=x86_64", "pkg:apk/alpine/curl@8.9.1-r0?arch=x86_64");
    JsonNode curl = packages.path(5);
    assertThat(curl.path("SPDXID").asText()).isEqualTo("SPDXRef-Package-5-apk-curl");
    assertThat(curl.path("name").asText()).isEqualTo("curl");
    assertThat(curl.path("versionInfo").asText()).isEqualTo("8.9.1-r0");
    assertThat(curl.path("externalRefs").path(0).path("referenceCategory").asText()).isEqualTo("PACKAGE-MANAGER");
    assertThat(curl.path("externalRefs").path(0).path("referenceType").asText()).isEqualTo("purl");
    assertThat(curl.path("sourceInfo").asText()).isEqualTo("read from /lib/apk/db/installed (apk)");
    assertThat(curl.path("comment").asText()).contains("layer 2 of 4").contains("history step 3: RUN apk add");
    assertThat(curl.path("licenseComments").asText()).isEqualTo("The package database declares: curl");
    // AND the relationships say so
    JsonNode rel = doc.path("relationships");
    assertThat(rel).hasSize(6);
    assertThat(rel.path(0).path("relationshipType").asText()).isEqualTo("DESCRIBES");
    assertThat(rel.path(5).path("spdxElementId").asText()).isEqualTo("SPDXRef-Image");
    assertThat(rel.path(5).path("relatedSpdxElement").asText()).isEqualTo("SPDXRef-Package-5-apk-curl");
  }
}
