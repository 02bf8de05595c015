package io.imagecheck.inspectors.packagemanager;

import static io.imagecheck.testing.InspectorScans.findings;
import static io.imagecheck.testing.InspectorScans.maps;
import static io.imagecheck.testing.InspectorScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Platform;
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

class PackageManagerInspectorTest {

  private final PackageManagerInspector inspector = new PackageManagerInspector();

  private static TestImage.Builder debianLike() {
    return TestImage.builder().layer("debootstrap", l -> l
        .directory("/usr")
        .directory("/usr/bin")
        .symlink("/bin", "usr/bin")
        .file("/usr/bin/apt", FakeBinaries.program("apt"), 0755)
        .file("/usr/bin/apt-get", FakeBinaries.program("apt-get"), 0755)
        .file("/usr/bin/dpkg", FakeBinaries.program("dpkg"), 0755)
        .file("/var/lib/dpkg/status", "Package: base-files\nStatus: install ok installed\n"));
  }

  @Test
  void should_report_apt_apt_get_and_dpkg_once_each_and_not_their_database() throws IOException {
    InspectorResult r = scan(debianLike().build(), inspector);
    List<Finding> present = findings(r, PackageManagerInspector.PRESENT);
    assertThat(present).extracting(f -> f.path().orElseThrow())
        .containsExactly("/usr/bin/apt", "/usr/bin/apt-get", "/usr/bin/dpkg");
    assertThat(present.get(2).severity()).isEqualTo(Severity.HIGH);
    assertThat(present.get(2).evidence()).containsEntry("names", "dpkg").containsEntry("family", "dpkg")
        .containsEntry("resolvedTarget", "/usr/bin/dpkg").containsEntry("paths", "/usr/bin/dpkg,/bin/dpkg");
    assertThat(present.get(2).message()).isEqualTo("Package manager dpkg reachable at /usr/bin/dpkg");
    assertThat(findings(r, PackageManagerInspector.DATABASE)).isEmpty();
    assertThat(maps(r, "databases")).singleElement().satisfies(m -> assertThat(m)
        .containsEntry("kind", "dpkg").containsEntry("path", "/var/lib/dpkg/status").containsEntry("managed", true));
  }

  @Test
  void should_report_the_database_as_inventory_when_the_managers_are_whited_out() throws IOException {
    // GIVEN the stripped variant: apt, apt-get and dpkg deleted, dpkg status kept
    TestImage image = debianLike().layer("RUN rm", l -> l
        .whiteout("/usr/bin/apt").whiteout("/usr/bin/apt-get").whiteout("/usr/bin/dpkg")).build();
    InspectorResult r = scan(image, inspector);
    assertThat(findings(r, PackageManagerInspector.PRESENT)).isEmpty();
    assertThat(findings(r, PackageManagerInspector.DATABASE)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.path()).contains("/var/lib/dpkg/status");
      assertThat(f.message()).isEqualTo("dpkg package database /var/lib/dpkg/status is inventory only: no dpkg"
          + " package manager is present");
    });
    assertThat(r.status()).isEqualTo(InspectorResult.Status.PASS);
  }

  @Test
  void should_report_one_file_reached_as_yum_and_dnf_once() throws IOException {
    TestImage image = TestImage.builder().layer("dnf install", l -> l
        .file("/usr/bin/dnf-3", FakeBinaries.program("dnf"), 0755)
        .symlink("/usr/bin/dnf", "dnf-3")
        .symlink("/usr/bin/yum", "dnf-3")
        .file("/usr/bin/rpm", FakeBinaries.program("rpm"), 0755)
        .file("/var/lib/rpm/rpmdb.sqlite", "SQLite format 3\0")).build();
    InspectorResult r = scan(image, inspector);
    assertThat(findings(r, PackageManagerInspector.PRESENT)).extracting(Finding::message).containsExactly(
        "Package managers dnf, yum reachable at /usr/bin/dnf -> /usr/bin/dnf-3",
        "Package manager rpm reachable at /usr/bin/rpm");
    assertThat(maps(r, "managers")).extracting(m -> m.get("name")).containsExactly("dnf", "rpm", "yum");
    assertThat(maps(r, "databases")).singleElement().satisfies(m -> assertThat(m).containsEntry("kind", "rpm")
        .containsEntry("managed", true));
  }

  @Test
  void should_not_count_busybox_applets_as_package_managers() throws IOException {
    TestImage image = TestImage.builder().layer("ADD", l -> l
        .file("/bin/busybox", FakeBinaries.busybox("1.36.1", "dpkg", "rpm", "sh"), 0755)
        .symlink("/bin/dpkg", "busybox")
        .symlink("/bin/rpm", "busybox")).build();
    InspectorResult r = scan(image, inspector);
    assertThat(r.findings()).isEmpty();
    assertThat(maps(r, "appletManagers")).extracting(m -> m.get("path")).containsExactly("/bin/dpkg", "/bin/rpm");
  }

  @Test
  void should_count_distroless_status_d_entries_without_md5sums() throws IOException {
    TestImage image = TestImage.builder().layer("bazel build", l -> l
        .file("/var/lib/dpkg/status.d/base-files", "Package: base-files\n")
        .file("/var/lib/dpkg/status.d/base-files.md5sums", "abc  etc/issue\n")
        .file("/var/lib/dpkg/status.d/tzdata", "Package: tzdata\n")).build();
    InspectorResult r = scan(image, inspector);
    assertThat(findings(r, PackageManagerInspector.DATABASE)).singleElement().satisfies(f -> {
      assertThat(f.path()).contains("/var/lib/dpkg/status.d");
      assertThat(f.evidence()).containsEntry("entries", "2").containsEntry("kind", "dpkg");
    });
  }

  @Test
  void should_recognise_versioned_pip_and_python_dist_info_directories() throws IOException {
    String site = "/usr/local/lib/python3.12/site-packages";
    TestImage withPip = TestImage.builder().layer("pip install", l -> l
        .file("/usr/local/bin/pip3.12", "#!/usr/local/bin/python3.12\n", 0755)
        .file(site + "/requests-2.32.0.dist-info/METADATA", "Name: requests\n")
        .file(site + "/six-1.16.0.dist-info/METADATA", "Name: six\n")).build();
    TestImage withoutPip = TestImage.builder().layer("COPY --from=build", l -> l
        .file(site + "/requests-2.32.0.dist-info/METADATA", "Name: requests\n")).build();
    InspectorResult r1 = scan(withPip, inspector);
    assertThat(findings(r1, PackageManagerInspector.PRESENT)).singleElement()
        .satisfies(f -> assertThat(f.evidence()).containsEntry("names", "pip3.12").containsEntry("family", "python"));
    assertThat(maps(r1, "databases")).singleElement().satisfies(m -> assertThat(m).containsEntry("kind", "python")
        .containsEntry("path", site).containsEntry("entries", 2).containsEntry("managed", true));
    assertThat(findings(scan(withoutPip, inspector), PackageManagerInspector.DATABASE)).singleElement()
        .satisfies(f -> assertThat(f.message()).isEqualTo("python package database " + site
            + " (1 entry) is inventory only: no python package manager is present"));
  }

  @Test
  void should_map_command_names_to_families() {
    assertThat(PackageManagerInspector.family("apt-get")).contains("dpkg");
    assertThat(PackageManagerInspector.family("microdnf")).contains("rpm");
    assertThat(PackageManagerInspector.family("pip3.11")).contains("python");
    assertThat(PackageManagerInspector.family("pip3.")).isEmpty();
    assertThat(PackageManagerInspector.family("bash")).isEmpty();
  }

  @Test
  void should_find_apk_and_its_database_in_alpine_311() throws IOException {
    InspectorResult r = InspectorScans.scan(Fixtures.real("trivy-docker-save-alpine311/alpine-311.tar.gz").toString(),
        null, inspector, Policy.defaults());
    assertThat(findings(r, PackageManagerInspector.PRESENT)).singleElement().satisfies(f -> {
      assertThat(f.path()).contains("/sbin/apk");
      assertThat(f.evidence()).containsEntry("resolvedTarget", "/sbin/apk").containsEntry("family", "apk");
    });
    assertThat(maps(r, "databases")).containsExactly(Map.of("kind", "apk", "path", "/lib/apk/db/installed",
        "layer", 0, "entries", -1, "managed", true));
    assertThat(r.findings()).hasSize(1);
  }

  @Test
  void should_find_no_package_manager_in_dive_busybox_only_applets() throws IOException {
    for (String ref : List.of("docker-archive:" + Fixtures.real("dive-docker-save-busybox/test-docker-image.tar"),
        "docker-archive:" + Fixtures.real("dive-kaniko-tar/test-kaniko-image.tar"))) {
      InspectorResult r = InspectorScans.scan(ref, null, inspector, Policy.defaults());
      assertThat(r.findings()).as(ref).isEmpty();
      assertThat(maps(r, "databases")).as(ref).isEmpty();
      assertThat(maps(r, "appletManagers")).as(ref).extracting(m -> m.get("path"))
          .containsExactly("/bin/dpkg", "/bin/rpm");
    }
  }

  @Test
  void should_report_only_the_status_d_inventory_in_the_distroless_images() throws IOException {
    String v14 = "oci:" + Fixtures.real("slsa-verifier-cosign-layout-v1.4.0/container_workflow_dispatch")
        + ":sha256:a74d89d8dd863ca5dae4a29e0feede81ddf59197849a80784af5a02ab7786925";
    String v21 = "oci:" + Fixtures.real("slsa-verifier-cosign-layout-v2.1.0/container_workflow_dispatch")
        + ":sha256:234e2c830c2fb31ac5671789d22adfe44d30c3ee831d01beae5e237841a13122";
    InspectorResult r14 = InspectorScans.scan(v14, null, inspector, Policy.defaults());
    InspectorResult r21 = InspectorScans.scan(v21, Platform.parse("linux/amd64"), inspector, Policy.defaults());
    for (InspectorResult r : List.of(r14, r21)) {
      assertThat(r.findings()).singleElement().satisfies(f -> {
        assertThat(f.ruleId()).isEqualTo(PackageManagerInspector.DATABASE);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.path()).contains("/var/lib/dpkg/status.d");
        assertThat(f.evidence()).containsEntry("entries", "3");
      });
      assertThat(maps(r, "managers")).isEmpty();
      assertThat(r.status()).isEqualTo(InspectorResult.Status.PASS);
    }
    // the v2.1.0 status.d directory comes from the third of its 12 layers
    assertThat(maps(r21, "databases")).singleElement().satisfies(m -> assertThat(m).containsEntry("layer", 2));
  }
}
