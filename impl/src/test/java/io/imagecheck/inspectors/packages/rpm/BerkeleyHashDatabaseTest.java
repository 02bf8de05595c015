package io.imagecheck.inspectors.packages.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests for {@link BerkeleyHashDatabase}, through {@link RpmDatabases#read}. */
@Timeout(5)
class BerkeleyHashDatabaseTest {
  private static final String SOURCE = RpmDatabases.VAR_LIB_RPM_BERKELEY_DB;

  private static PackageDatabaseException readFailure(byte[] content) {
    return catchThrowableOfType(PackageDatabaseException.class, () -> RpmDatabases.read(SOURCE, content));
  }

  private static List<byte[]> threeHeaders() {
    return List.of(TestHeaders.simplePackage("glibc"), TestHeaders.simplePackage("bash"),
        TestHeaders.simplePackage("coreutils"));
  }

  /** Headers that span several 512-byte overflow pages each. */
  private static List<byte[]> bigHeaders() {
    return List.of(TestHeaders.bigPackage("glibc"), TestHeaders.bigPackage("bash"));
  }

  @ParameterizedTest(name = "big-endian: {0}")
  @ValueSource(booleans = {false, true})
  void should_read_headers_from_overflow_chains_in_either_byte_order(boolean bigEndian) throws Exception {
    // GIVEN: 512-byte pages, so each big header spans several overflow pages
    List<byte[]> headers = List.of(TestHeaders.bigPackage("glibc"), TestHeaders.simplePackage("bash"),
        TestHeaders.bigPackage("coreutils"));
    byte[] db = TestBerkeleyDatabases.packages(512, bigEndian, false, headers).bytes();

    // WHEN
    List<RpmPackage> packages = RpmDatabases.read(SOURCE, db);

    // THEN: rpm's key-0 counter record is skipped
    assertThat(headers.get(0).length).isGreaterThan(6 * 512);
    assertThat(packages).extracting(RpmPackage::name).containsExactly("glibc", "bash", "coreutils");
    assertThat(packages.get(1).files()).containsExactly("/usr/bin/bash", "/etc/bash.conf");
    assertThat(packages.get(2).files()).hasSize(200).endsWith("/usr/share/coreutils/coreutils-file-199");
  }

  @Test
  void should_read_headers_stored_on_the_hash_page() throws Exception {
    // GIVEN
    byte[] db = TestBerkeleyDatabases.packages(4096, false, true, threeHeaders()).bytes();

    // WHEN / THEN
    assertThat(RpmDatabases.read(SOURCE, db)).extracting(RpmPackage::name)
        .containsExactly("glibc", "bash", "coreutils");
  }

  @Test
  void should_fail_on_an_overflow_chain_that_loops() {
    // GIVEN: the first overflow page of the first header points back at itself
    TestBerkeleyDatabases.Written db = TestBerkeleyDatabases.packages(512, false, false, bigHeaders());
    int first = db.firstOverflowPages().get(0);
    ByteBuffer.wrap(db.bytes()).order(ByteOrder.LITTLE_ENDIAN).putInt(first * 512 + 16, first);

    // WHEN / THEN
    assertThat(readFailure(db.bytes())).hasMessage(SOURCE + ": page " + first + ": is reached a second time while"
        + " reading the overflow chain of header 1 (a page pointer cycle or a page shared by two chains)");
  }

  @Test
  void should_fail_when_an_overflow_chain_points_to_a_hash_page() {
    // GIVEN
    TestBerkeleyDatabases.Written db = TestBerkeleyDatabases.packages(512, false, false, bigHeaders());
    int first = db.firstOverflowPages().get(0);
    ByteBuffer.wrap(db.bytes()).order(ByteOrder.LITTLE_ENDIAN).putInt(first * 512 + 16, TestBerkeleyDatabases.HASH_PAGE);

    // WHEN / THEN
    assertThat(readFailure(db.bytes())).hasMessage(SOURCE + ": page 1: has page type 13, expected 7 (overflow)"
        + " in the chain of header 1");
  }

  @Test
  void should_fail_when_the_file_is_shorter_than_its_last_page() {
    // GIVEN
    byte[] db = TestBerkeleyDatabases.packages(512, false, false, threeHeaders()).bytes();
    int pages = db.length / 512;
    byte[] truncated = Arrays.copyOf(db, db.length - 512);

    // WHEN / THEN
    assertThat(readFailure(truncated)).hasMessage(SOURCE + ": Berkeley DB metadata page: says the last page is "
        + (pages - 1) + " (" + pages + " pages of 512 bytes), but the file has only " + truncated.length
        + " bytes (truncated?)");
  }

  @Test
  void should_fail_when_an_item_offset_points_into_the_page_header() {
    // GIVEN: item 2 (the first header's key) moved onto the page header
    TestBerkeleyDatabases.Written db = TestBerkeleyDatabases.packages(512, false, false, threeHeaders());
    ByteBuffer.wrap(db.bytes()).order(ByteOrder.LITTLE_ENDIAN).putShort(512 + 26 + 2 * 2, (short) 3);

    // WHEN / THEN
    assertThat(readFailure(db.bytes())).hasMessageContaining("page 1: item 2 spans offsets 3 to");
  }

  @Test
  void should_fail_on_an_invalid_page_size() {
    // GIVEN
    byte[] db = TestBerkeleyDatabases.packages(512, false, false, threeHeaders()).bytes();
    ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 1000);

    // WHEN / THEN
    assertThat(readFailure(db)).hasMessage(SOURCE + ": Berkeley DB metadata page: invalid page size 1000"
        + " (expected a power of two from 512 to 65536)");
  }

  @Test
  void should_fail_on_a_btree_database() {
    // GIVEN
    byte[] db = TestBerkeleyDatabases.packages(512, false, false, threeHeaders()).bytes();
    ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 0x053162);

    // WHEN / THEN
    assertThat(readFailure(db)).hasMessageContaining("is not an rpm database (its name suggests BERKELEY_DB)");
    assertThat(catchThrowableOfType(PackageDatabaseException.class, () -> BerkeleyHashDatabase.read(SOURCE, db)))
        .hasMessage(SOURCE + ": Berkeley DB metadata page: is a Berkeley DB btree database; rpm's Packages"
            + " database is a hash database");
  }
}
