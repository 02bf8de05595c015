package io.imagecheck.inspectors.inventory;

import io.imagecheck.inspectors.packages.PackageUrl;
import static io.imagecheck.inspectors.inventory.PackagesInspectorTest.databases;
import static io.imagecheck.inspectors.inventory.PackagesInspectorTest.packages;
import static io.imagecheck.testing.ReportScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.lab.LabContentFacts;
import io.imagecheck.lab.LabImageFacts;
import io.imagecheck.lab.LabImages;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packages inspector on images made by real tools (debootstrap, umoci, buildah, rpm, dnf, npm, pip),
 * compared with what those tools report ({@code dpkg-query}, {@code rpm -qa}, the lockfiles, INSTALLER).
 */
class PackagesLabIT {

  private static Report scanLab(LabImages lab, String name) throws IOException {
    LabImageFacts facts = lab.image(name);
    return scan("oci:" + lab.layout(name) + ":" + facts.tag(), new PackagesInspector(), Policy.defaults());
  }

  @ParameterizedTest
  @ValueSource(strings = {"debian", "debian-stripped", "debian-zstd"})
  void should_list_what_dpkg_query_lists_for_debootstrap_debian(String name) throws Exception {
    // GIVEN a debootstrap Debian 12 image (stripped: shells and apt whited out, the status file kept)
    LabImages lab = LabImages.get();
    LabContentFacts facts = lab.image(name).contents();
    List<String> expected = Files.readAllLines(lab.file(facts.dpkgListing().orElseThrow()), StandardCharsets.UTF_8)
        .stream().filter(l -> !l.isBlank()).toList();
    // WHEN scanned
    Report report = scanLab(lab, name);
    // THEN the same packages, versions and architectures as dpkg-query, as Debian 12 purls
    assertThat(packages(report)).hasSize(facts.dpkgInstalled().orElseThrow());
    assertThat(packages(report)).extracting(p -> p.name() + "\t" + p.version() + "\t" + p.arch().orElse(""))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(packages(report)).allSatisfy(p -> {
      assertThat(p.purl()).startsWith("pkg:deb/debian/").endsWith("distro=debian-12");
      PackageUrl purl = PackageUrl.parse(p.purl());
      assertThat(purl.name() + " " + purl.version().orElseThrow()).isEqualTo(p.name() + " " + p.version());
    });
    assertThat(databases(report)).singleElement().satisfies(d -> assertThat(d).containsEntry("path",
        "/var/lib/dpkg/status").containsEntry("packageCount", facts.dpkgInstalled().orElseThrow()));
    assertThat(report.findings()).isEmpty();
  }

  @Test
  void should_list_the_rpm_npm_and_pip_packages_of_the_pkgdbs_image() throws IOException {
    // GIVEN the image with an rpm installed by dnf, an npm project and a pip-installed distribution
    LabImages lab = LabImages.get();
    LabContentFacts facts = lab.image("pkgdbs").contents();
    // WHEN scanned
    Report report = scanLab(lab, "pkgdbs");
    // THEN rpm -qa's package, the lockfile's packages (once each, from node_modules) and the dist-info
    List<InstalledPackage> all = packages(report);
    assertThat(all).filteredOn(p -> p.ecosystem().equals("rpm"))
        .extracting(p -> p.name() + "-" + p.version() + "." + p.arch().orElse(""))
        .containsExactlyInAnyOrderElementsOf(facts.rpmPackages());
    assertThat(all).filteredOn(p -> p.ecosystem().equals("npm")).extracting(p -> p.name() + "@" + p.version())
        .containsExactlyInAnyOrderElementsOf(facts.npmPackages());
    assertThat(all).filteredOn(p -> p.ecosystem().equals("npm"))
        .allSatisfy(p -> assertThat(p.metadata()).containsEntry("evidence", "package.json"));
    assertThat(all).filteredOn(p -> p.ecosystem().equals("pypi")).singleElement().satisfies(p -> {
      assertThat(p.name() + " " + p.version()).isEqualTo("labpy 1.0");
      assertThat(p.metadata()).containsEntry("installer",
          facts.pythonDistInfo().get("/usr/lib/python3/dist-packages/labpy-1.0.dist-info"));
    });
    assertThat(PackagesInspectorTest.databases(report)).filteredOn(d -> d.get("kind").equals("rpm-sqlite"))
        .singleElement().satisfies(d -> assertThat(d).containsEntry("path", facts.rpmDatabase().orElseThrow()
            + "/rpmdb.sqlite"));
    assertThat(report.findings()).isEmpty();
  }

  @Test
  void should_list_the_distroless_status_d_package() throws IOException {
    // GIVEN the distroless-like image with one status.d file
    LabImages lab = LabImages.get();
    LabContentFacts facts = lab.image("distroless").contents();
    // WHEN scanned
    Report report = scanLab(lab, "distroless");
    // THEN one package per status.d file
    assertThat(databases(report)).extracting(d -> d.get("path")).containsExactlyInAnyOrderElementsOf(
        facts.dpkgStatusD().stream().map(f -> "/var/lib/dpkg/status.d/" + f).toList());
    assertThat(packages(report)).extracting(InstalledPackage::name).containsExactlyInAnyOrderElementsOf(
        facts.dpkgStatusD());
    assertThat(packages(report)).allSatisfy(p -> assertThat(p.metadata()).containsKey("installedSizeKib"));
    assertThat(report.findings()).isEmpty();
  }
}
