package io.imagecheck.inspectors.packages.rpm;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A read-only view of an SQLite 3 database file, written from the documented file format
 * (https://www.sqlite.org/fileformat2.html), with only what reading a rowid table needs: the database
 * header, pages, the schema table and (through {@link SqliteBtree}) table b-trees.
 *
 * <p>Only the main database file is read. A database in WAL mode may have committed transactions
 * that still sit in its {@code -wal} file; they are not seen. rpm checkpoints the WAL when it closes
 * the database, so a database at rest in an image normally has an empty or absent {@code -wal} file.
 */
final class SqliteFile {
  /** The 16 bytes every SQLite 3 database starts with. */
  static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private static final int HEADER_SIZE = 100;
  private static final int SCHEMA_ROOT_PAGE = 1;

  private final ByteView file;
  private final int pageSize;
  private final int usableSize;
  private final int pageCount;
  private final Charset textEncoding;

  private SqliteFile(ByteView file, int pageSize, int usableSize, int pageCount, Charset textEncoding) {
    this.file = file;
    this.pageSize = pageSize;
    this.usableSize = usableSize;
    this.pageCount = pageCount;
    this.textEncoding = textEncoding;
  }

  /**
   * Reads and checks the database header.
   *
   * @param source the database path inside the image, for messages
   * @param content the whole database file
   * @return the file
   * @throws PackageDatabaseException when the header is not a valid SQLite 3 header
   */
  static SqliteFile open(String source, byte[] content) throws PackageDatabaseException {
    ByteView file = ByteView.of(source, "SQLite database", content, true);
    if (content.length < HEADER_SIZE || !file.startsWith(0, MAGIC)) {
      throw file.error("does not start with the 100-byte SQLite 3 header (\"SQLite format 3\")");
    }
    // The page size is a big-endian u16; 65536 does not fit and is stored as 1.
    int rawPageSize = file.u16(16);
    int pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
    if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
      throw file.error("invalid page size " + rawPageSize + " in the header (expected a power of two from 512"
          + " to 32768, or 1 for 65536)");
    }
    int readVersion = file.u8(19);
    if (readVersion != 1 && readVersion != 2) {
      // The format says: a read version above 2 means the file cannot be read by this reader.
      throw file.error("file format read version " + readVersion + " is not supported (expected 1 or 2)");
    }
    int usableSize = pageSize - file.u8(20);
    if (usableSize < 480) {
      throw file.error("page size " + pageSize + " minus " + file.u8(20) + " reserved bytes leaves "
          + usableSize + " usable bytes, less than the minimum of 480");
    }
    if (file.u8(21) != 64 || file.u8(22) != 32 || file.u8(23) != 32) {
      throw file.error("payload fractions are " + file.u8(21) + "/" + file.u8(22) + "/" + file.u8(23)
          + ", the format requires 64/32/32");
    }
    long filePages = content.length / pageSize;
    // The size in the header is valid only if it was written by a version that maintains it; the
    // format's test: non-zero and the change counter equals the "version-valid-for" number.
    long headerPages = file.u32(28);
    boolean headerPagesValid = headerPages != 0 && file.u32(24) == file.u32(92);
    if (headerPagesValid && headerPages > filePages) {
      throw file.error("header says the database has " + headerPages + " pages of " + pageSize
          + " bytes, but the file has only " + content.length + " bytes (truncated?)");
    }
    long pages = headerPagesValid ? headerPages : filePages;
    if (pages < 1) {
      throw file.error("is shorter (" + content.length + " bytes) than its first page (" + pageSize + " bytes)");
    }
    Charset encoding = switch ((int) file.u32(56)) {
      case 0, 1 -> StandardCharsets.UTF_8; // 0: an empty database that never stored text
      case 2 -> StandardCharsets.UTF_16LE;
      case 3 -> StandardCharsets.UTF_16BE;
      default -> throw file.error("unknown text encoding " + file.u32(56) + " (expected 1, 2 or 3)");
    };
    return new SqliteFile(file, pageSize, usableSize, (int) Math.min(pages, Integer.MAX_VALUE), encoding);
  }

  /**
   * One page.
   *
   * @param number the page number, from 1
   * @return the page, {@link #pageSize()} bytes
   * @throws PackageDatabaseException when the number is outside the file
   */
  ByteView page(long number) throws PackageDatabaseException {
    if (number < 1 || number > pageCount) {
      throw file.error("page number " + number + " is outside the database (pages 1 to " + pageCount + ")");
    }
    return file.slice("page " + number, (number - 1) * pageSize, pageSize);
  }

  /** @return the page size in bytes */
  int pageSize() {
    return pageSize;
  }

  /** @return the usable bytes per page: the page size minus the reserved bytes at the end of each page */
  int usableSize() {
    return usableSize;
  }

  /** @return the number of pages */
  int pageCount() {
    return pageCount;
  }

  /** @return the encoding of every text value in the database */
  Charset textEncoding() {
    return textEncoding;
  }

  /** @return the database path inside the image */
  String source() {
    return file.source();
  }

  /**
   * All rows of a rowid table, in rowid order.
   *
   * @param tableName the table's name, matched without regard to case like SQL identifiers
   * @return the rows
   * @throws PackageDatabaseException when the schema has no such table or a page is malformed
   */
  List<SqliteBtree.Row> tableRows(String tableName) throws PackageDatabaseException {
    return new SqliteBtree(this).rows(rootPage(tableName), tableName);
  }

  /** Finds the table's root page in the schema table (sqlite_schema), whose root is page 1. */
  private long rootPage(String tableName) throws PackageDatabaseException {
    // sqlite_schema columns: type, name, tbl_name, rootpage, sql.
    for (SqliteBtree.Row row : new SqliteBtree(this).rows(SCHEMA_ROOT_PAGE, "sqlite_schema")) {
      SqliteRecord record = SqliteRecord.decode(row.payload(), textEncoding);
      if (record.columnCount() < 4) {
        throw row.payload().error("sqlite_schema row has " + record.columnCount() + " columns, expected 5");
      }
      String type = record.text(0);
      String name = record.text(1);
      if ("table".equals(type) && name != null
          && name.toLowerCase(Locale.ROOT).equals(tableName.toLowerCase(Locale.ROOT))) {
        return record.integer(3);
      }
    }
    throw file.error("has no table named " + tableName + " in its schema");
  }
}
