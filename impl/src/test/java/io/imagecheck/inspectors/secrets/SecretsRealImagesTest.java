package io.imagecheck.inspectors.secrets;

import static io.imagecheck.testing.ReportScans.result;
import static io.imagecheck.testing.ReportScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.testing.Fixtures;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Precision on third-party images: none of them ships a secret, so every file of every layer must
 * scan clean (certificates, public keys, binaries and all).
 */
class SecretsRealImagesTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "trivy-docker-save-alpine311/alpine-311.tar.gz",
      "dive-docker-save-busybox/test-docker-image.tar",
      "dive-kaniko-tar/test-kaniko-image.tar",
      "slsa-verifier-cosign-layout-v1.4.0/container_workflow_dispatch"
          + ":@sha256:a74d89d8dd863ca5dae4a29e0feede81ddf59197849a80784af5a02ab7786925",
      "slsa-verifier-cosign-layout-v2.1.0/container_workflow_dispatch"
          + ":@sha256:234e2c830c2fb31ac5671789d22adfe44d30c3ee831d01beae5e237841a13122"})
  void should_find_no_secret_in_real_images(String fixture) throws IOException {
    // GIVEN a real image (alpine 3.11 with its CA bundle, busybox, distroless Debian 11 and 12)
    String path = fixture.contains(":@") ? fixture.substring(0, fixture.indexOf(":@")) : fixture;
    String selector = fixture.contains(":@") ? fixture.substring(fixture.indexOf(":@")) : "";
    String reference = (selector.isEmpty() ? "" : "oci:") + Fixtures.real(path) + selector;
    // WHEN scanned for secrets
    Report report = scan(reference, new SecretsInspector(), Policy.defaults());
    // THEN nothing is found, nothing needed an allowlist
    assertThat(report.findings()).isEmpty();
    assertThat(result(report, SecretsInspector.ID).fact("secrets")).hasValueSatisfying(s -> assertThat(s)
        .asList().isEmpty());
    assertThat(result(report, SecretsInspector.ID).fact("allowlisted")).hasValueSatisfying(s -> assertThat(s)
        .asList().isEmpty());
  }
}
