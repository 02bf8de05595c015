package io.imagecheck.inspectors.packages.rpm;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.Checksum;

/**
 * A bounds-checked window on part of a byte array, read as big- or little-endian integers.
 *
 * <p>Every read checks that it stays inside the window and otherwise throws a {@link
 * PackageDatabaseException} that names the database and the window (for example {@code page 7} or
 * {@code header 12}), so a parser built on it cannot run off the end of its input whatever the
 * offsets it read from that input say.
 */
final class ByteView {
  private final String source;
  private final String region;
  private final byte[] bytes;
  private final int start;
  private final int length;
  private final boolean bigEndian;

  private ByteView(String source, String region, byte[] bytes, int start, int length, boolean bigEndian) {
    this.source = source;
    this.region = region;
    this.bytes = bytes;
    this.start = start;
    this.length = length;
    this.bigEndian = bigEndian;
  }

  /**
   * A view of a whole array.
   *
   * @param source the database path inside the image, for messages
   * @param region what the bytes are, for messages, e.g. {@code file}
   * @param bytes the bytes (not copied)
   * @param bigEndian whether multi-byte integers are big-endian
   * @return the view
   */
  static ByteView of(String source, String region, byte[] bytes, boolean bigEndian) {
    return new ByteView(
        Objects.requireNonNull(source, "source"), Objects.requireNonNull(region, "region"),
        Objects.requireNonNull(bytes, "bytes"), 0, bytes.length, bigEndian);
  }

  /**
   * A sub-window, checked against this one.
   *
   * @param newRegion what the sub-window is, for messages
   * @param at its offset in this view
   * @param size its length
   * @return the view
   * @throws PackageDatabaseException when it does not fit inside this view
   */
  ByteView slice(String newRegion, long at, long size) throws PackageDatabaseException {
    check(at, size);
    return new ByteView(source, newRegion, bytes, start + (int) at, (int) size, bigEndian);
  }

  /**
   * The same bytes read with another byte order.
   *
   * @param newBigEndian whether multi-byte integers are big-endian
   * @return the view
   */
  ByteView withByteOrder(boolean newBigEndian) {
    return new ByteView(source, region, bytes, start, length, newBigEndian);
  }

  /** @return the database path inside the image */
  String source() {
    return source;
  }

  /** @return what this window is, e.g. {@code page 7} */
  String region() {
    return region;
  }

  /** @return the length of the window in bytes */
  int length() {
    return length;
  }

  /**
   * An unsigned byte.
   *
   * @param at the offset in this view
   * @return 0 to 255
   * @throws PackageDatabaseException when the byte is outside the view
   */
  int u8(long at) throws PackageDatabaseException {
    check(at, 1);
    return bytes[start + (int) at] & 0xff;
  }

  /**
   * An unsigned 16-bit integer.
   *
   * @param at the offset in this view
   * @return 0 to 65535
   * @throws PackageDatabaseException when the bytes are outside the view
   */
  int u16(long at) throws PackageDatabaseException {
    check(at, 2);
    int i = start + (int) at;
    int a = bytes[i] & 0xff;
    int b = bytes[i + 1] & 0xff;
    return bigEndian ? (a << 8) | b : (b << 8) | a;
  }

  /**
   * An unsigned 32-bit integer.
   *
   * @param at the offset in this view
   * @return 0 to 2^32-1
   * @throws PackageDatabaseException when the bytes are outside the view
   */
  long u32(long at) throws PackageDatabaseException {
    return Integer.toUnsignedLong(s32(at));
  }

  /**
   * A signed (two's complement) 32-bit integer.
   *
   * @param at the offset in this view
   * @return the value
   * @throws PackageDatabaseException when the bytes are outside the view
   */
  int s32(long at) throws PackageDatabaseException {
    check(at, 4);
    int i = start + (int) at;
    int value = 0;
    for (int k = 0; k < 4; k++) {
      int b = bytes[i + (bigEndian ? k : 3 - k)] & 0xff;
      value = (value << 8) | b;
    }
    return value;
  }

  /**
   * A signed (two's complement) 64-bit integer.
   *
   * @param at the offset in this view
   * @return the value
   * @throws PackageDatabaseException when the bytes are outside the view
   */
  long s64(long at) throws PackageDatabaseException {
    check(at, 8);
    int i = start + (int) at;
    long value = 0;
    for (int k = 0; k < 8; k++) {
      long b = bytes[i + (bigEndian ? k : 7 - k)] & 0xffL;
      value = (value << 8) | b;
    }
    return value;
  }

  /**
   * A copy of some bytes.
   *
   * @param at the offset in this view
   * @param size how many bytes
   * @return a new array
   * @throws PackageDatabaseException when the bytes are outside the view
   */
  byte[] copy(long at, long size) throws PackageDatabaseException {
    check(at, size);
    return Arrays.copyOfRange(bytes, start + (int) at, start + (int) at + (int) size);
  }

  /**
   * Copies some bytes into an array.
   *
   * @param at the offset in this view
   * @param target where to copy
   * @param targetOffset the offset in {@code target}
   * @param size how many bytes
   * @throws PackageDatabaseException when the bytes are outside the view
   */
  void copyTo(long at, byte[] target, int targetOffset, int size) throws PackageDatabaseException {
    check(at, size);
    System.arraycopy(bytes, start + (int) at, target, targetOffset, size);
  }

  /**
   * Feeds some bytes to a checksum.
   *
   * @param checksum the checksum to update
   * @param at the offset in this view
   * @param size how many bytes
   * @throws PackageDatabaseException when the bytes are outside the view
   */
  void updateChecksum(Checksum checksum, long at, long size) throws PackageDatabaseException {
    check(at, size);
    checksum.update(bytes, start + (int) at, (int) size);
  }

  /**
   * Whether some bytes equal an expected sequence (a magic number).
   *
   * @param at the offset in this view
   * @param expected the expected bytes
   * @return false when they differ or lie outside the view
   */
  boolean startsWith(long at, byte[] expected) {
    if (at < 0 || at > (long) length - expected.length) {
      return false;
    }
    return Arrays.equals(bytes, start + (int) at, start + (int) at + expected.length, expected, 0, expected.length);
  }

  /**
   * The offset of the first occurrence of a byte.
   *
   * @param value the byte to find
   * @param from the offset to search from
   * @return its offset in this view, or -1 when it does not occur from {@code from} to the end
   */
  int indexOf(byte value, long from) {
    for (long i = Math.max(0, from); i < length; i++) {
      if (bytes[start + (int) i] == value) {
        return (int) i;
      }
    }
    return -1;
  }

  /**
   * An exception that names the database and this window.
   *
   * @param problem what is wrong
   * @return the exception, to throw
   */
  PackageDatabaseException error(String problem) {
    return new PackageDatabaseException(source, region + ": " + problem);
  }

  private void check(long at, long size) throws PackageDatabaseException {
    // long arithmetic: offsets and sizes come from the input and may be anything, including
    // values that would overflow an int sum.
    if (at < 0 || size < 0 || at > length - size) {
      throw error("needs " + size + " bytes at offset " + at + ", but it is only " + length + " bytes long");
    }
  }
}
