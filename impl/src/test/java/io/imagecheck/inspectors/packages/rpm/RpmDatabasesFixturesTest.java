package io.imagecheck.inspectors.packages.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Tests {@link RpmDatabases} on real rpm databases taken from distribution images (go-rpmdb's and
 * syft's test data, see {@code fixtures/real/go-rpmdb/PROVENANCE.md} and {@code
 * fixtures/real/syft-pkgdb/PROVENANCE.md}).
 */
class RpmDatabasesFixturesTest {

  private static Path fixture(String relative) {
    String shared = System.getProperty("imagecheck.shared", "");
    assumeThat(shared).as("system property imagecheck.shared unset: skipping").isNotEmpty();
    Path path = Path.of(shared, "fixtures", "real").resolve(relative);
    assumeThat(Files.isRegularFile(path)).as("fixture %s absent: skipping", path).isTrue();
    return path;
  }

  private static List<RpmPackage> read(String relative, String pathInImage) throws IOException {
    return RpmDatabases.read(pathInImage, Files.readAllBytes(fixture(relative)));
  }

  /** Lines of "name TAB evr TAB arch", as in the fixtures' EXPECTED-packages.tsv. */
  private static List<String> expectedLines(String relative) throws IOException {
    return Files.readAllLines(fixture(relative), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank())
        .collect(Collectors.toList());
  }

  private static RpmPackage named(List<RpmPackage> packages, String name) {
    return packages.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void should_read_129_packages_from_cbl_mariner_sqlite() throws IOException {
    // GIVEN
    List<String> expected = expectedLines("go-rpmdb/cbl-mariner-2.0/EXPECTED-packages.tsv");

    // WHEN
    List<RpmPackage> packages = read("go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite", RpmDatabases.VAR_LIB_RPM_SQLITE);

    // THEN every package's name, EVR and arch is what rpm -qa prints (the TSV is sorted, the DB in hnum order)
    assertThat(packages).hasSize(129);
    assertThat(packages)
        .extracting(p -> p.name() + "\t" + p.evr() + "\t" + p.arch())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(packages.get(0).name()).isEqualTo("mariner-release");
    assertThat(packages.get(1).name()).isEqualTo("filesystem");
  }

  @Test
  void should_read_curl_metadata_from_cbl_mariner_sqlite() throws IOException {
    // WHEN
    RpmPackage curl = named(read("go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite", RpmDatabases.VAR_LIB_RPM_SQLITE), "curl");

    // THEN
    assertThat(curl.evr()).isEqualTo("0:7.76.0-6.cm2");
    assertThat(curl.epoch()).isEmpty();
    assertThat(curl.arch()).isEqualTo("x86_64");
    assertThat(curl.vendor()).isEqualTo("Microsoft Corporation");
    assertThat(curl.license()).isEqualTo("MIT");
    assertThat(curl.size()).isEqualTo(326023L);
    assertThat(curl.sourceRpm()).isEqualTo("curl-7.76.0-6.cm2.src.rpm");
    assertThat(curl.sigMd5()).contains("b5f5369ae91df3672fa3338669ec5ca2");
    assertThat(curl.provides()).containsExactly("curl", "curl(x86-64)");
  }

  @Test
  void should_list_bin_sh_among_bash_files_in_cbl_mariner_sqlite() throws IOException {
    // WHEN
    RpmPackage bash = named(read("go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite", RpmDatabases.VAR_LIB_RPM_SQLITE), "bash");

    // THEN (per rpm -ql: 67 files, /bin/sh among them; /usr/bin/sh is only provided)
    assertThat(bash.files()).hasSize(67).contains("/bin/bash", "/bin/sh");
    assertThat(bash.ownsFile("/bin/sh")).isTrue();
    assertThat(bash.provides()).containsExactly(
        "/bin/bash", "/bin/sh", "/usr/bin/bash", "/usr/bin/sh", "bash", "bash(x86-64)");
  }

  @Test
  void should_read_35_packages_in_order_from_sle15_ndb() throws IOException {
    // GIVEN
    List<String> expected = expectedLines("go-rpmdb/sle15-bci/EXPECTED-packages.tsv");

    // WHEN
    List<RpmPackage> packages = read("go-rpmdb/sle15-bci/Packages.db", RpmDatabases.SYSIMAGE_NDB);

    // THEN
    assertThat(packages)
        .extracting(p -> p.name() + "\t" + p.version() + "-" + p.release() + "\t" + p.arch())
        .containsExactlyElementsOf(expected);
    RpmPackage bash = named(packages, "bash");
    assertThat(bash.evr()).isEqualTo("0:4.4-19.6.1");
    assertThat(bash.vendor()).isEqualTo("SUSE LLC <https://www.suse.com/>");
    assertThat(bash.files()).contains("/bin/bash").hasSize(90);
  }

  @Test
  void should_read_libuuid_from_rhel8_berkeley_db() throws IOException {
    // WHEN
    List<RpmPackage> packages = read("go-rpmdb/libuuid/Packages", RpmDatabases.VAR_LIB_RPM_BERKELEY_DB);

    // THEN
    assertThat(packages).hasSize(1);
    RpmPackage libuuid = packages.get(0);
    assertThat(libuuid.name()).isEqualTo("libuuid");
    assertThat(libuuid.version()).isEqualTo("2.32.1");
    assertThat(libuuid.release()).isEqualTo("42.el8_8");
    assertThat(libuuid.arch()).isEqualTo("x86_64");
    assertThat(libuuid.sourceRpm()).isEqualTo("util-linux-2.32.1-42.el8_8.src.rpm");
    assertThat(libuuid.vendor()).isEqualTo("Red Hat, Inc.");
    assertThat(libuuid.size()).isEqualTo(35104L);
    assertThat(libuuid.sigMd5()).isEqualTo(Optional.of("c1e561f13d39aee443a1f00258fba000"));
    assertThat(libuuid.files()).containsExactly(
        "/usr/lib/.build-id",
        "/usr/lib/.build-id/df/ef6a880adac817216ab9866779a0725e017647",
        "/usr/lib64/libuuid.so.1",
        "/usr/lib64/libuuid.so.1.3.0",
        "/usr/share/licenses/libuuid",
        "/usr/share/licenses/libuuid/COPYING",
        "/usr/share/licenses/libuuid/COPYING.BSD-3");
  }

  @Test
  void should_read_dive_from_syft_berkeley_db() throws IOException {
    // WHEN
    List<RpmPackage> packages = read("syft-pkgdb/rpm-bdb-Packages/var/lib/rpm/Packages",
        RpmDatabases.VAR_LIB_RPM_BERKELEY_DB);

    // THEN
    assertThat(packages).extracting(RpmPackage::nevra).containsExactly("dive-0:0.9.2-1.x86_64");
    RpmPackage dive = packages.get(0);
    assertThat(dive.files()).containsExactly("/usr/local/bin/dive");
    assertThat(dive.license()).isEqualTo("MIT");
    assertThat(dive.size()).isEqualTo(12406784L);
    assertThat(dive.sigMd5()).isEmpty();
  }

  @Test
  void should_detect_each_fixture_format_from_its_magic() throws IOException {
    // WHEN / THEN
    assertThat(RpmDatabases.detect(Files.readAllBytes(fixture("go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite"))))
        .contains(RpmDatabaseFormat.SQLITE);
    assertThat(RpmDatabases.detect(Files.readAllBytes(fixture("go-rpmdb/sle15-bci/Packages.db"))))
        .contains(RpmDatabaseFormat.NDB);
    assertThat(RpmDatabases.detect(Files.readAllBytes(fixture("go-rpmdb/libuuid/Packages"))))
        .contains(RpmDatabaseFormat.BERKELEY_DB);
  }
}
