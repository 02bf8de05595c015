package io.imagecheck.testimage;

import io.imagecheck.image.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Deterministic layer compression without third-party libraries.
 *
 * <ul>
 *   <li>gzip: {@link GZIPOutputStream}, whose header carries no timestamp or file name (MTIME 0),
 *       so the same input gives the same bytes on the same JDK.
 *   <li>zstd: a valid Zstandard frame (RFC 8878) made only of raw, uncompressed blocks: the magic
 *       number, a frame header with the window descriptor and the 8-byte content size, blocks of at
 *       most 128 KiB with the last-block flag on the final one, and no content checksum. Any
 *       conforming decoder ({@code zstd -d}, aircompressor, zstd-jni, Go's klauspost/compress)
 *       reads it; it is as large as the input plus 14 bytes and 3 bytes per block.
 * </ul>
 */
final class Compressors {

  /** The Zstandard frame magic number, {@code 0xFD2FB528}, little-endian. */
  static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

  /** The largest block a frame may hold: {@code min(window size, 128 KiB)}. */
  static final int ZSTD_MAX_BLOCK = 128 * 1024;

  /**
   * Frame header descriptor: Frame_Content_Size_flag 3 (8-byte content size), Single_Segment_flag
   * 0, Content_Checksum_flag 0, Dictionary_ID_flag 0.
   */
  private static final int ZSTD_FRAME_DESCRIPTOR = 0b1100_0000;

  /** Window descriptor for a 128 KiB window: exponent 7 (2^(10+7)), mantissa 0. */
  private static final int ZSTD_WINDOW_DESCRIPTOR = 7 << 3;

  private Compressors() {}

  /**
   * Compresses a layer.
   *
   * @param compression the compression
   * @param data the uncompressed tar
   * @return the blob
   * @throws IllegalArgumentException for {@link Compression#UNKNOWN}
   */
  static byte[] compress(Compression compression, byte[] data) {
    return switch (compression) {
      case NONE -> data.clone();
      case GZIP -> gzip(data);
      case ZSTD -> zstd(data);
      case UNKNOWN -> throw new IllegalArgumentException("cannot write a layer with UNKNOWN compression");
    };
  }

  /**
   * Gzips bytes with a fixed header.
   *
   * @param data the input
   * @return the gzip member
   */
  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory failed", e);
    }
    return out.toByteArray();
  }

  /**
   * Wraps bytes in a Zstandard frame of raw blocks (see the class comment).
   *
   * @param data the input
   * @return the frame
   */
  static byte[] zstd(byte[] data) {
    int blocks = Math.max(1, (data.length + ZSTD_MAX_BLOCK - 1) / ZSTD_MAX_BLOCK);
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 14 + 3 * blocks);
    out.writeBytes(ZSTD_MAGIC);
    out.write(ZSTD_FRAME_DESCRIPTOR);
    out.write(ZSTD_WINDOW_DESCRIPTOR);
    long contentSize = data.length;
    for (int i = 0; i < 8; i++) {
      out.write((int) (contentSize >>> (8 * i)) & 0xff);
    }
    int offset = 0;
    do {
      int size = Math.min(ZSTD_MAX_BLOCK, data.length - offset);
      boolean last = offset + size == data.length;
      // Block_Header, 3 bytes little-endian: Last_Block (bit 0), Block_Type 0 = Raw (bits 1-2),
      // Block_Size (bits 3-23).
      int header = (size << 3) | (last ? 1 : 0);
      out.write(header & 0xff);
      out.write((header >>> 8) & 0xff);
      out.write((header >>> 16) & 0xff);
      out.write(data, offset, size);
      offset += size;
    } while (offset < data.length);
    return out.toByteArray();
  }
}
