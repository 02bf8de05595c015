package io.imagecheck.testimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagecheck.fs.FileType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link TarWriter}, through {@link TestLayer} and {@link RawTarEntry}. */
class TarWriterTest {

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String field(byte[] header, int offset, int width) {
    return new String(header, offset, width, StandardCharsets.ISO_8859_1);
  }

  @Test
  void should_write_ustar_header_whose_checksum_is_the_byte_sum_with_the_field_as_spaces() {
    // GIVEN
    TestLayer layer = TestLayer.builder().file("/bin/busybox", new byte[] {1, 2, 3}, 0755).build();

    // WHEN
    byte[] header = Arrays.copyOf(layer.tar(), 512);

    // THEN
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? 32 : header[i] & 0xff;
    }
    assertEquals(String.format(java.util.Locale.ROOT, "%06o", sum) + "\0 ", field(header, 148, 8));
    assertEquals("bin/busybox", TarEntries.string(header, 0, 100));
    assertEquals("0000755\0", field(header, 100, 8));
    assertEquals("0000000\0", field(header, 108, 8));
    assertEquals("00000000003\0", field(header, 124, 12));
    assertEquals(Long.toOctalString(FileSpec.DEFAULT_MODIFIED.getEpochSecond()), field(header, 136, 11));
    assertEquals('0', (char) header[156]);
    assertEquals("ustar\0" + "00", field(header, 257, 8));
  }

  @Test
  void should_pad_content_to_blocks_and_end_with_two_zero_blocks() {
    // GIVEN
    TestLayer layer = TestLayer.builder().file("/a", "x".repeat(513)).build();

    // WHEN
    byte[] tar = layer.tar();

    // THEN header + 2 content blocks + 2 end blocks
    assertEquals(5 * 512, tar.length);
    assertTrue(TarEntries.read(tar).endOfArchive);
    assertEquals("x".repeat(513), TarEntries.read(tar).get("a").text());
  }

  @Test
  void should_omit_the_end_of_archive_blocks_when_asked() {
    // GIVEN
    TestLayer.Builder builder = TestLayer.builder().file("/a", "x").endOfArchive(false);

    // WHEN
    byte[] tar = builder.build().tar();

    // THEN
    assertEquals(2 * 512, tar.length);
    assertFalse(TarEntries.read(tar).endOfArchive);
  }

  @Test
  void should_write_a_pax_path_record_for_a_name_over_100_bytes() {
    // GIVEN
    String path = "/" + "d".repeat(60) + "/" + "f".repeat(60);

    // WHEN
    TarEntries tar = TarEntries.read(TestLayer.builder().file(path, "long").build().tar());

    // THEN
    TarEntries.Entry e = tar.entries.get(0);
    assertEquals(path.substring(1), e.name());
    assertEquals(path.substring(1), e.pax().get("path"));
    assertEquals(path.substring(1, 101), TarEntries.string(e.header(), 0, 100));
    assertEquals("long", e.text());
  }

  @Test
  void should_name_the_pax_header_entry_like_go_archive_tar() {
    // GIVEN
    String path = "/usr/" + "n".repeat(120);

    // WHEN
    byte[] tar = TestLayer.builder().file(path, "").build().tar();

    // THEN the first header is the 'x' entry
    assertEquals('x', (char) tar[156]);
    assertEquals("usr/PaxHeaders.0/" + "n".repeat(83), TarEntries.string(tar, 0, 100));
  }

  @Test
  void should_write_pax_records_for_non_ascii_names_link_targets_and_owner_names() {
    // GIVEN
    FileSpec link = FileSpec.builder("/données/lien", FileType.SYMLINK)
        .linkTarget("cible-é")
        .ownerNames("usér", "x".repeat(33))
        .build();

    // WHEN
    TarEntries.Entry e = TarEntries.read(TestLayer.builder().entry(link).build().tar()).entries.get(0);

    // THEN
    assertEquals("données/lien", e.name());
    assertEquals("cible-é", e.linkName());
    assertEquals("usér", e.uname());
    assertEquals("x".repeat(33), e.gname());
    assertEquals(List.of("gname", "linkpath", "path", "uname"), List.copyOf(e.pax().keySet()));
    assertEquals("donnes/lien", TarEntries.string(e.header(), 0, 100));
    assertEquals('2', e.typeflag());
    assertEquals(0777, e.mode());
  }

  @Test
  void should_write_pax_uid_and_gid_when_they_do_not_fit_octal() {
    // GIVEN
    FileSpec f = FileSpec.builder("/f", FileType.REGULAR).owner(3_000_000_000L, 2_097_152L).build();

    // WHEN
    TarEntries.Entry e = TarEntries.read(TestLayer.builder().entry(f).build().tar()).entries.get(0);

    // THEN
    assertEquals(3_000_000_000L, e.uid());
    assertEquals(2_097_152L, e.gid());
    assertEquals("0000000\0", field(e.header(), 108, 8));
  }

  @Test
  void should_write_xattrs_as_schily_pax_records_with_raw_values() {
    // GIVEN
    byte[] capability = {1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    FileSpec f = FileSpec.builder("/usr/bin/ping", FileType.REGULAR)
        .mode(0755)
        .xattr("security.capability", capability)
        .xattr("user.comment", "hi".getBytes(StandardCharsets.UTF_8))
        .build();

    // WHEN
    TarEntries.Entry e = TarEntries.read(TestLayer.builder().entry(f).build().tar()).entries.get(0);

    // THEN
    assertEquals(List.of("security.capability", "user.comment"), List.copyOf(e.xattrs().keySet()));
    assertArrayEquals(capability, e.xattrs().get("security.capability"));
    assertEquals("hi", new String(e.xattrs().get("user.comment"), StandardCharsets.UTF_8));
  }

  @Test
  void should_write_fractional_and_pre_epoch_mtimes_as_pax_records() {
    // GIVEN
    FileSpec fraction = FileSpec.builder("/a", FileType.REGULAR).modified(Instant.ofEpochSecond(10, 500_000_000))
        .build();
    FileSpec old = FileSpec.builder("/b", FileType.REGULAR).modified(Instant.ofEpochSecond(-86_400)).build();

    // WHEN
    TarEntries tar = TarEntries.read(TestLayer.builder().entry(fraction).entry(old).build().tar());

    // THEN
    assertEquals("10.5", tar.get("a").mtime());
    assertEquals("-86400", tar.get("b").mtime());
  }

  @Test
  void should_count_the_length_digits_in_pax_records() {
    // GIVEN a record of 98 bytes without its length: 2 digits would make 100, which needs 3
    byte[] value = new byte[94];
    Arrays.fill(value, (byte) 'v');

    // WHEN
    byte[] record = RawTarEntry.paxRecord("k", value);
    byte[] small = RawTarEntry.paxRecord("path", ascii("a"));

    // THEN
    assertEquals("101 k=", new String(record, 0, 6, StandardCharsets.US_ASCII));
    assertEquals(101, record.length);
    assertEquals("9 path=a\n", new String(small, StandardCharsets.US_ASCII));
  }

  @Test
  void should_write_device_numbers_and_type_flags() {
    // GIVEN
    TestLayer layer = TestLayer.builder()
        .charDevice("/dev/null", 1, 3)
        .blockDevice("/dev/sda", 8, 0)
        .fifo("/run/p")
        .directory("/")
        .hardlink("/bin/ls", "/bin/busybox")
        .build();

    // WHEN
    TarEntries tar = TarEntries.read(layer.tar());

    // THEN
    assertEquals(List.of("dev/null", "dev/sda", "run/p", "./", "bin/ls"), tar.names());
    assertEquals(List.of('3', '4', '6', '5', '1'), tar.entries.stream().map(TarEntries.Entry::typeflag).toList());
    assertEquals(List.of(0666, 0666, 0644, 0755, 0644), tar.entries.stream().map(TarEntries.Entry::mode).toList());
    assertEquals(1, tar.get("dev/null").devMajor());
    assertEquals(3, tar.get("dev/null").devMinor());
    assertEquals(8, tar.get("dev/sda").devMajor());
    assertEquals("bin/busybox", tar.get("bin/ls").linkName());
  }

  @Test
  void should_write_raw_entry_fields_exactly_including_a_lying_size_and_base256_numbers() {
    // GIVEN
    RawTarEntry raw = RawTarEntry.builder(new byte[] {'.', '.', '/', (byte) 0xff})
        .typeflag('0')
        .mode(04755)
        .owner(-1, 1L << 40)
        .content("abc")
        .declaredSize(1L << 36)
        .build();

    // WHEN
    byte[] tar = TestLayer.builder().rawEntry(raw).endOfArchive(false).build().tar();

    // THEN
    assertEquals(1024, tar.length);
    assertArrayEquals(new byte[] {'.', '.', '/', (byte) 0xff, 0}, Arrays.copyOf(tar, 5));
    assertEquals("0004755\0", field(tar, 100, 8));
    assertEquals(-1, TarEntries.octal(tar, 108, 8));
    assertEquals((byte) 0xff, tar[108]);
    assertEquals(1L << 40, TarEntries.octal(tar, 116, 8));
    assertEquals((byte) 0x80, tar[116]);
    assertEquals(1L << 36, TarEntries.octal(tar, 124, 12));
    assertEquals((byte) 0x80, tar[124]);
    assertEquals("abc", new String(tar, 512, 3, StandardCharsets.US_ASCII));
  }

  @Test
  void should_write_raw_pax_records_in_order_with_duplicates_and_a_wrong_checksum_when_asked() {
    // GIVEN
    RawTarEntry raw = RawTarEntry.builder("short")
        .paxRecord("path", "first")
        .paxRecord("path", "second")
        .checksum(7)
        .build();

    // WHEN
    byte[] tar = TestLayer.builder().rawEntry(raw).build().tar();

    // THEN
    assertEquals('x', (char) tar[156]);
    assertEquals("PaxHeaders.0/short", TarEntries.string(tar, 0, 100));
    assertEquals("14 path=first\n15 path=second\n", new String(tar, 512, 29, StandardCharsets.UTF_8));
    assertEquals("000007\0 ", field(tar, 1024 + 148, 8));
    IllegalStateException bad = assertThrows(IllegalStateException.class, () -> TarEntries.read(tar));
    assertTrue(bad.getMessage().startsWith("bad checksum at 1024"), bad.getMessage());
  }

  @Test
  void should_apply_header_patches_before_the_checksum_and_skip_padding_when_asked() {
    // GIVEN GNU magic instead of ustar, and unpadded content
    RawTarEntry raw = RawTarEntry.builder("gnu")
        .headerBytes(257, ascii("ustar  \0"))
        .content("12345")
        .padContent(false)
        .build();

    // WHEN
    byte[] tar = TestLayer.builder().rawEntry(raw).endOfArchive(false).build().tar();

    // THEN the checksum still verifies, and the stream is 512 + 5 bytes
    assertEquals(517, tar.length);
    assertEquals("ustar  \0", field(tar, 257, 8));
    assertEquals(TarEntries.octal(tar, 148, 8), checksumOf(Arrays.copyOf(tar, 512)));
  }

  @Test
  void should_refuse_raw_names_longer_than_the_name_field() {
    // WHEN
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RawTarEntry.builder("n".repeat(101)));

    // THEN
    assertEquals("name is 101 bytes, the ustar field holds 100; use a PAX record for more", e.getMessage());
  }

  @Test
  void should_write_uname_and_gname_when_given() {
    // GIVEN
    FileSpec f = FileSpec.builder("/etc/shadow", FileType.REGULAR).mode(0640).owner(0, 42)
        .ownerNames("root", "shadow").build();

    // WHEN
    TarEntries.Entry e = TarEntries.read(TestLayer.builder().entry(f).build().tar()).entries.get(0);

    // THEN
    assertEquals(Map.of(), e.pax());
    assertEquals("root", e.uname());
    assertEquals("shadow", e.gname());
    assertEquals(42, e.gid());
    assertEquals(0640, e.mode());
  }

  private static long checksumOf(byte[] header) {
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += (i >= 148 && i < 156) ? 32 : header[i] & 0xff;
    }
    return sum;
  }
}
