package io.imagecheck.writers;

import io.imagecheck.writers.support.RuleCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.lab.LabImageFacts;
import io.imagecheck.lab.LabImages;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every format for the real-tool lab images (lab/make-images.sh: umoci, buildah, skopeo, debootstrap), each
 * validated against its schema or shape; outputs kept under target/writer-samples/lab-*.
 */
class LabReportsIT {

  private static Report scan(LabImages lab, String name) throws IOException {
    LabImageFacts facts = lab.image(name);
    try (ImageSource s = ImageSources.open("oci:" + lab.layout(name) + ":" + facts.tag())) {
      return Scanner.with(Policy.defaults(), TestInspectors.builtInPlusFakes()).withClock(TestReports.CLOCK)
          .scan(s.image());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"busybox", "busybox-zstd", "distroless", "debian", "debian-stripped", "pkgdbs", "bud"})
  void should_write_every_format_valid_for_a_lab_image(String name) throws IOException {
    // GIVEN the report of a lab image
    LabImages lab = LabImages.get();
    Report report = scan(lab, name);
    // WHEN written in every format THEN each is valid
    Map<String, byte[]> outputs = FormatChecks.writeAll(report, RuleCatalog.of(TestInspectors.builtInPlusFakes()),
        Path.of("target", "writer-samples", "lab-" + name));
    assertThat(outputs).hasSize(6);
    assertThat(report.image().layers()).hasSize(lab.image(name).layers().size());
  }

  @Test
  void should_list_every_installed_debian_package_and_no_shell_once_stripped() throws IOException {
    // GIVEN debootstrap's Debian 12 (dpkg-query counts its installed packages) and its stripped variant
    LabImages lab = LabImages.get();
    int installed = lab.image("debian").contents().dpkgInstalled().orElseThrow();
    Report debian = scan(lab, "debian");
    Report stripped = scan(lab, "debian-stripped");
    // WHEN written as SPDX and SARIF
    Map<String, String> spdx = RealImagesWritersTest.spdxPackages(
        FormatChecks.writeAll(debian, RuleCatalog.of(TestInspectors.builtInPlusFakes()),
            Path.of("target", "writer-samples", "lab-debian")).get("spdx"));
    byte[] debianSarif = TestReports.write(ReportWriters.sarif(RuleCatalog.of(TestInspectors.builtInPlusFakes())),
        debian);
    byte[] strippedSarif = TestReports.write(
        ReportWriters.sarif(RuleCatalog.of(TestInspectors.builtInPlusFakes())), stripped);
    // THEN the SBOM has as many packages as dpkg-query counts, bash among them
    assertThat(spdx).hasSize(installed).containsKeys("bash", "dash", "apt", "base-files");
    // AND the stripped image, whose dpkg database still lists bash, has no shell result
    assertThat(RealImagesWritersTest.sarifUris(debianSarif, "shell.")).isNotEmpty();
    assertThat(RealImagesWritersTest.sarifUris(strippedSarif, "shell.")).isEmpty();
    String html = new String(TestReports.write(ReportWriters.html(RuleCatalog.of(TestInspectors.builtInPlusFakes())),
        stripped), StandardCharsets.UTF_8);
    assertThat(html).contains("<g class=\"layer\" data-layer=\"4\"");
  }
}
