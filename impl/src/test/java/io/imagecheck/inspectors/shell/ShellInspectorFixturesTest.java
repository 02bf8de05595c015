package io.imagecheck.inspectors.shell;

import static io.imagecheck.testing.InspectorScans.findings;
import static io.imagecheck.testing.InspectorScans.maps;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Platform;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.policy.Policy;
import io.imagecheck.testing.Fixtures;
import io.imagecheck.testing.InspectorScans;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The shell inspector on third-party images, against the facts their PROVENANCE.md lists. */
class ShellInspectorFixturesTest {

  static final String SLSA_V14 = "slsa-verifier-cosign-layout-v1.4.0/container_workflow_dispatch";
  static final String SLSA_V14_IMAGE = "sha256:a74d89d8dd863ca5dae4a29e0feede81ddf59197849a80784af5a02ab7786925";
  static final String SLSA_V21 = "slsa-verifier-cosign-layout-v2.1.0/container_workflow_dispatch";
  static final String SLSA_V21_INDEX = "sha256:234e2c830c2fb31ac5671789d22adfe44d30c3ee831d01beae5e237841a13122";

  private static InspectorResult scan(String reference, @Nullable Platform platform) throws IOException {
    return InspectorScans.scan(reference, platform, new ShellInspector(), Policy.defaults());
  }

  @Test
  void should_find_busybox_behind_the_hard_link_bin_sh_in_dive_docker_save() throws IOException {
    // GIVEN dive's busybox image: /bin/sh is a hard link to /bin/[, BusyBox 1.29.3
    InspectorResult r = scan("docker-archive:" + Fixtures.real("dive-docker-save-busybox/test-docker-image.tar"), null);
    // THEN exactly one shell, at /bin/sh, with the other shell names as evidence
    assertThat(findings(r, ShellInspector.PRESENT)).singleElement().satisfies(f -> {
      assertThat(f.path()).contains("/bin/sh");
      assertThat(f.evidence()).containsEntry("resolvedTarget", "/bin/[").containsEntry("kind", "busybox")
          .containsEntry("via", "hardlink /bin/sh => /bin/[").containsEntry("version", "1.29.3")
          .containsEntry("provides", "ash,hush,sh").containsEntry("paths", "/bin/ash,/bin/busybox,/bin/hush,/bin/sh");
      assertThat(f.origin()).hasValueSatisfying(o -> assertThat(o.layerIndex()).isZero());
    });
    assertThat(maps(r, "multiCallBinaries")).singleElement().satisfies(m -> assertThat(m)
        .containsEntry("path", "/bin/[").containsEntry("version", "1.29.3").containsEntry("applets", 392)
        .containsEntry("links", 393));
    // AND CMD ["sh"] runs that shell
    assertThat(findings(r, ShellInspector.COMMAND)).singleElement()
        .satisfies(f -> assertThat(f.evidence()).containsEntry("shellPresent", "true"));
    assertThat(findings(r, ShellInspector.OFF_PATH)).isEmpty();
    assertThat(r.findings()).hasSize(2);
  }

  @Test
  void should_find_the_same_busybox_hard_link_in_the_kaniko_tar() throws IOException {
    InspectorResult r = scan("docker-archive:" + Fixtures.real("dive-kaniko-tar/test-kaniko-image.tar")
        + ":dive-test:kaniko-latest", null);
    assertThat(findings(r, ShellInspector.PRESENT)).singleElement().satisfies(f -> {
      assertThat(f.path()).contains("/bin/sh");
      assertThat(f.evidence()).containsEntry("resolvedTarget", "/bin/[").containsEntry("version", "1.32.1");
    });
    assertThat(maps(r, "multiCallBinaries")).singleElement()
        .satisfies(m -> assertThat(m).containsEntry("applets", 398));
  }

  @Test
  void should_find_busybox_behind_the_bin_sh_symlink_in_alpine_311() throws IOException {
    InspectorResult r = scan(Fixtures.real("trivy-docker-save-alpine311/alpine-311.tar.gz").toString(), null);
    assertThat(findings(r, ShellInspector.PRESENT)).singleElement().satisfies(f -> {
      assertThat(f.path()).contains("/bin/sh");
      assertThat(f.message()).isEqualTo("Shell busybox (BusyBox v1.31.1) is reachable at /bin/sh -> /bin/busybox;"
          + " also at /bin/ash, /bin/busybox");
      assertThat(f.evidence()).containsEntry("via", "/bin/sh -> /bin/busybox").containsEntry("provides", "ash,sh");
    });
    assertThat(maps(r, "multiCallBinaries")).singleElement().satisfies(m -> assertThat(m)
        .containsEntry("path", "/bin/busybox").containsEntry("applets", 308));
    assertThat(r.fact("shellCommand")).hasValueSatisfying(c -> assertThat(c.toString()).contains("shell=/bin/sh"));
  }

  @Test
  void should_find_no_shell_in_the_distroless_slsa_verifier_images() throws IOException {
    // GIVEN the two distroless images saved by cosign (v1.4.0: Docker manifest; v2.1.0: an index)
    InspectorResult v14 = scan("oci:" + Fixtures.real(SLSA_V14) + ":" + SLSA_V14_IMAGE, null);
    InspectorResult v21 = scan("oci:" + Fixtures.real(SLSA_V21) + ":" + SLSA_V21_INDEX, Platform.parse("linux/amd64"));
    // THEN no shell, no multi-call binary, and the exec-form ENTRYPOINT ["/app"] needs none
    for (InspectorResult r : List.of(v14, v21)) {
      assertThat(r.findings()).isEmpty();
      assertThat(maps(r, "shells")).isEmpty();
      assertThat(maps(r, "multiCallBinaries")).isEmpty();
      assertThat(r.fact("shellCommand")).isEmpty();
      assertThat(r.status()).isEqualTo(InspectorResult.Status.PASS);
    }
  }

  @Test
  void should_find_nothing_in_the_single_file_dive_oci_images() throws IOException {
    for (String v : List.of("zstd", "gzip", "uncompressed", "estargz")) {
      InspectorResult r = scan(Fixtures.real("dive-oci-variants/test-oci-" + v + "-image.tar").toString(),
          Platform.parse("linux/arm64"));
      assertThat(r.findings()).as(v).isEmpty();
      assertThat(maps(r, "shells")).as(v).isEmpty();
    }
  }
}
