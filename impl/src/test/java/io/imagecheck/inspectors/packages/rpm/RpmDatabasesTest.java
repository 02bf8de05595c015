package io.imagecheck.inspectors.packages.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests for {@link RpmDatabases}: format detection, and hostile input of every format ending in a
 * {@link PackageDatabaseException}, never in another exception, an endless loop or an {@code
 * OutOfMemoryError}.
 */
@Timeout(30)
class RpmDatabasesTest {
  /** Damaged NDB blobs log a checksum warning each; silenced here to keep the build output readable. */
  private static final Logger NDB_LOG = Logger.getLogger(NdbDatabase.class.getName());

  @BeforeAll
  static void silenceChecksumWarnings() {
    NDB_LOG.setLevel(Level.SEVERE);
  }

  @AfterAll
  static void restoreChecksumWarnings() {
    NDB_LOG.setLevel(null);
  }

  private static List<byte[]> headers() {
    return List.of(TestHeaders.simplePackage("glibc"), TestHeaders.simplePackage("bash"));
  }

  /** Reads, and returns 1 on success, 0 on PackageDatabaseException; anything else fails the test. */
  private static int readOrReject(String path, byte[] content) {
    try {
      RpmDatabases.read(path, content);
      return 1;
    } catch (PackageDatabaseException e) {
      assertThat(e.path()).isEqualTo(path);
      return 0;
    }
  }

  @Test
  void should_list_the_conventional_locations_newest_format_first() {
    // WHEN / THEN
    assertThat(RpmDatabases.LOCATIONS).containsExactly(
        "/usr/lib/sysimage/rpm/rpmdb.sqlite",
        "/var/lib/rpm/rpmdb.sqlite",
        "/usr/lib/sysimage/rpm/Packages.db",
        "/var/lib/rpm/Packages.db",
        "/usr/lib/sysimage/rpm/Packages",
        "/var/lib/rpm/Packages");
  }

  @Test
  void should_detect_formats_by_magic_not_by_name() throws Exception {
    // GIVEN
    byte[] sqlite = TestSqliteDatabases.packages(1024, headers()).bytes();
    byte[] bdb = TestBerkeleyDatabases.packages(512, true, false, headers()).bytes();
    byte[] ndb = TestNdbDatabases.packages(headers());

    // WHEN / THEN
    assertThat(RpmDatabases.detect(sqlite)).contains(RpmDatabaseFormat.SQLITE);
    assertThat(RpmDatabases.detect(bdb)).contains(RpmDatabaseFormat.BERKELEY_DB);
    assertThat(RpmDatabases.detect(ndb)).contains(RpmDatabaseFormat.NDB);
    assertThat(RpmDatabases.detect(new byte[] {1, 2, 3})).isEmpty();
    assertThat(RpmDatabases.read(RpmDatabases.VAR_LIB_RPM_BERKELEY_DB, ndb)).extracting(RpmPackage::name)
        .containsExactly("glibc", "bash");
  }

  @Test
  void should_name_the_expected_format_when_the_magic_is_missing() {
    // WHEN
    PackageDatabaseException e = catchThrowableOfType(PackageDatabaseException.class,
        () -> RpmDatabases.read(RpmDatabases.SYSIMAGE_SQLITE, new byte[4096]));

    // THEN
    assertThat(e).hasMessage("/usr/lib/sysimage/rpm/rpmdb.sqlite: is not an rpm database (its name suggests SQLITE):"
        + " none of the SQLite 3, NDB (\"RpmP\") or Berkeley DB hash magic numbers is at its start");
  }

  @Test
  void should_reject_an_empty_file() {
    // WHEN / THEN
    assertThat(catchThrowableOfType(PackageDatabaseException.class, () -> RpmDatabases.read("/x/Packages", new byte[0])))
        .hasMessage("/x/Packages: is empty, expected an rpm database");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "bdb", "ndb"})
  void should_reject_random_bytes_behind_a_valid_magic(String format) {
    // GIVEN: random pages with only the magic numbers of each format put back
    Random random = new Random(42);
    int rejected = 0;
    int rounds = 300;

    // WHEN
    for (int round = 0; round < rounds; round++) {
      byte[] content = new byte[512 * (1 + random.nextInt(16))];
      random.nextBytes(content);
      switch (format) {
        case "sqlite" -> System.arraycopy(SqliteFile.MAGIC, 0, content, 0, 16);
        case "ndb" -> System.arraycopy(NdbDatabase.MAGIC, 0, content, 0, 4);
        default -> {
          content[12] = 0x61;
          content[13] = 0x15;
          content[14] = 0x06;
          content[15] = 0x00;
        }
      }
      rejected += 1 - readOrReject("/var/lib/rpm/" + format, content);
    }

    // THEN
    assertThat(rejected).isEqualTo(rounds);
  }

  @Test
  void should_reject_every_truncation_of_synthetic_databases() {
    // GIVEN
    List<byte[]> databases = List.of(
        TestSqliteDatabases.packages(512, headers()).bytes(),
        TestBerkeleyDatabases.packages(512, false, false, headers()).bytes(),
        TestNdbDatabases.packages(headers()));

    // WHEN / THEN: every proper prefix fails cleanly
    for (byte[] db : databases) {
      int accepted = 0;
      for (int length = 0; length < db.length; length++) {
        accepted += readOrReject("/var/lib/rpm/db", Arrays.copyOf(db, length));
      }
      assertThat(accepted).isZero();
    }
  }

  @Test
  void should_survive_byte_damage_anywhere_in_synthetic_databases() {
    // GIVEN
    List<byte[]> databases = List.of(
        TestSqliteDatabases.packages(512, headers()).bytes(),
        TestBerkeleyDatabases.packages(512, true, false, headers()).bytes(),
        TestNdbDatabases.packages(headers()));
    Random random = new Random(7);
    int reads = 0;

    // WHEN: thousands of copies, each with a few bytes overwritten at random
    for (byte[] db : databases) {
      for (int round = 0; round < 2000; round++) {
        byte[] damaged = db.clone();
        for (int k = 0; k < 1 + random.nextInt(4); k++) {
          damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
        }
        readOrReject("/var/lib/rpm/db", damaged);
        reads++;
      }
    }

    // THEN: every read ended in a result or a PackageDatabaseException (readOrReject fails on anything else)
    assertThat(reads).isEqualTo(6000);
  }

  @Test
  void should_survive_byte_damage_and_truncation_of_real_databases() throws IOException {
    // GIVEN
    String shared = System.getProperty("imagecheck.shared", "");
    assumeThat(shared).as("system property imagecheck.shared unset: skipping").isNotEmpty();
    Path real = Path.of(shared, "fixtures", "real", "go-rpmdb");
    assumeThat(Files.isDirectory(real)).as("fixture %s absent: skipping", real).isTrue();
    Random random = new Random(11);
    int rejectedTruncations = 0;

    // WHEN
    for (String name : List.of("cbl-mariner-2.0/rpmdb.sqlite", "sle15-bci/Packages.db", "libuuid/Packages")) {
      byte[] db = Files.readAllBytes(real.resolve(name));
      for (int round = 0; round < 100; round++) {
        byte[] damaged = db.clone();
        for (int k = 0; k < 8; k++) {
          damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
        }
        readOrReject(name, damaged);
      }
      for (int round = 0; round < 20; round++) {
        rejectedTruncations += 1 - readOrReject(name, Arrays.copyOf(db, random.nextInt(db.length / 2)));
      }
    }

    // THEN: no exception other than PackageDatabaseException escaped; cutting a file in half is always noticed
    assertThat(rejectedTruncations).isEqualTo(60);
  }
}
