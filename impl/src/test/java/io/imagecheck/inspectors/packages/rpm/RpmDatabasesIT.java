package io.imagecheck.inspectors.packages.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds two packages with the real {@code rpmbuild}, registers them with the real {@code rpm} in a
 * fresh SQLite database (what rpm 4.16+ writes), and checks that {@link RpmDatabases} reads back what
 * {@code rpm -qa} prints. Skips when {@code rpm} or {@code rpmbuild} is not installed.
 */
@Timeout(120)
class RpmDatabasesIT {
  private static final String SPEC = """
      Name: imagecheck-probe
      Version: 1.2.3
      Release: 4.test
      Epoch: 7
      Summary: imagecheck test package
      License: Apache-2.0
      Vendor: imagecheck tests
      BuildArch: noarch
      Provides: probe-capability = 1
      %description
      Test package.
      %package tools
      Summary: imagecheck test tools
      License: MIT
      %description tools
      Test tools.
      %install
      mkdir -p %{buildroot}/usr/bin %{buildroot}/etc/probe
      echo hello > %{buildroot}/usr/bin/probe-tool
      echo setting=1 > %{buildroot}/etc/probe/probe.conf
      echo tool > %{buildroot}/usr/bin/probe-extra
      %files
      /usr/bin/probe-tool
      %dir /etc/probe
      /etc/probe/probe.conf
      %files tools
      /usr/bin/probe-extra
      """;

  private static final String QUERY_FORMAT = "%{NAME}|%{EPOCHNUM}:%{VERSION}-%{RELEASE}|%{ARCH}|%{LONGSIZE}"
      + "|%{VENDOR}|%{LICENSE}|%{SOURCERPM}|%{SIGMD5}\\n[F %{FILENAMES}\\n][P %{PROVIDENAME}\\n]";

  /** Runs a command, returns its standard output; stderr is kept apart so rpm's warnings don't mix in. */
  private static String run(Path workDir, List<String> command) throws IOException, InterruptedException {
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    Process process = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectError(err.toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    assertThat(process.exitValue()).as("exit status of %s; stderr: %s", command, Files.readString(err)).isZero();
    return out;
  }

  private static boolean installed(String tool) {
    try {
      Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The same fields as QUERY_FORMAT, from our reader; rpm prints (none) for absent tags. */
  private static String describe(List<RpmPackage> packages) {
    StringBuilder s = new StringBuilder();
    for (RpmPackage p : packages) {
      s.append(p.name()).append('|').append(p.evr()).append('|').append(p.arch()).append('|').append(p.size())
          .append('|').append(p.vendor().isEmpty() ? "(none)" : p.vendor()).append('|').append(p.license())
          .append('|').append(p.sourceRpm()).append('|').append(p.sigMd5().orElse("(none)")).append('\n');
      p.files().forEach(f -> s.append("F ").append(f).append('\n'));
      p.provides().forEach(f -> s.append("P ").append(f).append('\n'));
    }
    return s.toString();
  }

  @Test
  void should_read_what_rpm_wrote_into_a_fresh_sqlite_database(@TempDir Path dir) throws Exception {
    assumeThat(installed("rpm") && installed("rpmbuild")).as("rpm or rpmbuild absent: skipping").isTrue();

    // GIVEN: two packages built and registered by rpm itself
    Path spec = dir.resolve("probe.spec");
    Files.writeString(spec, SPEC, StandardCharsets.UTF_8);
    Path top = dir.resolve("top");
    run(dir, List.of("rpmbuild", "-bb", "--define", "_topdir " + top, "--define", "_build_id_links none",
        spec.toString()));
    Path db = dir.resolve("db");
    Files.createDirectories(db);
    run(dir, List.of("rpm", "--initdb", "--dbpath", db.toString()));
    List<String> install = new ArrayList<>(List.of("rpm", "-i", "--justdb", "--nodeps", "--noscripts",
        "--dbpath", db.toString()));
    install.add(top.resolve("RPMS/noarch/imagecheck-probe-1.2.3-4.test.noarch.rpm").toString());
    install.add(top.resolve("RPMS/noarch/imagecheck-probe-tools-1.2.3-4.test.noarch.rpm").toString());
    run(dir, install);
    String expected = run(dir, List.of("rpm", "-qa", "--dbpath", db.toString(), "--qf", QUERY_FORMAT));

    // WHEN
    Path sqlite = db.resolve("rpmdb.sqlite");
    List<RpmPackage> packages = RpmDatabases.read(RpmDatabases.VAR_LIB_RPM_SQLITE, Files.readAllBytes(sqlite));

    // THEN: rpm checkpointed its WAL on exit, so the main file alone holds everything
    Path wal = db.resolve("rpmdb.sqlite-wal");
    if (Files.exists(wal)) {
      assertThat(Files.size(wal)).as("size of %s", wal).isZero();
    }
    assertThat(describe(packages)).isEqualTo(expected);
    assertThat(packages).extracting(RpmPackage::nevra).containsExactlyInAnyOrder(
        "imagecheck-probe-7:1.2.3-4.test.noarch", "imagecheck-probe-tools-7:1.2.3-4.test.noarch");
    RpmPackage probe = packages.stream().filter(p -> p.name().equals("imagecheck-probe")).findFirst().orElseThrow();
    assertThat(probe.epoch()).contains(7);
    assertThat(probe.vendor()).isEqualTo("imagecheck tests");
    assertThat(probe.files()).containsExactly("/etc/probe", "/etc/probe/probe.conf", "/usr/bin/probe-tool");
    assertThat(probe.provides()).contains("probe-capability", "imagecheck-probe");
  }
}
