package io.imagecheck.testimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.imagecheck.image.Compression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link Compressors}. */
class CompressorsTest {

  private static byte[] pattern(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 7 + i / 251);
    }
    return b;
  }

  @Test
  void should_write_zstd_frame_header_with_window_descriptor_and_8_byte_content_size() {
    // GIVEN
    byte[] data = pattern(1000);

    // WHEN
    byte[] frame = Compressors.zstd(data);

    // THEN magic, FHD 0xc0, window 128 KiB (0x38), FCS 1000 little-endian, one last raw block of 1000
    assertEquals("28b52ffd" + "c0" + "38" + "e803000000000000", HexFormat.of().formatHex(frame, 0, 14));
    int blockHeader = (1000 << 3) | 1;
    assertArrayEquals(new byte[] {(byte) blockHeader, (byte) (blockHeader >> 8), (byte) (blockHeader >> 16)},
        Arrays.copyOfRange(frame, 14, 17));
    assertEquals(14 + 3 + 1000, frame.length);
    assertArrayEquals(data, TarEntries.unzstdRaw(frame));
  }

  @Test
  void should_split_zstd_content_into_blocks_of_at_most_128_kib_with_the_last_flag_on_the_final_one() {
    // GIVEN
    byte[] data = pattern(2 * 131072 + 45056);

    // WHEN
    byte[] frame = Compressors.zstd(data);

    // THEN
    List<String> blocks = new ArrayList<>();
    int pos = 14;
    while (pos < frame.length) {
      int h = (frame[pos] & 0xff) | (frame[pos + 1] & 0xff) << 8 | (frame[pos + 2] & 0xff) << 16;
      blocks.add((h >>> 3) + ((h & 1) == 1 ? " last" : "") + " type" + ((h >> 1) & 3));
      pos += 3 + (h >>> 3);
    }
    assertEquals(List.of("131072 type0", "131072 type0", "45056 last type0"), blocks);
    assertArrayEquals(data, TarEntries.unzstdRaw(frame));
  }

  @Test
  void should_write_an_empty_zstd_frame_as_one_empty_last_raw_block() {
    // WHEN
    byte[] frame = Compressors.zstd(new byte[0]);

    // THEN
    assertEquals("28b52ffdc0380000000000000000" + "010000", HexFormat.of().formatHex(frame));
  }

  @Test
  void should_gzip_deterministically_without_a_timestamp() throws Exception {
    // GIVEN
    byte[] data = pattern(5000);

    // WHEN
    byte[] first = Compressors.compress(Compression.GZIP, data);
    byte[] second = Compressors.compress(Compression.GZIP, data);

    // THEN
    assertArrayEquals(first, second);
    assertEquals("1f8b0800000000000000", HexFormat.of().formatHex(first, 0, 8) + "0000");
    assertArrayEquals(data, TarEntries.gunzip(first));
  }

  @Test
  void should_refuse_unknown_compression() {
    // WHEN
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Compressors.compress(Compression.UNKNOWN, new byte[1]));

    // THEN
    assertEquals("cannot write a layer with UNKNOWN compression", e.getMessage());
  }
}
