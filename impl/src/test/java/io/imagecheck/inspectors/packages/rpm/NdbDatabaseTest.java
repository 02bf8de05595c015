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

/** Tests for {@link NdbDatabase}, through {@link RpmDatabases#read}. */
@Timeout(5)
class NdbDatabaseTest {
  private static final String SOURCE = RpmDatabases.SYSIMAGE_NDB;

  private static PackageDatabaseException readFailure(byte[] content) {
    return catchThrowableOfType(PackageDatabaseException.class, () -> RpmDatabases.read(SOURCE, content));
  }

  private static byte[] twoPackages() {
    return TestNdbDatabases.packages(List.of(TestHeaders.simplePackage("filesystem"), TestHeaders.simplePackage("bash")));
  }

  private static ByteBuffer le(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void should_read_packages_in_slot_order_and_skip_free_slots() throws Exception {
    // GIVEN: slots 2 and 3 used, swapped so that slot order differs from blob order; the rest free
    byte[] db = twoPackages();
    byte[] slot2 = Arrays.copyOfRange(db, 32, 48);
    System.arraycopy(db, 48, db, 32, 16);
    System.arraycopy(slot2, 0, db, 48, 16);

    // WHEN
    List<RpmPackage> packages = RpmDatabases.read(SOURCE, db);

    // THEN
    assertThat(packages).extracting(RpmPackage::name).containsExactly("bash", "filesystem");
  }

  @Test
  void should_read_an_empty_database() throws Exception {
    // WHEN / THEN
    assertThat(RpmDatabases.read(SOURCE, TestNdbDatabases.packages(List.of()))).isEmpty();
  }

  @Test
  void should_fail_on_a_damaged_slot_magic() {
    // GIVEN
    byte[] db = twoPackages();
    db[48] = 'X';

    // WHEN / THEN
    assertThat(readFailure(db)).hasMessage(SOURCE + ": NDB database: slot 3 at offset 48 does not start with \"Slot\"");
  }

  @Test
  void should_fail_when_a_slot_points_past_the_end_of_the_file() {
    // GIVEN
    byte[] db = twoPackages();
    le(db).putInt(48 + 12, 1_000_000);

    // WHEN / THEN
    assertThat(readFailure(db)).hasMessageContaining("slot 3 puts package 2 at blocks");
  }

  @Test
  void should_fail_when_the_file_is_shorter_than_its_slot_pages() {
    // GIVEN
    byte[] db = Arrays.copyOf(twoPackages(), 1000);

    // WHEN / THEN
    assertThat(readFailure(db)).hasMessage(SOURCE + ": NDB database: says it has 1 slot pages of 4096 bytes,"
        + " but the file has 1000 bytes (truncated?)");
  }

  @Test
  void should_fail_when_the_blob_length_disagrees_with_the_block_count() {
    // GIVEN: the first blob's head claims 100000 bytes
    byte[] db = twoPackages();
    le(db).putInt(4096 + 12, 100_000);

    // WHEN / THEN
    assertThat(readFailure(db)).hasMessageContaining("blob of package 1: holds a 100000-byte blob, which needs 6252"
        + " blocks, but its slot gives it");
  }

  @Test
  void should_fail_when_the_blob_belongs_to_another_package() {
    // GIVEN
    byte[] db = twoPackages();
    le(db).putInt(4096 + 4, 9);

    // WHEN / THEN
    assertThat(readFailure(db)).hasMessage(SOURCE + ": blob of package 1: is labelled package 9, but its slot says"
        + " package 1");
  }

  @Test
  void should_read_a_blob_whose_checksum_is_wrong_like_rpm_does() throws Exception {
    // GIVEN: a wrong Adler-32 in the first blob's tail (rpm does not verify it when it reads a package)
    byte[] db = twoPackages();
    int blocks = TestNdbDatabases.blockCount(TestHeaders.simplePackage("filesystem").length);
    le(db).putInt(4096 + blocks * 16 - 12, 0x12345678);

    // WHEN / THEN
    assertThat(RpmDatabases.read(SOURCE, db)).extracting(RpmPackage::name).containsExactly("filesystem", "bash");
  }
}
