package io.imagecheck.inspectors.inventory;

import static io.imagecheck.inspectors.inventory.PackagesInspectorTest.databases;
import static io.imagecheck.inspectors.inventory.PackagesInspectorTest.packages;
import static io.imagecheck.testing.ReportScans.result;
import static io.imagecheck.testing.ReportScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testimage.TestLayer;
import io.imagecheck.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packages inspector on real package databases: images from the fixtures, and synthetic images
 * whose layer holds real database files (syft, trivy, go-rpmdb test data) at their real paths. Expected
 * values are those of each fixture's PROVENANCE.md.
 */
class PackagesFixturesTest {

  private static final PackagesInspector INSPECTOR = new PackagesInspector();

  /** Scans an image with one layer holding fixture files at image paths. */
  private static Report scanFiles(Map<String, String> files, String osRelease) throws IOException {
    TestLayer.Builder layer = TestLayer.builder();
    if (!osRelease.isEmpty()) {
      layer.file("/etc/os-release", osRelease);
    }
    for (Map.Entry<String, String> f : files.entrySet()) {
      layer.file(f.getKey(), Files.readAllBytes(Fixtures.real(f.getValue())));
    }
    return scan(TestImage.builder().layer("COPY rootfs /", layer.build()).build(), INSPECTOR);
  }

  private static List<String> nameVersions(Report report) {
    return packages(report).stream().map(p -> p.name() + " " + p.version()).toList();
  }

  @Test
  void should_list_the_14_apk_packages_of_alpine_311_with_purls() throws IOException {
    // GIVEN alpine:3.11 as docker save wrote it
    String reference = Fixtures.real("trivy-docker-save-alpine311/alpine-311.tar.gz").toString();
    // WHEN scanned
    Report report = scan(reference, INSPECTOR, Policy.defaults());
    // THEN exactly the 14 packages of the PROVENANCE, with alpine purls and the distro qualifier
    assertThat(nameVersions(report)).containsExactlyInAnyOrder("musl 1.1.24-r2", "busybox 1.31.1-r9",
        "alpine-baselayout 3.2.0-r3", "alpine-keys 2.1-r2", "libcrypto1.1 1.1.1d-r3", "libssl1.1 1.1.1d-r3",
        "ca-certificates-cacert 20191127-r1", "libtls-standalone 2.9.1-r0", "ssl_client 1.31.1-r9", "zlib 1.2.11-r3",
        "apk-tools 2.10.4-r3", "scanelf 1.2.4-r0", "musl-utils 1.1.24-r2", "libc-utils 0.7.2-r0");
    assertThat(packages(report)).filteredOn(p -> p.name().equals("musl")).singleElement().satisfies(p -> {
      assertThat(p.purl()).isEqualTo("pkg:apk/alpine/musl@1.1.24-r2?arch=x86_64&distro=alpine-3.11.5");
      assertThat(p.sourcePath()).isEqualTo("/lib/apk/db/installed");
      assertThat(p.origin()).hasValueSatisfying(o -> assertThat(o.layerNumber()).isEqualTo(1));
      assertThat(p.license()).contains("MIT");
    });
    assertThat(result(report, PackagesInspector.ID).fact("counts")).contains(Map.of("apk", 14));
  }

  @Test
  void should_list_the_3_dpkg_status_d_packages_of_distroless_debian_11_in_the_cosign_layout() throws IOException {
    // GIVEN the distroless image of the slsa-verifier v1.4.0 layout written by cosign save
    String reference = "oci:" + Fixtures.real("slsa-verifier-cosign-layout-v1.4.0/container_workflow_dispatch")
        + ":@sha256:a74d89d8dd863ca5dae4a29e0feede81ddf59197849a80784af5a02ab7786925";
    // WHEN scanned
    Report report = scan(reference, INSPECTOR, Policy.defaults());
    // THEN base-files, netbase and tzdata from status.d, as Debian 11 packages
    assertThat(packages(report)).extracting(InstalledPackage::purl).containsExactly(
        "pkg:deb/debian/base-files@11.1%2Bdeb11u4?arch=amd64&distro=debian-11",
        "pkg:deb/debian/netbase@6.3?arch=all&distro=debian-11",
        "pkg:deb/debian/tzdata@2021a-1%2Bdeb11u4?arch=all&distro=debian-11");
    assertThat(packages(report)).allSatisfy(p -> assertThat(p.sourcePath()).startsWith("/var/lib/dpkg/status.d/"));
    assertThat(databases(report)).extracting(d -> d.get("kind")).containsOnly("dpkg-status.d");
  }

  @Test
  void should_list_the_3_packages_of_distroless_debian_12_each_from_its_own_layer() throws IOException {
    // GIVEN the BuildKit image index of the slsa-verifier v2.1.0 layout (amd64 image selected)
    String reference = "oci:" + Fixtures.real("slsa-verifier-cosign-layout-v2.1.0/container_workflow_dispatch")
        + ":@sha256:234e2c830c2fb31ac5671789d22adfe44d30c3ee831d01beae5e237841a13122";
    // WHEN scanned
    Report report = scan(reference, INSPECTOR, Policy.defaults());
    // THEN the three packages of the PROVENANCE, from layers 1, 2 and 3
    assertThat(packages(report)).extracting(p -> p.name() + " " + p.version() + " L"
        + p.origin().orElseThrow().layerNumber()).containsExactly("base-files 12.4+deb12u9 L1", "netbase 6.4 L2",
            "tzdata 2024b-0+deb12u1 L3");
    assertThat(packages(report)).allSatisfy(p -> assertThat(p.purl()).contains("distro=debian-12"));
  }

  @Test
  void should_read_syft_alpine_316_database_with_14_packages() throws IOException {
    // GIVEN syft's Alpine 3.16 database at /lib/apk/db/installed
    Report report = scanFiles(Map.of("/lib/apk/db/installed", "syft-pkgdb/apk-alpine316-14pkgs/lib/apk/db/installed"),
        "ID=alpine\nVERSION_ID=3.16.2\n");
    // WHEN scanned
    // THEN the 14 packages of the PROVENANCE
    assertThat(nameVersions(report)).containsExactlyInAnyOrder("alpine-baselayout-data 3.2.0-r22", "musl 1.2.3-r0",
        "busybox 1.35.0-r17", "alpine-baselayout 3.2.0-r22", "alpine-keys 2.4-r1", "ca-certificates-bundle 20220614-r0",
        "libcrypto1.1 1.1.1q-r0", "libssl1.1 1.1.1q-r0", "ssl_client 1.35.0-r17", "zlib 1.2.12-r3",
        "apk-tools 2.12.9-r3", "scanelf 1.3.4-r0", "musl-utils 1.2.3-r0", "libc-utils 0.7.2-r3");
    assertThat(packages(report)).allSatisfy(p -> {
      assertThat(p.arch()).contains("x86_64");
      assertThat(p.purl()).startsWith("pkg:apk/alpine/").endsWith("?arch=x86_64&distro=alpine-3.16.2");
    });
  }

  @Test
  void should_read_syft_debian_12_status_with_9_packages_keeping_epochs() throws IOException {
    // GIVEN syft's Debian 12 status with epochs, in a Debian image
    Report report = scanFiles(Map.of("/var/lib/dpkg/status", "syft-pkgdb/dpkg-status-coreutils-9pkgs/var/lib/dpkg/status"),
        PackagesInspectorTest.DEBIAN_OS_RELEASE);
    // WHEN scanned
    // THEN 9 packages, versions as dpkg writes them
    assertThat(packages(report)).hasSize(9);
    assertThat(nameVersions(report)).contains("coreutils 9.1-1", "libc6 2.36-9+deb12u1", "libattr1 1:2.5.1-4",
        "libgmp10 2:6.2.1+dfsg1-1.1");
    assertThat(packages(report)).filteredOn(p -> p.name().equals("libattr1")).singleElement().satisfies(p ->
        assertThat(p.purl()).startsWith("pkg:deb/debian/libattr1@1:2.5.1-4?arch=").endsWith("&distro=debian-12"));
  }

  @Test
  void should_count_only_the_installed_stanza_of_syft_deinstall_status() throws IOException {
    // GIVEN syft's status with one installed and one deinstalled kernel
    Report report = scanFiles(Map.of("/var/lib/dpkg/status", "syft-pkgdb/dpkg-status-deinstall/var/lib/dpkg/status"), "");
    // WHEN scanned
    // THEN one package; the database records one not installed
    assertThat(packages(report)).extracting(InstalledPackage::name).containsExactly("linux-image-6.14.0-1012-aws");
    assertThat(databases(report)).singleElement().satisfies(d -> assertThat(d).containsEntry("packageCount", 1)
        .containsEntry("notInstalled", 1));
  }

  @Test
  void should_read_syft_distroless_status_d_and_ignore_md5sums() throws IOException {
    // GIVEN a distroless status.d entry and its md5sums
    Map<String, String> files = new LinkedHashMap<>();
    files.put("/var/lib/dpkg/status.d/libsqlite3-0", "syft-pkgdb/dpkg-distroless-statusd/var/lib/dpkg/status.d/libsqlite3-0");
    files.put("/var/lib/dpkg/status.d/libsqlite3-0.md5sums",
        "syft-pkgdb/dpkg-distroless-statusd/var/lib/dpkg/status.d/libsqlite3-0.md5sums");
    Report report = scanFiles(files, "");
    // WHEN scanned
    // THEN libsqlite3-0 3.34.1-3 only
    assertThat(nameVersions(report)).containsExactly("libsqlite3-0 3.34.1-3");
    assertThat(databases(report)).extracting(d -> d.get("path")).containsExactly("/var/lib/dpkg/status.d/libsqlite3-0");
  }

  @Test
  void should_read_trivy_apk_database_with_15_packages_and_note_the_stanza_without_version() throws IOException {
    // GIVEN trivy's apk test database: 16 stanzas, one without V:
    Report report = scanFiles(Map.of("/lib/apk/db/installed", "trivy-pkgdb/apk-16entries/lib/apk/db/installed"), "");
    // WHEN scanned
    // THEN 15 packages, and a warning names the skipped stanza
    assertThat(packages(report)).hasSize(15);
    assertThat(nameVersions(report)).contains("musl 1.1.14-r10", "test 2.9.11_pre20061021-r2", "ada-libs 2.7.4-r0")
        .noneMatch(s -> s.startsWith("invalidPackageWithoutAVersion"));
    assertThat(result(report, PackagesInspector.ID).fact("warnings")).hasValueSatisfying(w -> assertThat(w).asList()
        .singleElement().asString().startsWith("/lib/apk/db/installed: ").contains("invalidPackageWithoutAVersion"));
    assertThat(report.findings()).isEmpty();
  }

  @Test
  void should_read_trivy_ubuntu_status_with_90_installed_of_91() throws IOException {
    // GIVEN trivy's Ubuntu 18.04 status: 91 stanzas, git deinstalled
    Report report = scanFiles(Map.of("/var/lib/dpkg/status", "trivy-pkgdb/dpkg-ubuntu-91pkgs/var/lib/dpkg/status"),
        "NAME=\"Ubuntu\"\nVERSION_ID=\"18.04\"\nID=ubuntu\n");
    // WHEN scanned
    // THEN 90 packages, git not among them; the source package of libustr is kept
    assertThat(packages(report)).hasSize(90);
    assertThat(nameVersions(report)).contains("bash 4.4.18-2ubuntu1", "dash 0.5.8-2.10", "dpkg 1.19.0.5ubuntu2",
        "apt 1.6.3ubuntu0.1", "base-files 10.1ubuntu2.2").noneMatch(s -> s.startsWith("git "));
    assertThat(packages(report)).filteredOn(p -> p.name().startsWith("libustr")).first().satisfies(p ->
        assertThat(p.metadata()).containsEntry("source", "ustr").containsEntry("sourceVersion", "1.0.4-3"));
    assertThat(packages(report)).filteredOn(p -> p.name().equals("bash")).singleElement().satisfies(p ->
        assertThat(p.purl()).isEqualTo("pkg:deb/ubuntu/bash@4.4.18-2ubuntu1?arch=amd64&distro=ubuntu-18.04"));
  }

  @Test
  void should_read_cbl_mariner_sqlite_rpmdb_with_the_129_packages_rpm_lists() throws IOException {
    // GIVEN CBL-Mariner 2.0's rpmdb.sqlite at /var/lib/rpm
    Report report = scanFiles(Map.of("/var/lib/rpm/rpmdb.sqlite", "go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite"),
        "ID=mariner\nVERSION_ID=\"2.0\"\n");
    // WHEN scanned
    // THEN the same 129 (name, epoch:version-release, arch) as rpm -qa
    List<String> expected = Files.readAllLines(Fixtures.real("go-rpmdb/cbl-mariner-2.0/EXPECTED-packages.tsv"),
        StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    assertThat(packages(report)).extracting(p -> p.name() + "\t" + p.metadata().getOrDefault("epoch", "0") + ":"
        + p.version().substring(p.version().indexOf(':') + 1) + "\t" + p.arch().orElse(""))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(packages(report)).filteredOn(p -> p.name().equals("curl")).singleElement().satisfies(p -> {
      assertThat(p.license()).contains("MIT");
      assertThat(p.metadata()).containsEntry("vendor", "Microsoft Corporation").containsEntry("size", "326023");
      assertThat(p.purl()).startsWith("pkg:rpm/mariner/curl@7.76.0-6.cm2?arch=x86_64").endsWith("distro=mariner-2.0");
    });
    assertThat(databases(report)).singleElement().satisfies(d -> assertThat(d).containsEntry("kind", "rpm-sqlite")
        .containsEntry("packageCount", 129));
  }

  @Test
  void should_read_sle15_ndb_rpmdb_with_35_packages() throws IOException {
    // GIVEN SLE 15's NDB Packages.db where SUSE keeps it
    Report report = scanFiles(Map.of("/usr/lib/sysimage/rpm/Packages.db", "go-rpmdb/sle15-bci/Packages.db"), "");
    // WHEN scanned
    // THEN the 35 packages of go-rpmdb's expectations
    List<String> expected = Files.readAllLines(Fixtures.real("go-rpmdb/sle15-bci/EXPECTED-packages.tsv"),
        StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    assertThat(packages(report)).extracting(p -> p.name() + "\t" + p.version() + "\t" + p.arch().orElse(""))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(databases(report)).singleElement().satisfies(d -> assertThat(d).containsEntry("kind", "rpm-ndb"));
  }

  @Test
  void should_read_berkeley_db_rpmdbs_of_go_rpmdb_and_syft_with_one_package_each() throws IOException {
    // GIVEN the libuuid Berkeley DB at /var/lib/rpm/Packages, and syft's in a second image
    Report uuid = scanFiles(Map.of("/var/lib/rpm/Packages", "go-rpmdb/libuuid/Packages"), "");
    Report dive = scanFiles(Map.of("/var/lib/rpm/Packages", "syft-pkgdb/rpm-bdb-Packages/var/lib/rpm/Packages"), "");
    // WHEN scanned
    // THEN one package each, with the header's details
    assertThat(packages(uuid)).singleElement().satisfies(p -> {
      assertThat(p.name() + " " + p.version() + " " + p.arch().orElse("")).isEqualTo("libuuid 2.32.1-42.el8_8 x86_64");
      assertThat(p.metadata()).containsEntry("sourceRpm", "util-linux-2.32.1-42.el8_8.src.rpm")
          .containsEntry("vendor", "Red Hat, Inc.").containsEntry("size", "35104");
      assertThat(p.purl()).isEqualTo("pkg:rpm/libuuid@2.32.1-42.el8_8?arch=x86_64");
    });
    assertThat(databases(uuid)).singleElement().satisfies(d -> assertThat(d).containsEntry("kind", "rpm-bdb"));
    assertThat(nameVersions(dive)).containsExactly("dive 0.9.2-1");
  }
}
