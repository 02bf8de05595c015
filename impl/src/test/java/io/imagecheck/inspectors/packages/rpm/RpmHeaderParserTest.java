package io.imagecheck.inspectors.packages.rpm;

import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TAG_ARCH;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TAG_BASENAMES;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TAG_DIRINDEXES;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TAG_DIRNAMES;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TAG_EPOCH;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TAG_LICENSE;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TAG_LONGSIZE;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TAG_NAME;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TAG_OLDFILENAMES;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TAG_RELEASE;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TAG_SIGMD5;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TAG_SIZE;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TAG_VERSION;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TYPE_INT32;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TYPE_STRING;
import static io.imagecheck.inspectors.packages.rpm.TestHeaders.TYPE_STRING_ARRAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests for {@link RpmHeaderParser}. */
@Timeout(5)
class RpmHeaderParserTest {
  private static final String SOURCE = "/var/lib/rpm/rpmdb.sqlite";

  private static RpmPackage parse(byte[] blob) throws PackageDatabaseException {
    return RpmHeaderParser.parse(ByteView.of(SOURCE, "header 7", blob, true));
  }

  private static PackageDatabaseException parseFailure(byte[] blob) {
    return catchThrowableOfType(PackageDatabaseException.class, () -> parse(blob));
  }

  /** Overwrites one big-endian int of the index: entry {@code entry}, field 0 tag, 1 type, 2 offset, 3 count. */
  private static byte[] patchIndex(byte[] blob, int entry, int field, int value) {
    byte[] copy = blob.clone();
    ByteBuffer.wrap(copy).putInt(8 + 16 * entry + 4 * field, value);
    return copy;
  }

  private static ByteBuffer dataOf(byte[] blob) {
    int il = ByteBuffer.wrap(blob).getInt(0);
    return ByteBuffer.wrap(blob, 8 + 16 * il, blob.length - 8 - 16 * il).slice();
  }

  private static TestHeaders.Builder minimal() {
    return TestHeaders.builder().string(TAG_NAME, "pkg").string(TAG_VERSION, "1").string(TAG_RELEASE, "1");
  }

  @Test
  void should_decode_every_field_of_an_installed_header() throws Exception {
    // GIVEN
    byte[] blob = TestHeaders.simplePackage("hello");

    // WHEN
    RpmPackage pkg = parse(blob);

    // THEN
    assertThat(pkg.name()).isEqualTo("hello");
    assertThat(pkg.epoch()).contains(2);
    assertThat(pkg.evr()).isEqualTo("2:1.0-1.el9");
    assertThat(pkg.arch()).isEqualTo("x86_64");
    assertThat(pkg.license()).isEqualTo("MIT");
    assertThat(pkg.vendor()).isEqualTo("Example Inc.");
    assertThat(pkg.sourceRpm()).isEqualTo("hello-1.0-1.el9.src.rpm");
    assertThat(pkg.size()).isEqualTo(1234L);
    assertThat(pkg.sigMd5()).isEmpty();
    assertThat(pkg.provides()).containsExactly("hello", "hello(x86-64)");
    assertThat(pkg.files()).containsExactly("/usr/bin/hello", "/etc/hello.conf");
  }

  @Test
  void should_let_entries_after_the_region_replace_region_entries() throws Exception {
    // GIVEN
    byte[] blob = minimal().string(TAG_ARCH, "i686").afterRegion().string(TAG_ARCH, "x86_64").build();

    // WHEN
    RpmPackage pkg = parse(blob);

    // THEN
    assertThat(pkg.arch()).isEqualTo("x86_64");
  }

  @Test
  void should_read_a_legacy_header_without_region_and_its_old_file_names() throws Exception {
    // GIVEN
    byte[] blob = minimal().stringArray(TAG_OLDFILENAMES, "/bin/sh", "/bin/ash").buildLegacy();

    // WHEN
    RpmPackage pkg = parse(blob);

    // THEN
    assertThat(pkg.files()).containsExactly("/bin/sh", "/bin/ash");
    assertThat(pkg.epoch()).isEmpty();
    assertThat(pkg.arch()).isEmpty();
    assertThat(pkg.evr()).isEqualTo("0:1-1");
  }

  @Test
  void should_read_size_unsigned_and_prefer_longsize() throws Exception {
    // GIVEN
    byte[] bigSize = minimal().int32(TAG_SIZE, -1).build();
    byte[] longSize = minimal().int32(TAG_SIZE, 1).int64(TAG_LONGSIZE, 5_000_000_000L).build();

    // WHEN / THEN
    assertThat(parse(bigSize).size()).isEqualTo(4_294_967_295L);
    assertThat(parse(longSize).size()).isEqualTo(5_000_000_000L);
  }

  @Test
  void should_format_sigmd5_as_lower_case_hex() throws Exception {
    // GIVEN
    byte[] md5 = HexFormat.of().parseHex("C1E561F13D39AEE443A1F00258FBA000");
    byte[] blob = minimal().bin(TAG_SIGMD5, md5).build();

    // WHEN / THEN
    assertThat(parse(blob).sigMd5()).contains("c1e561f13d39aee443a1f00258fba000");
  }

  @Test
  void should_take_the_first_string_of_an_i18n_string() throws Exception {
    // GIVEN
    byte[] blob = minimal().i18nString(TAG_LICENSE, "GPLv2", "GPLv2 (de)").build();

    // WHEN / THEN
    assertThat(parse(blob).license()).isEqualTo("GPLv2");
  }

  @Test
  void should_fail_when_the_index_count_points_past_the_end() {
    // GIVEN: a header claiming 1000 index entries in a 40-byte blob
    byte[] blob = ByteBuffer.allocate(40).putInt(1000).putInt(0).array();

    // WHEN
    PackageDatabaseException e = parseFailure(blob);

    // THEN
    assertThat(e.path()).isEqualTo(SOURCE);
    assertThat(e).hasMessage(SOURCE + ": header 7: 8 + 16 * 1000 index entries + 0 data bytes = 16008 bytes,"
        + " but the header blob is 40 bytes long");
  }

  @Test
  void should_fail_when_the_index_count_is_negative() {
    // GIVEN
    byte[] blob = ByteBuffer.allocate(24).putInt(-1).putInt(0).array();

    // WHEN / THEN
    assertThat(parseFailure(blob)).hasMessageContaining("index entry count 4294967295 is not between 1 and 65535");
  }

  @Test
  void should_fail_when_the_blob_is_shorter_than_its_counts() {
    // WHEN / THEN
    assertThat(parseFailure(new byte[] {0, 0, 0, 1, 0}))
        .hasMessageContaining("needs 4 bytes at offset 4, but it is only 5 bytes long");
  }

  @Test
  void should_fail_when_an_offset_points_past_the_data() {
    // GIVEN: entry 1 (NAME, after the region tag) moved far beyond the data store
    byte[] blob = patchIndex(minimal().build(), 1, 2, 0x7fff0000);

    // WHEN / THEN
    assertThat(parseFailure(blob))
        .hasMessageContaining("index entry 1 (tag 1000) has offset 2147418112 outside the data store");
  }

  @Test
  void should_fail_when_a_type_is_unknown() {
    // GIVEN
    byte[] blob = patchIndex(minimal().build(), 1, 1, 42);

    // WHEN / THEN
    assertThat(parseFailure(blob)).hasMessageContaining("index entry 1 (tag 1000) has unknown type 42");
  }

  @Test
  void should_fail_when_a_tag_has_the_wrong_type() {
    // GIVEN
    byte[] blob = TestHeaders.builder().int32(TAG_NAME, 5).string(TAG_VERSION, "1").string(TAG_RELEASE, "1").build();

    // WHEN / THEN
    assertThat(parseFailure(blob)).hasMessageContaining("tag NAME (1000) has type INT32, expected STRING");
  }

  @Test
  void should_fail_when_a_string_is_not_nul_terminated() {
    // GIVEN: the last value of the data store is a NAME without its NUL
    byte[] blob = TestHeaders.builder().string(TAG_VERSION, "1").string(TAG_RELEASE, "1")
        .raw(TAG_NAME, TYPE_STRING, 1, "bash".getBytes(StandardCharsets.US_ASCII)).buildLegacy();

    // WHEN / THEN
    assertThat(parseFailure(blob))
        .hasMessageContaining("string of tag NAME (1000) at offset 4 is not NUL-terminated");
  }

  @Test
  void should_fail_when_a_string_array_count_exceeds_the_data() {
    // GIVEN: a million basenames in two bytes
    byte[] blob = minimal().raw(TAG_BASENAMES, TYPE_STRING_ARRAY, 1_000_000, new byte[] {'a', 0}).build();

    // WHEN / THEN
    assertThat(parseFailure(blob)).hasMessageContaining("tag BASENAMES (1117) claims 1000000 values of STRING_ARRAY");
  }

  @Test
  void should_fail_when_an_int32_count_exceeds_the_data() {
    // GIVEN
    byte[] blob = minimal().raw(TAG_EPOCH, TYPE_INT32, 0x40000000, new byte[4]).build();

    // WHEN / THEN
    assertThat(parseFailure(blob)).hasMessageContaining("tag EPOCH (1003) claims 1073741824 values of INT32");
  }

  @Test
  void should_fail_when_a_directory_index_is_out_of_range() {
    // GIVEN
    byte[] blob = minimal().stringArray(TAG_DIRNAMES, "/usr/bin/").int32(TAG_DIRINDEXES, 5)
        .stringArray(TAG_BASENAMES, "sh").build();

    // WHEN / THEN
    assertThat(parseFailure(blob))
        .hasMessageContaining("tag DIRINDEXES (1116) entry 0 is 5, but tag DIRNAMES (1118) has 1 names");
  }

  @Test
  void should_fail_when_basenames_and_directory_indexes_differ_in_number() {
    // GIVEN
    byte[] blob = minimal().stringArray(TAG_DIRNAMES, "/usr/bin/").int32(TAG_DIRINDEXES, 0, 0)
        .stringArray(TAG_BASENAMES, "sh").build();

    // WHEN / THEN
    assertThat(parseFailure(blob))
        .hasMessageContaining("tag BASENAMES (1117) has 1 names but tag DIRINDEXES (1116) has 2 indexes");
  }

  @Test
  void should_fail_without_a_name() {
    // GIVEN
    byte[] blob = TestHeaders.builder().string(TAG_VERSION, "1").string(TAG_RELEASE, "1").build();

    // WHEN / THEN
    assertThat(parseFailure(blob)).hasMessage(SOURCE + ": header 7 data: has no tag NAME (1000)");
  }

  @Test
  void should_fail_when_the_region_trailer_is_not_a_region_tag() {
    // GIVEN: the trailer's count (last field of the 16 bytes the region tag points at) damaged
    byte[] blob = minimal().build();
    int trailer = ByteBuffer.wrap(blob).getInt(8 + 8);
    ByteBuffer data = dataOf(blob);
    data.putInt(trailer + 12, 99);

    // WHEN / THEN
    assertThat(parseFailure(blob)).hasMessageContaining(
        "region trailer of HEADERIMMUTABLE has tag 63, type 7 and count 99, expected 63, BIN and 16");
  }

  @Test
  void should_fail_when_the_region_claims_more_entries_than_the_header_has() {
    // GIVEN
    byte[] blob = minimal().build();
    int trailer = ByteBuffer.wrap(blob).getInt(8 + 8);
    dataOf(blob).putInt(trailer + 8, -16 * 100);

    // WHEN / THEN
    assertThat(parseFailure(blob)).hasMessageContaining(
        "region trailer of HEADERIMMUTABLE claims 1600 bytes of index entries, but the header has 4 entries");
  }

  @Test
  void should_fail_when_the_region_trailer_lies_outside_the_data() {
    // GIVEN
    byte[] blob = patchIndex(minimal().build(), 0, 2, -4);

    // WHEN / THEN
    assertThat(parseFailure(blob)).hasMessageContaining(
        "region tag HEADERIMMUTABLE puts its trailer at offset -4, outside the data store");
  }

  @Test
  void should_never_fail_other_than_with_package_database_exception_on_damaged_headers() {
    // GIVEN: every single byte of a real-looking header replaced, one at a time, by several values
    byte[] blob = TestHeaders.simplePackage("bash");
    int parsed = 0;
    int rejected = 0;

    // WHEN
    for (int i = 0; i < blob.length; i++) {
      for (int value : new int[] {0x00, 0x01, 0x7f, 0x80, 0xff}) {
        byte[] damaged = Arrays.copyOf(blob, blob.length);
        damaged[i] = (byte) value;
        try {
          parse(damaged);
          parsed++;
        } catch (PackageDatabaseException e) {
          rejected++;
        }
      }
    }

    // THEN: nothing but PackageDatabaseException escaped, and both outcomes happened
    assertThat(parsed + rejected).isEqualTo(blob.length * 5);
    assertThat(rejected).isPositive();
    assertThat(parsed).isPositive();
  }
}
