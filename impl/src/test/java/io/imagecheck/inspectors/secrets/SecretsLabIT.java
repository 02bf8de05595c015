package io.imagecheck.inspectors.secrets;

import static io.imagecheck.testing.ReportScans.result;
import static io.imagecheck.testing.ReportScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.lab.LabImages;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Precision on images made by real tools: a debootstrap Debian rootfs (CA certificates, apt's public
 * keys, GnuTLS, documentation ...), busybox, distroless and the package-database image hold no secret,
 * so every file of every layer must scan clean, without help from the allowlists.
 */
class SecretsLabIT {

  @ParameterizedTest
  @ValueSource(strings = {"debian", "debian-stripped", "busybox", "distroless", "pkgdbs", "bud"})
  void should_find_no_secret_in_lab_images(String name) throws IOException {
    // GIVEN a lab image
    LabImages lab = LabImages.get();
    String reference = "oci:" + lab.layout(name) + ":" + lab.image(name).tag();
    // WHEN scanned for secrets
    Report report = scan(reference, new SecretsInspector(), Policy.defaults());
    // THEN no finding, no secret, nothing allowlisted
    assertThat(report.findings()).isEmpty();
    assertThat(result(report, SecretsInspector.ID).fact("secrets")).hasValueSatisfying(s -> assertThat(s).asList()
        .isEmpty());
    assertThat(result(report, SecretsInspector.ID).fact("allowlisted")).hasValueSatisfying(s -> assertThat(s).asList()
        .isEmpty());
  }
}
