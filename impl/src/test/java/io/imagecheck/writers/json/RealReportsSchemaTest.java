package io.imagecheck.writers.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.image.Image;
import io.imagecheck.internal.json.Json;
import io.imagecheck.policies.Policies;
import io.imagecheck.report.Report;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.SampleImages;
import io.imagecheck.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports of the built-in inspectors (whatever main registers) on the bundled sample and on real
 * third-party images: the facts they produce are JSON-shaped, and every document validates against
 * the schema.
 */
class RealReportsSchemaTest {

  @TempDir Path tmp;

  private static List<Report> scanAll(String reference) throws IOException {
    List<Report> out = new ArrayList<>();
    try (ImageSource source = ImageSources.open(reference)) {
      for (Image image : source.images()) {
        out.add(Scanner.with(Policies.hardened()).scan(source, image));
      }
    }
    return out;
  }

  private static String json(List<Report> reports) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (reports.size() == 1) {
      new JsonReportWriter().write(reports.get(0), out);
    } else {
      new JsonReportWriter().writeAll(reports, out);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void should_validate_the_report_of_the_bundled_sample() throws IOException {
    // GIVEN
    SampleImages.write(tmp);
    // WHEN
    List<Report> reports = scanAll("oci-archive:" + tmp.resolve(SampleImages.OCI_ARCHIVE));
    String json = json(reports);
    // THEN
    assertThat(ReportSchema.validate(json)).isEmpty();
    JsonNode doc = Json.mapper().readTree(json);
    assertThat(doc.at("/image/layers")).hasSize(3);
    assertThat(doc.get("results")).hasSize(Scanner.with(Policies.hardened()).inspectors().size());
  }

  @Test
  void should_validate_the_reports_of_real_third_party_images() throws IOException {
    // GIVEN images written by docker save, kaniko, trivy's and regclient's tooling
    List<String> references = List.of(
        "docker-archive:" + Fixtures.real("dive-docker-save-busybox/test-docker-image.tar"),
        "docker-archive:" + Fixtures.real("trivy-docker-save-alpine311/alpine-311.tar.gz"),
        "oci-archive:" + Fixtures.real("dive-oci-variants/test-oci-zstd-image.tar"),
        "oci:" + Fixtures.real("regclient-testrepo/testrepo") + ":v2");
    for (String reference : references) {
      // WHEN
      List<Report> reports = scanAll(reference);
      String json = json(reports);
      // THEN
      assertThat(ReportSchema.validate(json)).as(reference).isEmpty();
      assertThat(reports).as(reference).allSatisfy(r -> assertThat(r.image().layers()).isNotEmpty());
    }
  }
}
