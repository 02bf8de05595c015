package io.imagecheck.inspectors.packages.rpm;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.nio.charset.Charset;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One row's values in the SQLite record format: a header (its own size as a varint, then one
 * "serial type" varint per column) followed by the values, back to back. The serial type gives each
 * value's type and size: 0 NULL, 1 to 6 big-endian integers of 1, 2, 3, 4, 6 and 8 bytes, 7 a double,
 * 8 and 9 the constants 0 and 1, even N &ge; 12 a BLOB of (N-12)/2 bytes, odd N &ge; 13 a TEXT of
 * (N-13)/2 bytes. Values are read on demand from the payload; nothing is copied until asked for.
 */
final class SqliteRecord {
  /** A decoded variable-length integer and the number of bytes (1 to 9) it took. */
  record Varint(long value, int length) {}

  private static final int[] INTEGER_SIZES = {0, 1, 2, 3, 4, 6, 8};
  /** SQLite's own hard limit on the columns of a table (SQLITE_MAX_COLUMN cannot exceed it). */
  private static final int MAX_COLUMNS = 32767;

  private final ByteView payload;
  private final Charset textEncoding;
  private final long[] serialTypes;
  private final long[] offsets;

  private SqliteRecord(ByteView payload, Charset textEncoding, long[] serialTypes, long[] offsets) {
    this.payload = payload;
    this.textEncoding = textEncoding;
    this.serialTypes = serialTypes;
    this.offsets = offsets;
  }

  /**
   * Reads an SQLite varint: big-endian groups of 7 bits, the high bit of each byte saying another
   * byte follows, except that a ninth byte contributes all its 8 bits.
   *
   * @param view the bytes
   * @param at the offset of the first byte
   * @return the value (two's complement, as SQLite reads it) and its length
   * @throws PackageDatabaseException when the varint runs past the view
   */
  static Varint varint(ByteView view, long at) throws PackageDatabaseException {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      int b = view.u8(at + i);
      value = (value << 7) | (b & 0x7f);
      if ((b & 0x80) == 0) {
        return new Varint(value, i + 1);
      }
    }
    value = (value << 8) | view.u8(at + 8);
    return new Varint(value, 9);
  }

  /**
   * Decodes a record's header and checks that every value lies inside the payload.
   *
   * @param payload the record's bytes
   * @param textEncoding the database's text encoding
   * @return the record
   * @throws PackageDatabaseException when the header is malformed or a value runs past the payload
   */
  static SqliteRecord decode(ByteView payload, Charset textEncoding) throws PackageDatabaseException {
    Varint headerSize = varint(payload, 0);
    if (headerSize.value() < headerSize.length() || headerSize.value() > payload.length()) {
      throw payload.error("record header size " + headerSize.value() + " is outside the record ("
          + payload.length() + " bytes)");
    }
    long[] types = new long[8];
    long[] offsets = new long[8];
    int columns = 0;
    long at = headerSize.length();
    long content = headerSize.value();
    while (at < headerSize.value()) {
      Varint type = varint(payload, at);
      at += type.length();
      if (at > headerSize.value()) {
        throw payload.error("serial type of column " + columns + " runs past the record header ("
            + headerSize.value() + " bytes)");
      }
      long size = contentSize(payload, type.value(), columns);
      if (columns == types.length) {
        if (columns == MAX_COLUMNS) {
          throw payload.error("record has more than " + MAX_COLUMNS + " columns");
        }
        types = Arrays.copyOf(types, Math.min(MAX_COLUMNS, columns * 2));
        offsets = Arrays.copyOf(offsets, types.length);
      }
      types[columns] = type.value();
      offsets[columns] = content;
      content += size;
      if (content > payload.length()) {
        throw payload.error("column " + columns + " (serial type " + type.value() + ") ends at byte "
            + content + ", past the end of the record (" + payload.length() + " bytes)");
      }
      columns++;
    }
    return new SqliteRecord(payload, textEncoding, Arrays.copyOf(types, columns), Arrays.copyOf(offsets, columns));
  }

  private static long contentSize(ByteView payload, long serialType, int column) throws PackageDatabaseException {
    if (serialType >= 0 && serialType <= 6) {
      return INTEGER_SIZES[(int) serialType];
    }
    if (serialType == 7) {
      return 8;
    }
    if (serialType == 8 || serialType == 9) {
      return 0;
    }
    if (serialType >= 12) {
      return (serialType - 12) / 2; // BLOB (even) and TEXT (odd) alike
    }
    throw payload.error("column " + column + " has reserved or invalid serial type " + serialType);
  }

  /** @return the number of columns the record stores */
  int columnCount() {
    return serialTypes.length;
  }

  /**
   * A TEXT value.
   *
   * @param column the column index
   * @return the text, or null for NULL
   * @throws PackageDatabaseException when the column is missing or not TEXT
   */
  @Nullable String text(int column) throws PackageDatabaseException {
    long type = type(column);
    if (type == 0) {
      return null;
    }
    if (type < 13 || type % 2 == 0) {
      throw wrongType(column, "TEXT");
    }
    return new String(payload.copy(offsets[column], (type - 13) / 2), textEncoding);
  }

  /**
   * A BLOB value, as a view on the payload.
   *
   * @param column the column index
   * @param region what the blob is, for messages, e.g. {@code header 12}
   * @return the bytes, or null for NULL
   * @throws PackageDatabaseException when the column is missing or not a BLOB
   */
  @Nullable ByteView blob(int column, String region) throws PackageDatabaseException {
    long type = type(column);
    if (type == 0) {
      return null;
    }
    if (type < 12 || type % 2 != 0) {
      throw wrongType(column, "BLOB");
    }
    return payload.slice(region, offsets[column], (type - 12) / 2);
  }

  /**
   * An INTEGER value.
   *
   * @param column the column index
   * @return the value
   * @throws PackageDatabaseException when the column is missing or not an integer
   */
  long integer(int column) throws PackageDatabaseException {
    long type = type(column);
    if (type == 8 || type == 9) {
      return type - 8;
    }
    if (type < 1 || type > 6) {
      throw wrongType(column, "INTEGER");
    }
    int size = INTEGER_SIZES[(int) type];
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | payload.u8(offsets[column] + i);
    }
    // Sign-extend from the stored width.
    int unused = 64 - 8 * size;
    return (value << unused) >> unused;
  }

  private long type(int column) throws PackageDatabaseException {
    if (column < 0 || column >= serialTypes.length) {
      throw payload.error("record has " + serialTypes.length + " columns, column " + column + " is missing");
    }
    return serialTypes[column];
  }

  private PackageDatabaseException wrongType(int column, String expected) {
    return payload.error("column " + column + " has serial type " + serialTypes[column] + ", expected " + expected);
  }
}
