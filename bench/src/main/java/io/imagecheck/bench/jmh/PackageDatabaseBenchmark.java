package io.imagecheck.bench.jmh;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import io.imagecheck.inspectors.packages.dpkg.DpkgDatabase;
import io.imagecheck.inspectors.packages.dpkg.DpkgStatus;
import io.imagecheck.inspectors.packages.rpm.RpmDatabases;
import io.imagecheck.inspectors.packages.rpm.RpmPackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Package database parsing: a dpkg status file of 2,000 packages (generated, so every machine parses
 * the same bytes) and a real rpm SQLite database (CBL-Mariner 2.0, 129 packages, from
 * {@code -Dimagecheck.shared=DIR}'s {@code fixtures/real/go-rpmdb}; that benchmark fails with a message
 * when the fixture is absent).
 *
 * <p>Not thread-safe (JMH state, one thread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PackageDatabaseBenchmark {

  private byte[] dpkgStatus = new byte[0];
  private byte[] rpmSqlite = new byte[0];

  /**
   * Builds the dpkg status and reads the rpm database, if present.
   *
   * @throws IOException when the fixture exists but cannot be read
   */
  @Setup
  public void setUp() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      b.append("Package: lib-example-").append(i).append("\nStatus: install ok installed\nPriority: optional\n")
          .append("Section: libs\nInstalled-Size: ").append(100 + i).append("\nMaintainer: Example <x@example.org>\n")
          .append("Architecture: amd64\nMulti-Arch: same\nSource: example (").append(i % 50).append(".0-1)\n")
          .append("Version: 1:").append(i % 13).append('.').append(i % 7).append("-").append(i % 3).append("+deb12u1\n")
          .append("Depends: libc6 (>= 2.34), lib-example-").append(Math.max(0, i - 1)).append(" (= 1.0)\n")
          .append("Description: an example library ").append(i).append("\n long description line one\n .\n")
          .append(" line two\nHomepage: https://example.org/").append(i).append("\n\n");
    }
    dpkgStatus = b.toString().getBytes(StandardCharsets.UTF_8);
    Path rpm = Path.of(System.getProperty("imagecheck.shared", "../shared"), "fixtures", "real", "go-rpmdb",
        "cbl-mariner-2.0", "rpmdb.sqlite");
    if (Files.isRegularFile(rpm)) {
      rpmSqlite = Files.readAllBytes(rpm);
    }
  }

  /**
   * Parses the dpkg status.
   *
   * @return the database
   */
  @Benchmark
  public DpkgDatabase dpkgStatus2000Packages() {
    return DpkgStatus.parse("/var/lib/dpkg/status", dpkgStatus);
  }

  /**
   * Parses the rpm SQLite database.
   *
   * @return the packages
   * @throws PackageDatabaseException when the database is malformed
   */
  @Benchmark
  public List<RpmPackage> rpmSqlite129Packages() throws PackageDatabaseException {
    if (rpmSqlite.length == 0) {
      throw new IllegalStateException("fixtures/real/go-rpmdb/cbl-mariner-2.0/rpmdb.sqlite absent: run with"
          + " -Dimagecheck.shared=DIR");
    }
    return RpmDatabases.read(RpmDatabases.VAR_LIB_RPM_SQLITE, rpmSqlite);
  }
}
