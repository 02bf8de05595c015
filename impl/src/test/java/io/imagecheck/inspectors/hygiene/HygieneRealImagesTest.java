package io.imagecheck.inspectors.hygiene;

import static io.imagecheck.testing.ReportScans.result;
import static io.imagecheck.testing.ReportScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.testing.Fixtures;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hygiene inspector on third-party images. */
class HygieneRealImagesTest {

  @Test
  void should_find_only_the_missing_healthcheck_in_alpine_311_read_from_a_docker_archive() throws IOException {
    // GIVEN alpine:3.11 as docker save wrote it (its apk cache directory is empty)
    String reference = Fixtures.real("trivy-docker-save-alpine311/alpine-311.tar.gz").toString();
    // WHEN scanned
    Report report = scan(reference, new HygieneInspector(), Policy.defaults());
    // THEN the only finding is the INFO about the health check; a docker archive has no mutable tag
    assertThat(report.findings()).extracting(Finding::ruleId).containsExactly(HygieneInspector.NO_HEALTHCHECK);
    InspectorResult r = result(report, HygieneInspector.ID);
    assertThat(r.fact("caches")).contains(List.of());
    assertThat(r.fact("reference")).contains(Map.of("source", "docker-archive:" + Fixtures.real(
        "trivy-docker-save-alpine311/alpine-311.tar.gz"), "transport", "docker-archive", "applicable", false,
        "pinned", false));
  }

  @Test
  void should_pass_distroless_image_selected_by_digest_in_cosign_layout() throws IOException {
    // GIVEN the distroless image of the slsa-verifier v1.4.0 cosign layout, selected by its digest
    String reference = "oci:" + Fixtures.real("slsa-verifier-cosign-layout-v1.4.0/container_workflow_dispatch")
        + ":@sha256:a74d89d8dd863ca5dae4a29e0feede81ddf59197849a80784af5a02ab7786925";
    // WHEN scanned
    Report report = scan(reference, new HygieneInspector(), Policy.defaults());
    // THEN only the health check is missing; the reference is pinned
    assertThat(report.findings()).extracting(Finding::ruleId).containsExactly(HygieneInspector.NO_HEALTHCHECK);
    assertThat(result(report, HygieneInspector.ID).fact("reference")).hasValueSatisfying(f -> assertThat(f)
        .isEqualTo(Map.of("source", reference, "transport", "oci", "applicable", true, "pinned", true)));
  }
}
