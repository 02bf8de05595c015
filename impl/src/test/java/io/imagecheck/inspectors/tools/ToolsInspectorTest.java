package io.imagecheck.inspectors.tools;

import static io.imagecheck.testing.InspectorScans.findings;
import static io.imagecheck.testing.InspectorScans.maps;
import static io.imagecheck.testing.InspectorScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Policy;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testing.FakeBinaries;
import io.imagecheck.testing.Fixtures;
import io.imagecheck.testing.InspectorScans;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolsInspectorTest {

  private final ToolsInspector inspector = new ToolsInspector();

  private static TestImage busybox() {
    // wget and nc linked; telnet compiled in without a link; ssh linked but not compiled in
    return TestImage.builder().layer("ADD rootfs", l -> l
        .file("/bin/busybox", FakeBinaries.busybox("1.36.1", "sh", "wget", "nc", "telnet", "ls"), 0755)
        .symlink("/bin/sh", "busybox")
        .symlink("/usr/bin/wget", "/bin/busybox")
        .hardlink("/bin/nc", "/bin/busybox")
        .symlink("/usr/bin/ssh", "/bin/busybox")).build();
  }

  @Test
  void should_report_a_program_once_even_when_reachable_twice() throws IOException {
    TestImage image = TestImage.builder().layer("apt-get install curl", l -> l
        .directory("/usr").directory("/usr/bin").symlink("/bin", "usr/bin")
        .file("/usr/bin/curl", FakeBinaries.program("curl"), 0755)
        .file("/usr/bin/ls", FakeBinaries.program("ls"), 0755)).build();
    InspectorResult r = scan(image, inspector);
    assertThat(findings(r, ToolsInspector.PRESENT)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.path()).contains("/usr/bin/curl");
      assertThat(f.evidence()).containsEntry("tool", "curl").containsEntry("provider", "binary")
          .containsEntry("paths", "/usr/bin/curl,/bin/curl");
      assertThat(f.message()).isEqualTo("Tool curl is reachable at /usr/bin/curl");
      assertThat(f.origin()).hasValueSatisfying(o -> assertThat(o.createdBy()).contains("apt-get install curl"));
    });
  }

  @Test
  void should_report_busybox_applets_by_link_and_by_applet_table() throws IOException {
    InspectorResult r = scan(busybox(), inspector);
    List<Finding> found = findings(r, ToolsInspector.PRESENT);
    assertThat(found).extracting(f -> f.evidence().get("tool") + "@" + f.path().orElseThrow())
        .containsExactly("wget@/usr/bin/wget", "nc@/bin/nc", "telnet@/bin/busybox");
    assertThat(found.get(0).message())
        .isEqualTo("Tool wget is reachable at /usr/bin/wget -> /bin/busybox, a BusyBox v1.36.1 applet");
    assertThat(found.get(1).evidence()).containsEntry("via", "hardlink /bin/nc => /bin/busybox");
    assertThat(found.get(2).evidence()).containsEntry("linked", "false").containsEntry("provider", "busybox");
    assertThat(found.get(2).message()).isEqualTo("Tool telnet is available as a BusyBox v1.36.1 applet"
        + " ('busybox telnet') at /bin/busybox, with no link named telnet");
    // ssh links to busybox, which has no ssh applet: nothing runs
    assertThat(maps(r, "tools")).extracting(m -> m.get("name")).containsExactly("wget", "nc", "telnet");
  }

  @Test
  void should_list_but_not_report_allowed_tools() throws IOException {
    Policy allowWget = InspectorScans.withOptions("tools", Map.of("allow", List.of("wget", "telnet")));
    InspectorResult r = scan(busybox(), inspector, allowWget);
    assertThat(findings(r, ToolsInspector.PRESENT)).extracting(f -> f.evidence().get("tool")).containsExactly("nc");
    assertThat(maps(r, "tools")).filteredOn(m -> Boolean.TRUE.equals(m.get("allowed")))
        .extracting(m -> m.get("name")).containsExactly("wget", "telnet");
  }

  @Test
  void should_look_for_extra_tools_and_reject_malformed_options() throws IOException {
    TestImage image = TestImage.builder().layer("ADD", l -> l
        .file("/usr/bin/vim", FakeBinaries.program("vim"), 0755)).build();
    assertThat(scan(image, inspector).findings()).isEmpty();
    InspectorResult r = scan(image, inspector, InspectorScans.withOptions("tools", Map.of("extraTools", "vim")));
    assertThat(findings(r, ToolsInspector.PRESENT)).extracting(f -> f.path().orElseThrow())
        .containsExactly("/usr/bin/vim");
    InspectorResult bad = scan(image, inspector, InspectorScans.withOptions("tools", Map.of("allow", 42)));
    assertThat(bad.status()).isEqualTo(InspectorResult.Status.ERROR);
    assertThat(bad.error()).hasValueSatisfying(e -> assertThat(e).contains("option allow of inspector tools"));
  }

  @Test
  void should_pass_an_image_without_tools() throws IOException {
    TestImage image = TestImage.builder().layer("ADD", l -> l
        .file("/app", FakeBinaries.program("app"), 0755)
        .file("/usr/bin/curl.txt", "not a tool", 0644)).build();
    InspectorResult r = scan(image, inspector);
    assertThat(r.findings()).isEmpty();
    assertThat(maps(r, "tools")).isEmpty();
    assertThat(r.status()).isEqualTo(InspectorResult.Status.PASS);
  }

  @Test
  void should_find_wget_nc_telnet_and_su_links_in_dive_busybox() throws IOException {
    InspectorResult r = InspectorScans.scan("docker-archive:"
        + Fixtures.real("dive-docker-save-busybox/test-docker-image.tar"), null, inspector, Policy.defaults());
    assertThat(findings(r, ToolsInspector.PRESENT)).extracting(f -> f.path().orElseThrow())
        .containsExactly("/bin/wget", "/bin/nc", "/bin/telnet", "/bin/su");
    assertThat(maps(r, "tools")).allSatisfy(m -> assertThat(m).containsEntry("resolvedPath", "/bin/[")
        .containsEntry("provider", "busybox").containsEntry("linked", true));
  }

  @Test
  void should_find_wget_nc_and_su_in_alpine_311() throws IOException {
    InspectorResult r = InspectorScans.scan(Fixtures.real("trivy-docker-save-alpine311/alpine-311.tar.gz").toString(),
        null, inspector, Policy.defaults());
    assertThat(findings(r, ToolsInspector.PRESENT)).extracting(f -> f.path().orElseThrow())
        .containsExactly("/usr/bin/wget", "/usr/bin/nc", "/bin/su");
  }

  @Test
  void should_find_no_tools_in_the_distroless_image() throws IOException {
    InspectorResult r = InspectorScans.scan("oci:"
        + Fixtures.real("slsa-verifier-cosign-layout-v1.4.0/container_workflow_dispatch")
        + ":sha256:a74d89d8dd863ca5dae4a29e0feede81ddf59197849a80784af5a02ab7786925", null, inspector,
        Policy.defaults());
    assertThat(r.findings()).isEmpty();
    assertThat(maps(r, "tools")).isEmpty();
  }
}
