package io.imagecheck.inspectors.packages.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tests for {@link SqliteFile}, {@link SqliteBtree} and {@link SqliteRecord}, through {@link
 * RpmDatabases#read} on SQLite files written by {@link TestSqliteDatabases}.
 */
@Timeout(5)
class SqliteFileTest {
  private static final String SOURCE = RpmDatabases.VAR_LIB_RPM_SQLITE;

  private static List<byte[]> twoHeaders() {
    return List.of(TestHeaders.simplePackage("a"), TestHeaders.simplePackage("b"));
  }

  private static PackageDatabaseException readFailure(byte[] content) {
    return catchThrowableOfType(PackageDatabaseException.class, () -> RpmDatabases.read(SOURCE, content));
  }

  @Test
  void should_read_rows_in_rowid_order_through_an_interior_page() throws Exception {
    // GIVEN
    List<byte[]> blobs = new ArrayList<>();
    for (String name : List.of("alpha", "bravo", "charlie", "delta")) {
      blobs.add(TestHeaders.simplePackage(name));
    }
    byte[] db = TestSqliteDatabases.packages(1024, blobs).bytes();

    // WHEN
    List<RpmPackage> packages = RpmDatabases.read(SOURCE, db);

    // THEN
    assertThat(packages).extracting(RpmPackage::name).containsExactly("alpha", "bravo", "charlie", "delta");
  }

  @Test
  void should_reassemble_payloads_from_overflow_pages() throws Exception {
    // GIVEN: headers of several kilobytes in a database of 512-byte pages
    byte[] first = TestHeaders.bigPackage("big");
    TestSqliteDatabases.Written db =
        TestSqliteDatabases.packages(512, List.of(first, TestHeaders.simplePackage("small"), TestHeaders.bigPackage("other")));

    // WHEN
    List<RpmPackage> packages = RpmDatabases.read(SOURCE, db.bytes());

    // THEN
    assertThat(first.length).isGreaterThan(6 * 512);
    assertThat(db.firstOverflowPages().get(0)).isPositive();
    assertThat(packages).extracting(RpmPackage::name).containsExactly("big", "small", "other");
    assertThat(packages.get(0).files()).hasSize(200).startsWith("/usr/share/big/big-file-0")
        .endsWith("/usr/share/big/big-file-199");
  }

  @Test
  void should_read_a_65536_byte_page_size_stored_as_1() throws Exception {
    // GIVEN
    byte[] db = TestSqliteDatabases.packages(65536, List.of(TestHeaders.simplePackage("wide"))).bytes();

    // WHEN / THEN
    assertThat(RpmDatabases.read(SOURCE, db)).extracting(RpmPackage::name).containsExactly("wide");
  }

  @Test
  void should_fail_on_an_invalid_page_size() {
    // GIVEN
    byte[] db = TestSqliteDatabases.packages(1024, List.of(TestHeaders.simplePackage("a"))).bytes();
    ByteBuffer.wrap(db).putShort(16, (short) 1000);

    // WHEN / THEN
    assertThat(readFailure(db)).hasMessage(SOURCE + ": SQLite database: invalid page size 1000 in the header"
        + " (expected a power of two from 512 to 32768, or 1 for 65536)");
  }

  @Test
  void should_fail_on_a_page_pointer_cycle() {
    // GIVEN: the root's right-most child pointer points back at the root
    TestSqliteDatabases.Written db = TestSqliteDatabases.packages(1024, twoHeaders());
    ByteBuffer.wrap(db.bytes()).putInt(db.pageOffset(TestSqliteDatabases.ROOT_PAGE) + 8, TestSqliteDatabases.ROOT_PAGE);

    // WHEN / THEN
    assertThat(readFailure(db.bytes())).hasMessage(SOURCE + ": page 2: is reached a second time while reading"
        + " the b-tree of table Packages (a page pointer cycle or a page shared by two parents)");
  }

  @Test
  void should_fail_on_an_overflow_chain_that_loops() {
    // GIVEN: the first overflow page's next pointer points at itself
    TestSqliteDatabases.Written db = TestSqliteDatabases.packages(512, List.of(TestHeaders.bigPackage("loop")));
    int overflow = db.firstOverflowPages().get(0);
    ByteBuffer.wrap(db.bytes()).putInt(db.pageOffset(overflow), overflow);

    // WHEN / THEN
    assertThat(readFailure(db.bytes())).hasMessage(SOURCE + ": page " + overflow + ": is reached a second time"
        + " while reading the overflow chain of row 1 of table Packages (a page pointer cycle or a page shared by"
        + " two parents)");
  }

  @Test
  void should_fail_on_an_overflow_chain_that_ends_early() {
    // GIVEN
    TestSqliteDatabases.Written db = TestSqliteDatabases.packages(512, List.of(TestHeaders.bigPackage("short")));
    int overflow = db.firstOverflowPages().get(0);
    ByteBuffer.wrap(db.bytes()).putInt(db.pageOffset(overflow), 0);

    // WHEN / THEN
    assertThat(readFailure(db.bytes())).hasMessageContaining("overflow chain of row 1 of table Packages ends after");
  }

  @Test
  void should_fail_on_a_page_pointer_past_the_end_of_the_file() {
    // GIVEN
    TestSqliteDatabases.Written db = TestSqliteDatabases.packages(1024, twoHeaders());
    ByteBuffer.wrap(db.bytes()).putInt(db.pageOffset(TestSqliteDatabases.ROOT_PAGE) + 8, 999_999);

    // WHEN / THEN
    assertThat(readFailure(db.bytes()))
        .hasMessage(SOURCE + ": SQLite database: page number 999999 is outside the database (pages 1 to 4)");
  }

  @Test
  void should_fail_on_a_truncated_file() {
    // GIVEN
    byte[] db = TestSqliteDatabases.packages(1024, twoHeaders()).bytes();
    byte[] truncated = Arrays.copyOf(db, 2 * 1024 + 100);

    // WHEN / THEN
    assertThat(readFailure(truncated)).hasMessage(SOURCE + ": SQLite database: header says the database has 4 pages"
        + " of 1024 bytes, but the file has only 2148 bytes (truncated?)");
  }

  @Test
  void should_fail_on_a_payload_size_larger_than_the_file() {
    // GIVEN: the leaf cell's payload-size varint (at the start of the cell) claims 2^56 bytes
    TestSqliteDatabases.Written db = TestSqliteDatabases.packages(1024, twoHeaders());
    ByteBuffer file = ByteBuffer.wrap(db.bytes());
    int leaf = db.pageOffset(3);
    int cell = leaf + Short.toUnsignedInt(file.getShort(leaf + 8));
    file.put(cell, new byte[] {(byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
        (byte) 0x80, (byte) 0x80, 0});

    // WHEN / THEN
    assertThat(readFailure(db.bytes())).hasMessageContaining("more than the whole database");
  }

  @Test
  void should_fail_without_a_packages_table() {
    // GIVEN: the schema row names another table
    byte[] db = TestSqliteDatabases.packages(1024, List.of(TestHeaders.simplePackage("a"))).bytes();
    String text = new String(db, 0, 1024, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("tablePackages");
    db[at + "table".length()] = 'X';

    // WHEN / THEN
    assertThat(readFailure(db)).hasMessage(SOURCE + ": SQLite database: has no table named Packages in its schema");
  }

  @Test
  void should_fail_on_a_page_of_the_wrong_type() {
    // GIVEN: the root turned into an index page
    TestSqliteDatabases.Written db = TestSqliteDatabases.packages(1024, twoHeaders());
    db.bytes()[db.pageOffset(TestSqliteDatabases.ROOT_PAGE)] = 2;

    // WHEN / THEN
    assertThat(readFailure(db.bytes())).hasMessage(SOURCE + ": page 2: has page type 2, expected a table b-tree"
        + " page (5 or 13) of table Packages");
  }
}
