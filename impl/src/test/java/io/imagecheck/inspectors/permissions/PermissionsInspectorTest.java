package io.imagecheck.inspectors.permissions;

import static io.imagecheck.testing.InspectorScans.findings;
import static io.imagecheck.testing.InspectorScans.maps;
import static io.imagecheck.testing.InspectorScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.fs.FileType;
import io.imagecheck.image.Platform;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Policy;
import io.imagecheck.testimage.FileSpec;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testing.Fixtures;
import io.imagecheck.testing.InspectorScans;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermissionsInspectorTest {

  private final PermissionsInspector inspector = new PermissionsInspector();

  private static FileSpec file(String path, int mode, int uid, int gid) {
    return FileSpec.builder(path, FileType.REGULAR).content("x").mode(mode).owner(uid, gid).build();
  }

  private static FileSpec capable(String path, byte[] caps) {
    return FileSpec.builder(path, FileType.REGULAR).content("x").mode(0755).xattr("security.capability", caps).build();
  }

  @Test
  void should_report_setuid_and_setgid_files_but_not_directories() throws IOException {
    TestImage image = TestImage.builder().layer("apt-get install login", l -> l
        .entry(FileSpec.builder("/usr/bin/su", FileType.REGULAR).content("x").mode(04755).owner(0, 0)
            .ownerNames("root", "root").build())
        .hardlink("/usr/bin/su2", "/usr/bin/su")
        .entry(file("/usr/bin/wall", 02755, 0, 5))
        .entry(file("/usr/bin/ls", 0755, 0, 0))
        .directory("/var/local", 02775)
        .directory("/srv/odd", 04755)).build();
    InspectorResult r = scan(image, inspector);
    assertThat(findings(r, PermissionsInspector.SETUID)).extracting(f -> f.path().orElseThrow())
        .containsExactly("/usr/bin/su", "/usr/bin/su2");
    assertThat(findings(r, PermissionsInspector.SETUID).get(0)).satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.message()).isEqualTo("/usr/bin/su is setuid root (-rwsr-xr-x)");
      assertThat(f.evidence()).containsEntry("mode", "4755").containsEntry("owner", "0:0");
    });
    assertThat(findings(r, PermissionsInspector.SETUID).get(1).evidence()).containsEntry("hardlinkTo", "/usr/bin/su");
    assertThat(findings(r, PermissionsInspector.SETGID)).singleElement().satisfies(f -> {
      assertThat(f.path()).contains("/usr/bin/wall");
      assertThat(f.message()).isEqualTo("/usr/bin/wall is setgid to gid 5 (-rwxr-sr-x)");
    });
    assertThat(r.fact("setuidCount")).contains(2);
    assertThat(r.fact("setgid")).contains(List.of("/usr/bin/wall"));
  }

  @Test
  void should_pass_files_without_special_bits() throws IOException {
    TestImage image = TestImage.builder().layer("COPY", l -> l
        .entry(file("/app", 0755, 0, 0))
        .directory("/tmp", 01777)
        .symlink("/bin/sh", "busybox")
        .charDevice("/dev/null", 1, 3)).build();
    InspectorResult r = scan(image, inspector);
    assertThat(r.findings()).isEmpty();
    assertThat(r.fact("worldWritableCount")).contains(0);
    assertThat(r.status()).isEqualTo(InspectorResult.Status.PASS);
  }

  @Test
  void should_decode_capabilities_that_survive_the_tar_round_trip() throws IOException {
    // GIVEN ping with cap_net_raw=ep (all bytes below 0x80) and a file with cap_setuid (byte 0x80)
    TestImage image = TestImage.builder().layer("apt-get install iputils-ping", l -> l
        .entry(capable("/usr/bin/ping", FileCapabilitiesTest.caps(0x02000001, 1L << 13, 0, null)))
        .entry(capable("/usr/bin/escalate", FileCapabilitiesTest.caps(0x02000001, 1L << 7, 0, null)))).build();
    // WHEN
    InspectorResult r = scan(image, inspector);
    // THEN ping decodes completely; the 0x80 byte is lost by the UTF-8 decoding of PAX values
    assertThat(findings(r, PermissionsInspector.CAPABILITIES)).extracting(f -> f.path().orElseThrow())
        .containsExactly("/usr/bin/escalate", "/usr/bin/ping");
    assertThat(findings(r, PermissionsInspector.CAPABILITIES).get(1)).satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.message()).isEqualTo("/usr/bin/ping has file capabilities cap_net_raw=ep");
      assertThat(f.evidence()).containsEntry("capabilities", "cap_net_raw=ep").containsEntry("decoding", "complete");
    });
    assertThat(findings(r, PermissionsInspector.CAPABILITIES).get(0).evidence())
        .containsEntry("capabilities", "cap_setuid=ep").containsEntry("decoding", "partial");
    assertThat(maps(r, "capabilities")).first().satisfies(m -> assertThat(m).containsEntry("permitted",
        List.of("cap_setuid")).containsEntry("revision", 2).containsEntry("effective", true));
    assertThat(r.fact("capabilityCount")).contains(2);
  }

  @Test
  void should_report_world_writable_files_and_non_sticky_directories() throws IOException {
    TestImage image = TestImage.builder().layer("RUN chmod", l -> l
        .entry(file("/app/config.yaml", 0666, 0, 0))
        .directory("/shared", 0777)
        .directory("/tmp", 01777)).build();
    InspectorResult r = scan(image, inspector);
    assertThat(findings(r, PermissionsInspector.WORLD_WRITABLE)).extracting(f -> f.message()).containsExactly(
        "/app/config.yaml is world-writable (-rw-rw-rw-)",
        "/shared is a world-writable directory without the sticky bit (drwxrwxrwx)");
    assertThat(findings(r, PermissionsInspector.WORLD_WRITABLE)).allSatisfy(f ->
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM));
    assertThat(r.fact("worldWritable")).contains(List.of("/app/config.yaml", "/shared"));
  }

  @Test
  void should_suppress_findings_matched_by_allow_globs() throws IOException {
    TestImage image = TestImage.builder().layer("ADD", l -> l
        .entry(file("/usr/bin/newuidmap", 04755, 0, 0))
        .entry(file("/usr/bin/passwd", 04755, 0, 0))
        .entry(capable("/usr/bin/ping", FileCapabilitiesTest.caps(0x02000001, 1L << 13, 0, null)))
        .directory("/data", 0777)).build();
    Policy policy = Policy.builder("test")
        .option("permissions", "allowSetuid", List.of("/usr/bin/newuid*"))
        .option("permissions", "allowCapabilities", "/usr/bin/ping")
        .option("permissions", "allowWorldWritable", List.of("/data")).build();
    InspectorResult r = scan(image, inspector, policy);
    assertThat(r.findings()).extracting(f -> f.path().orElseThrow()).containsExactly("/usr/bin/passwd");
    assertThat(r.fact("allowed")).contains(List.of("permissions.world-writable /data",
        "permissions.setuid /usr/bin/newuidmap", "permissions.capabilities /usr/bin/ping"));
    assertThat(r.fact("setuidCount")).contains(2);
    InspectorResult bad = scan(image, inspector, InspectorScans.withOptions("permissions",
        Map.of("allowSetuid", Map.of("x", 1))));
    assertThat(bad.status()).isEqualTo(InspectorResult.Status.ERROR);
  }

  @Test
  void should_find_no_special_permissions_in_the_real_images() throws IOException {
    // the distroless image has /var/local 2775 (a setgid directory) and /tmp, /var/lock, /var/tmp 1777
    List<String> refs = List.of(
        "docker-archive:" + Fixtures.real("dive-docker-save-busybox/test-docker-image.tar"),
        Fixtures.real("trivy-docker-save-alpine311/alpine-311.tar.gz").toString(),
        "oci:" + Fixtures.real("slsa-verifier-cosign-layout-v1.4.0/container_workflow_dispatch")
            + ":sha256:a74d89d8dd863ca5dae4a29e0feede81ddf59197849a80784af5a02ab7786925");
    for (String ref : refs) {
      InspectorResult r = InspectorScans.scan(ref, null, inspector, Policy.defaults());
      assertThat(r.findings()).as(ref).isEmpty();
      assertThat(r.fact("setuidCount")).as(ref).contains(0);
      assertThat(r.fact("capabilityCount")).as(ref).contains(0);
    }
    InspectorResult v21 = InspectorScans.scan("oci:"
        + Fixtures.real("slsa-verifier-cosign-layout-v2.1.0/container_workflow_dispatch")
        + ":sha256:234e2c830c2fb31ac5671789d22adfe44d30c3ee831d01beae5e237841a13122", Platform.parse("linux/amd64"),
        inspector, Policy.defaults());
    assertThat(v21.findings()).isEmpty();
  }
}
