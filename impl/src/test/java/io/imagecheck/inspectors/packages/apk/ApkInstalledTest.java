package io.imagecheck.inspectors.packages.apk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.imagecheck.inspectors.packages.PackageDatabaseWarning;
import io.imagecheck.inspectors.packages.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests for {@link ApkInstalled}. */
class ApkInstalledTest {

  private static final String DB = "/lib/apk/db/installed";

  private static ApkDatabase parse(String text) {
    return ApkInstalled.parse(DB, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void should_read_the_14_packages_of_syft_alpine_3_16_database() throws IOException {
    // GIVEN
    byte[] content = SharedFixtures.read("syft-pkgdb/apk-alpine316-14pkgs/lib/apk/db/installed");

    // WHEN
    ApkDatabase db = ApkInstalled.parse(DB, content);

    // THEN
    assertThat(db.packages())
        .extracting(ApkPackage::name, ApkPackage::version)
        .containsExactly(
            tuple("alpine-baselayout-data", "3.2.0-r22"),
            tuple("musl", "1.2.3-r0"),
            tuple("busybox", "1.35.0-r17"),
            tuple("alpine-baselayout", "3.2.0-r22"),
            tuple("alpine-keys", "2.4-r1"),
            tuple("ca-certificates-bundle", "20220614-r0"),
            tuple("libcrypto1.1", "1.1.1q-r0"),
            tuple("libssl1.1", "1.1.1q-r0"),
            tuple("ssl_client", "1.35.0-r17"),
            tuple("zlib", "1.2.12-r3"),
            tuple("apk-tools", "2.12.9-r3"),
            tuple("scanelf", "1.3.4-r0"),
            tuple("musl-utils", "1.2.3-r0"),
            tuple("libc-utils", "0.7.2-r3"));
    assertThat(db.packages()).allSatisfy(p -> assertThat(p.architecture()).contains("x86_64"));
    assertThat(db.warnings()).isEmpty();
    assertThat(db.find("busybox").orElseThrow().files()).contains("/bin/busybox");
    assertThat(db.owners("/bin/busybox")).extracting(ApkPackage::name).containsExactly("busybox");
  }

  @Test
  void should_find_bin_sh_in_the_file_list_of_busybox_binsh() throws IOException {
    // GIVEN
    byte[] content = SharedFixtures.read("syft-pkgdb/apk-bash-4pkgs/lib/apk/db/installed");

    // WHEN
    ApkDatabase db = ApkInstalled.parse(DB, content);

    // THEN
    assertThat(db.packages())
        .extracting(ApkPackage::name)
        .containsExactly("bash", "busybox-binsh", "musl", "readline");
    ApkPackage binsh = db.find("busybox-binsh").orElseThrow();
    assertThat(binsh.files()).containsExactly("/bin/sh");
    assertThat(binsh.directories()).containsExactly("/bin");
    assertThat(binsh.provides()).containsExactly("/bin/sh", "cmd:sh=1.36.1-r15");
    assertThat(binsh.depends()).containsExactly("busybox=1.36.1-r15");
    assertThat(binsh.origin()).contains("busybox");
    assertThat(binsh.license()).contains("GPL-2.0-only");
    assertThat(binsh.maintainer()).contains("Sören Tempel <soeren+alpine@soeren-tempel.net>");
    assertThat(binsh.buildTime()).contains(Instant.ofEpochSecond(1699383189));
    assertThat(binsh.commit()).contains("d1b6f274f29076967826e0ecf6ebcaa5d360272f");
    assertThat(binsh.purl("alpine"))
        .hasToString("pkg:apk/alpine/busybox-binsh@1.36.1-r15?arch=x86_64");
    assertThat(db.owners("/bin/sh")).extracting(ApkPackage::name).containsExactly("busybox-binsh");
    assertThat(db.find("bash").orElseThrow().depends())
        .containsExactly("/bin/sh", "so:libc.musl-x86_64.so.1", "so:libreadline.so.8");
    assertThat(db.find("musl").orElseThrow().files())
        .containsExactly("/lib/ld-musl-x86_64.so.1", "/lib/libc.musl-x86_64.so.1");
    assertThat(db.find("readline").orElseThrow().files())
        .containsExactly("/etc/inputrc", "/usr/lib/libreadline.so.8");
  }

  @Test
  void should_read_15_packages_and_skip_the_stanza_without_version_of_trivy_database()
      throws IOException {
    // GIVEN
    byte[] content = SharedFixtures.read("trivy-pkgdb/apk-16entries/lib/apk/db/installed");

    // WHEN
    ApkDatabase db = ApkInstalled.parse(DB, content);

    // THEN
    assertThat(db.packages())
        .extracting(ApkPackage::name, ApkPackage::version)
        .containsExactly(
            tuple("musl", "1.1.14-r10"),
            tuple("busybox", "1.24.2-r9"),
            tuple("alpine-baselayout", "3.0.3-r0"),
            tuple("alpine-keys", "1.1-r0"),
            tuple("zlib", "1.2.8-r2"),
            tuple("libcrypto1.0", "1.0.2h-r1"),
            tuple("libssl1.0", "1.0.2h-r1"),
            tuple("apk-tools", "2.6.7-r0"),
            tuple("scanelf", "1.1.6-r0"),
            tuple("musl-utils", "1.1.14-r10"),
            tuple("libc-utils", "0.7-r0"),
            tuple("pkgconf", "1.6.0-r0"),
            tuple("sqlite-libs", "3.26.0-r3"),
            tuple("test", "2.9.11_pre20061021-r2"),
            tuple("ada-libs", "2.7.4-r0"));
    assertThat(db.warnings())
        .extracting(PackageDatabaseWarning::path, PackageDatabaseWarning::problem)
        .containsExactly(
            tuple(
                DB,
                "line 23: stanza of package invalidPackageWithoutAVersion has no V: (version)"
                    + " line, skipped"));
  }

  @Test
  void should_skip_broken_stanzas_with_warnings_and_keep_the_others() {
    // GIVEN
    String text =
        """
        P:good
        V:1.0-r0
        F:usr/bin
        R:good

        P:twice
        P:again
        V:1

        P:noline
        V:1
        this is not a key line

        V:2.0-r0

        P:badtime
        V:3.0-r0
        t:yesterday
        R:at-root
        """;

    // WHEN
    ApkDatabase db = parse(text);

    // THEN
    assertThat(db.packages()).extracting(ApkPackage::name).containsExactly("good", "badtime");
    assertThat(db.find("good").orElseThrow().files()).containsExactly("/usr/bin/good");
    assertThat(db.find("badtime").orElseThrow().files()).containsExactly("/at-root");
    assertThat(db.find("badtime").orElseThrow().buildTime()).isEmpty();
    assertThat(db.warnings())
        .extracting(PackageDatabaseWarning::problem)
        .containsExactly(
            "line 7: second P: line in one stanza; stanza of package twice skipped",
            "line 12: not a 'X:value' line; stanza of package noline skipped",
            "line 14: stanza has no P: (name) line, skipped",
            "line 16: package badtime has build time t:'yesterday', not seconds since the epoch;"
                + " left out");
  }

  @Test
  void should_read_invalid_utf8_as_replacement_characters_with_one_warning() {
    // GIVEN
    byte[] content = "P:a\nV:1\nm:X \u00ff <x@example.org>\n".getBytes(StandardCharsets.ISO_8859_1);

    // WHEN
    ApkDatabase db = ApkInstalled.parse(DB, content);

    // THEN
    assertThat(db.find("a").orElseThrow().maintainer()).contains("X \uFFFD <x@example.org>");
    assertThat(db.warnings())
        .extracting(PackageDatabaseWarning::problem)
        .containsExactly("not valid UTF-8 near byte offset 12: invalid sequences read as U+FFFD");
  }

  @Test
  @Timeout(10)
  void should_read_a_stanza_of_a_million_file_lines() {
    // GIVEN
    StringBuilder sb = new StringBuilder("P:huge\nV:1-r0\nF:usr/share/huge\n");
    for (int i = 0; i < 1_000_000; i++) {
      sb.append("R:f").append(i).append('\n');
    }
    sb.append("\nP:next\nV:2-r0\n");

    // WHEN
    ApkDatabase db = parse(sb.toString());

    // THEN
    assertThat(db.find("huge").orElseThrow().files())
        .hasSize(1_000_000)
        .endsWith("/usr/share/huge/f999999");
    assertThat(db.find("next")).isPresent();
    assertThat(db.warnings()).isEmpty();
  }

  @Test
  @Timeout(10)
  void should_read_a_4_mib_description_line() {
    // GIVEN
    String text = "P:wide\nV:1\nT:" + "d".repeat(4 << 20) + "\n";

    // WHEN
    ApkDatabase db = parse(text);

    // THEN
    assertThat(db.find("wide").orElseThrow().description().orElseThrow()).hasSize(4 << 20);
  }
}
