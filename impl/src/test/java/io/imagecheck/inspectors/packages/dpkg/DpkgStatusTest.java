package io.imagecheck.inspectors.packages.dpkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.imagecheck.inspectors.packages.PackageDatabaseWarning;
import io.imagecheck.inspectors.packages.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests for {@link DpkgStatus}. */
class DpkgStatusTest {

  private static final String STATUS = "/var/lib/dpkg/status";

  private static DpkgDatabase parse(String text) {
    return DpkgStatus.parse(STATUS, text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> names(List<DpkgPackage> packages) {
    return packages.stream().map(DpkgPackage::name).toList();
  }

  @Test
  void should_read_9_debian_12_packages_with_epochs_from_syft_status() throws IOException {
    // GIVEN
    byte[] content =
        SharedFixtures.read("syft-pkgdb/dpkg-status-coreutils-9pkgs/var/lib/dpkg/status");

    // WHEN
    DpkgDatabase db = DpkgStatus.parse(STATUS, content);

    // THEN
    assertThat(names(db.packages()))
        .containsExactly(
            "coreutils", "libacl1", "libc6", "libgcc-s1", "gcc-12-base", "libattr1", "libgmp10",
            "libselinux1", "libpcre2-8-0");
    assertThat(db.notInstalled()).isEmpty();
    assertThat(db.warnings()).isEmpty();
    assertThat(db.find("libattr1").orElseThrow().version()).isEqualTo("1:2.5.1-4");
    assertThat(db.find("libgmp10").orElseThrow().version()).isEqualTo("2:6.2.1+dfsg1-1.1");
    assertThat(db.find("libc6").orElseThrow().version()).isEqualTo("2.36-9+deb12u1");
    assertThat(db.find("coreutils").orElseThrow().version()).isEqualTo("9.1-1");
  }

  @Test
  void should_read_the_fields_of_a_debian_12_stanza() throws IOException {
    // GIVEN
    byte[] content =
        SharedFixtures.read("syft-pkgdb/dpkg-status-coreutils-9pkgs/var/lib/dpkg/status");

    // WHEN
    DpkgDatabase db = DpkgStatus.parse(STATUS, content);

    // THEN
    DpkgPackage coreutils = db.find("coreutils").orElseThrow();
    assertThat(coreutils.preDepends())
        .containsExactly(
            "libacl1 (>= 2.2.23)",
            "libattr1 (>= 1:2.4.44)",
            "libc6 (>= 2.34)",
            "libgmp10 (>= 2:6.2.1+dfsg1)",
            "libselinux1 (>= 3.1~)");
    assertThat(coreutils.architecture()).contains("arm64");
    assertThat(coreutils.multiArch()).contains("foreign");
    assertThat(coreutils.maintainer()).contains("Michael Stone <mstone@debian.org>");
    assertThat(coreutils.installedSizeKib()).isEqualTo(OptionalLong.of(20272));
    assertThat(coreutils.status()).contains("install ok installed");
    assertThat(coreutils.sourceName()).isEqualTo("coreutils");
    assertThat(coreutils.sourceVersion()).isEqualTo("9.1-1");
    assertThat(coreutils.listFilePath()).isEqualTo("/var/lib/dpkg/info/coreutils.list");
    DpkgPackage libc6 = db.find("libc6").orElseThrow();
    assertThat(libc6.sourceName()).isEqualTo("glibc");
    assertThat(libc6.depends()).containsExactly("libgcc-s1");
    assertThat(libc6.listFilePath()).isEqualTo("/var/lib/dpkg/info/libc6:arm64.list");
    DpkgPackage libselinux1 = db.find("libselinux1").orElseThrow();
    assertThat(libselinux1.sourceName()).isEqualTo("libselinux");
    assertThat(libselinux1.sourceVersion()).isEqualTo("3.4-1");
    assertThat(libselinux1.version()).isEqualTo("3.4-1+b6");
    assertThat(db.find("libgcc-s1").orElseThrow().provides())
        .containsExactly("libgcc1 (= 1:12.2.0-14)");
    assertThat(db.find("libattr1").orElseThrow().purl("debian", "bookworm"))
        .hasToString("pkg:deb/debian/libattr1@1:2.5.1-4?arch=arm64&distro=bookworm");
  }

  @Test
  void should_count_only_the_installed_kernel_in_syft_deinstall_status() throws IOException {
    // GIVEN
    byte[] content = SharedFixtures.read("syft-pkgdb/dpkg-status-deinstall/var/lib/dpkg/status");

    // WHEN
    DpkgDatabase db = DpkgStatus.parse(STATUS, content);

    // THEN
    assertThat(names(db.packages())).containsExactly("linux-image-6.14.0-1012-aws");
    assertThat(db.packages().get(0).version()).isEqualTo("6.14.0-1012.12~24.04.1");
    assertThat(names(db.notInstalled())).containsExactly("linux-image-6.8.0-1029-aws");
    assertThat(db.notInstalled().get(0).status()).contains("deinstall ok config-files");
    assertThat(db.notInstalled().get(0).installed()).isFalse();
    assertThat(db.warnings()).isEmpty();
  }

  @Test
  void should_read_a_distroless_status_d_file_without_status_as_installed() throws IOException {
    // GIVEN
    String dir = "syft-pkgdb/dpkg-distroless-statusd/var/lib/dpkg/status.d/";
    byte[] content = SharedFixtures.read(dir + "libsqlite3-0");

    // WHEN
    DpkgDatabase db = DpkgStatus.parseStatusD("/var/lib/dpkg/status.d/libsqlite3-0", content);

    // THEN
    assertThat(db.packages()).hasSize(1);
    DpkgPackage sqlite = db.packages().get(0);
    assertThat(sqlite.name()).isEqualTo("libsqlite3-0");
    assertThat(sqlite.version()).isEqualTo("3.34.1-3");
    assertThat(sqlite.sourceName()).isEqualTo("sqlite3");
    assertThat(sqlite.status()).isEmpty();
    assertThat(sqlite.installed()).isTrue();
    assertThat(sqlite.depends()).containsExactly("libc6 (>= 2.29)");
    assertThat(db.warnings()).isEmpty();
  }

  @Test
  void should_leave_out_md5sums_and_maintainer_scripts_of_status_d() throws IOException {
    // GIVEN
    byte[] md5sums =
        SharedFixtures.read(
            "syft-pkgdb/dpkg-distroless-statusd/var/lib/dpkg/status.d/libsqlite3-0.md5sums");

    // WHEN
    boolean control = DpkgStatus.isStatusDEntry("/var/lib/dpkg/status.d/libsqlite3-0");
    boolean sums = DpkgStatus.isStatusDEntry("/var/lib/dpkg/status.d/libsqlite3-0.md5sums");
    boolean script = DpkgStatus.isStatusDEntry("/var/lib/dpkg/status.d/base-files.preinst");
    boolean dotted = DpkgStatus.isStatusDEntry("/var/lib/dpkg/status.d/libpython3.11-minimal");
    DpkgDatabase ifReadAnyway =
        DpkgStatus.parseStatusD("/var/lib/dpkg/status.d/libsqlite3-0.md5sums", md5sums);

    // THEN
    assertThat(control).isTrue();
    assertThat(sums).isFalse();
    assertThat(script).isFalse();
    assertThat(dotted).isTrue();
    assertThat(ifReadAnyway.packages()).isEmpty();
    assertThat(ifReadAnyway.warnings()).hasSize(1);
  }

  @Test
  void should_read_3_opkg_packages_whose_status_has_the_user_flag() throws IOException {
    // GIVEN
    byte[] content = SharedFixtures.read("syft-pkgdb/opkg-status/usr/lib/opkg/status");

    // WHEN
    DpkgDatabase opkg = DpkgStatus.parseOpkg("/usr/lib/opkg/status", content);
    DpkgDatabase asDpkg = DpkgStatus.parse("/usr/lib/opkg/status", content);

    // THEN
    assertThat(opkg.packages())
        .extracting(DpkgPackage::name, DpkgPackage::version)
        .containsExactly(
            tuple("dropbear", "2024.85-r0"),
            tuple("busybox", "1.36.1-r3"),
            tuple("kernel-modules", "6.6.0-r0"));
    assertThat(opkg.packages().get(0).status()).contains("install user installed");
    assertThat(opkg.warnings()).isEmpty();
    assertThat(asDpkg.packages()).isEmpty();
    assertThat(asDpkg.notInstalled()).hasSize(3);
  }

  @Test
  void should_read_90_installed_of_91_stanzas_from_trivy_ubuntu_status() throws IOException {
    // GIVEN
    byte[] content = SharedFixtures.read("trivy-pkgdb/dpkg-ubuntu-91pkgs/var/lib/dpkg/status");

    // WHEN
    DpkgDatabase db = DpkgStatus.parse(STATUS, content);

    // THEN
    assertThat(db.packages()).hasSize(90);
    assertThat(names(db.notInstalled())).containsExactly("git");
    assertThat(db.find("git")).isEmpty();
    assertThat(db.warnings()).isEmpty();
    DpkgPackage ustr = db.find("libustr-1.0-1").orElseThrow();
    assertThat(ustr.sourceName()).isEqualTo("ustr");
    assertThat(ustr.sourceVersion()).isEqualTo("1.0.4-3");
    assertThat(ustr.version()).isEqualTo("1.0.4-3+b2");
    assertThat(ustr.preDepends()).containsExactly("multiarch-support");
    assertThat(db.find("bash").orElseThrow().version()).isEqualTo("4.4.18-2ubuntu1");
    assertThat(db.find("dash").orElseThrow().version()).isEqualTo("0.5.8-2.10");
    assertThat(db.find("dpkg").orElseThrow().version()).isEqualTo("1.19.0.5ubuntu2");
    assertThat(db.find("apt").orElseThrow().version()).isEqualTo("1.6.3ubuntu0.1");
    assertThat(db.find("base-files").orElseThrow().version()).isEqualTo("10.1ubuntu2.2");
  }

  @Test
  void should_count_hold_ok_installed_but_not_half_installed_or_reinstreq() {
    // GIVEN
    String text =
        """
        Package: held
        Status: hold ok installed
        Version: 1.0

        Package: half
        Status: install ok half-installed
        Version: 2.0

        Package: broken
        Status: install reinstreq installed
        Version: 3.0

        Package: purged
        Status: purge ok not-installed
        """;

    // WHEN
    DpkgDatabase db = parse(text);

    // THEN
    assertThat(names(db.packages())).containsExactly("held");
    assertThat(names(db.notInstalled())).containsExactly("half", "broken", "purged");
    assertThat(db.notInstalled().get(2).version()).isEmpty();
    assertThat(db.warnings()).isEmpty();
  }

  @Test
  void should_join_continuation_lines_of_a_folded_depends_field() {
    // GIVEN
    String text =
        "Package: a\nStatus: install ok installed\nVersion: 1\n"
            + "Depends: libc6 (>= 2.34),\n libfoo1\n\t(>= 1:1.0),  bar | baz\nDescription: x\n y\n";

    // WHEN
    DpkgDatabase db = parse(text);

    // THEN
    assertThat(db.packages().get(0).depends())
        .containsExactly("libc6 (>= 2.34)", "libfoo1 (>= 1:1.0)", "bar | baz");
  }

  @Test
  void should_skip_a_broken_stanza_with_a_warning_and_read_the_next() {
    // GIVEN
    String text =
        """
        Package: first
        Status: install ok installed
        Version: 1
        this line is not a field

        Package: second
        Status: install ok installed
        Version: 2
        """;

    // WHEN
    DpkgDatabase db = parse(text);

    // THEN
    assertThat(names(db.packages())).containsExactly("second");
    assertThat(db.warnings())
        .extracting(PackageDatabaseWarning::problem)
        .containsExactly(
            "line 4: neither a 'Field: value' line nor a continuation line; stanza of package"
                + " first skipped");
    assertThat(db.warnings().get(0).path()).isEqualTo(STATUS);
  }

  @Test
  void should_warn_about_duplicates_missing_fields_and_bad_sizes() {
    // GIVEN
    String text =
        """
        Package: dup
        Version: 1
        Version: 2
        Status: install ok installed

        Status: install ok installed
        Version: 1

        Package: noversion
        Status: install ok installed

        Package: nostatus
        Version: 1

        Package: badstatus
        Status: installed
        Version: 1

        Package: badsize
        Status: install ok installed
        Version: 1
        Installed-Size: lots
        """;

    // WHEN
    DpkgDatabase db = parse(text);

    // THEN
    assertThat(names(db.packages())).containsExactly("badsize");
    assertThat(db.packages().get(0).installedSizeKib()).isEmpty();
    assertThat(names(db.notInstalled())).containsExactly("nostatus", "badstatus");
    assertThat(db.warnings())
        .extracting(PackageDatabaseWarning::problem)
        .containsExactly(
            "line 3: duplicate field Version; stanza of package dup skipped",
            "line 6: stanza without a Package field, skipped",
            "line 9: installed package noversion has no Version field, skipped",
            "line 12: package nostatus has no Status field; not installed",
            "line 15: package badstatus has Status 'installed', expected 'want flag state'; not"
                + " installed",
            "line 19: package badsize has Installed-Size 'lots', not a size in KiB; left out");
  }

  @Test
  void should_warn_about_a_continuation_line_before_any_field() {
    // GIVEN
    String text = " orphan continuation\nPackage: x\nVersion: 1\nStatus: install ok installed\n";

    // WHEN
    DpkgDatabase db = parse(text);

    // THEN
    assertThat(db.packages()).isEmpty();
    assertThat(db.warnings())
        .extracting(PackageDatabaseWarning::problem)
        .containsExactly(
            "line 1: continuation line before any field; stanza starting at line 1 skipped");
  }

  @Test
  void should_read_invalid_utf8_as_replacement_characters_with_one_warning() {
    // GIVEN
    byte[] head = "Package: a\nStatus: install ok installed\nVersion: 1\nMaintainer: Ren"
        .getBytes(StandardCharsets.UTF_8);
    byte[] tail = " <r@example.org>\n".getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, content, 0, head.length);
    content[head.length] = (byte) 0xC3; // a lead byte followed by a non-continuation byte
    content[head.length + 1] = (byte) 0x28;
    System.arraycopy(tail, 0, content, head.length + 2, tail.length);

    // WHEN
    DpkgDatabase db = DpkgStatus.parse(STATUS, content);

    // THEN
    assertThat(db.packages().get(0).maintainer()).contains("Ren\uFFFD( <r@example.org>");
    assertThat(db.warnings())
        .extracting(PackageDatabaseWarning::problem)
        .containsExactly("not valid UTF-8 near byte offset 66: invalid sequences read as U+FFFD");
  }

  @Test
  @Timeout(10)
  void should_read_past_a_description_of_a_million_continuation_lines() {
    // GIVEN
    StringBuilder sb =
        new StringBuilder("Package: big\nStatus: install ok installed\nVersion: 1\nDescription: x\n");
    sb.append(" line of a very long description\n".repeat(1_000_000));
    sb.append("\nPackage: next\nStatus: install ok installed\nVersion: 2\n");

    // WHEN
    DpkgDatabase db = parse(sb.toString());

    // THEN
    assertThat(names(db.packages())).containsExactly("big", "next");
    assertThat(db.warnings()).isEmpty();
  }

  @Test
  @Timeout(10)
  void should_skip_a_stanza_whose_depends_grows_past_the_field_limit() {
    // GIVEN
    StringBuilder sb = new StringBuilder("Package: huge\nStatus: install ok installed\nVersion: 1\n");
    sb.append("Depends: a\n").append(" , dependency\n".repeat(1_000_000));
    sb.append("\nPackage: next\nStatus: install ok installed\nVersion: 2\n");

    // WHEN
    DpkgDatabase db = parse(sb.toString());

    // THEN
    assertThat(names(db.packages())).containsExactly("next");
    assertThat(db.warnings()).hasSize(1);
    assertThat(db.warnings().get(0).problem())
        .startsWith("line ")
        .endsWith(": field Depends longer than 1048576 characters; stanza of package huge skipped");
  }

  @Test
  @Timeout(10)
  void should_read_a_single_8_mib_continuation_line_of_an_unused_field() {
    // GIVEN
    String text =
        "Package: wide\nStatus: install ok installed\nVersion: 1\nConffiles:\n "
            + "x".repeat(8 << 20)
            + "\n";

    // WHEN
    DpkgDatabase db = parse(text);

    // THEN
    assertThat(db.find("wide").map(DpkgPackage::version)).isEqualTo(Optional.of("1"));
    assertThat(db.warnings()).isEmpty();
  }

  @Test
  void should_keep_at_most_100_warnings_and_count_the_rest() {
    // GIVEN
    String text = "not a field\n\n".repeat(250);

    // WHEN
    DpkgDatabase db = parse(text);

    // THEN
    assertThat(db.warnings()).hasSize(101);
    assertThat(db.warnings().get(100).problem()).isEqualTo("150 more warnings not kept");
  }

  @Test
  @Timeout(10)
  void should_take_at_most_seconds_on_a_stanza_of_a_million_fields() {
    // GIVEN
    StringBuilder sb = new StringBuilder("Package: many\nStatus: install ok installed\nVersion: 1\n");
    for (int i = 0; i < 1_000_000; i++) {
      sb.append("X-Field-").append(i).append(": v\n");
    }

    // WHEN
    long start = System.nanoTime();
    DpkgDatabase db = parse(sb.toString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // THEN
    assertThat(names(db.packages())).containsExactly("many");
    assertThat(took).isLessThan(Duration.ofSeconds(5));
  }
}
