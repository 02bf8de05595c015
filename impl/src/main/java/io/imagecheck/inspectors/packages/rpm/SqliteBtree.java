package io.imagecheck.inspectors.packages.rpm;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Walks one table b-tree of an {@link SqliteFile} and returns its rows in rowid order, with payloads
 * that spill into overflow pages put back together.
 *
 * <p>Table b-tree pages start with a header (at offset 100 on page 1, after the database header, else
 * at 0): the page type (5 interior, 13 leaf), the cell count at +3 and, on interior pages, the
 * right-most child at +8; then an array of 2-byte cell offsets. An interior cell is a 4-byte child
 * page number and a rowid varint; a leaf cell is the payload size varint, the rowid varint, the part of
 * the payload kept on the page and, if the payload did not fit, the first overflow page number. Each
 * overflow page starts with the next overflow page number (0 on the last) followed by payload bytes.
 *
 * <p>The walk is bounded on hostile input: every page number is checked against the file, no page may
 * be reached twice (which stops pointer cycles and pages shared between cells), the tree may not be
 * deeper than SQLite's own cursor limit, and a payload may not claim more bytes than the file has.
 * An instance is good for one walk.
 */
final class SqliteBtree {
  /**
   * One row of a table.
   *
   * @param rowid the row's integer key (for rpm's {@code Packages} table, {@code hnum})
   * @param payload the row's record, see {@link SqliteRecord}
   */
  record Row(long rowid, ByteView payload) {}

  private static final int INTERIOR_TABLE_PAGE = 5;
  private static final int LEAF_TABLE_PAGE = 13;
  /** SQLite's BTCURSOR_MAX_DEPTH: no valid b-tree is deeper. */
  private static final int MAX_DEPTH = 20;

  private final SqliteFile file;
  private final BitSet visited = new BitSet();

  /**
   * A walker over one file.
   *
   * @param file the database
   */
  SqliteBtree(SqliteFile file) {
    this.file = file;
  }

  /**
   * All rows of the table b-tree rooted at a page.
   *
   * @param rootPage the root page number
   * @param tableName the table's name, for messages
   * @return the rows in rowid order
   * @throws PackageDatabaseException when a page is malformed, out of range or reached twice
   */
  List<Row> rows(long rootPage, String tableName) throws PackageDatabaseException {
    List<Row> rows = new ArrayList<>();
    visit(rootPage, 0, tableName, rows);
    return rows;
  }

  private void visit(long pageNumber, int depth, String table, List<Row> rows) throws PackageDatabaseException {
    if (depth > MAX_DEPTH) {
      throw file.page(pageNumber).error("b-tree of table " + table + " is deeper than " + MAX_DEPTH + " levels");
    }
    ByteView page = claim(pageNumber, "b-tree of table " + table);
    int header = pageNumber == 1 ? 100 : 0;
    int type = page.u8(header);
    int headerSize;
    if (type == LEAF_TABLE_PAGE) {
      headerSize = 8;
    } else if (type == INTERIOR_TABLE_PAGE) {
      headerSize = 12;
    } else {
      throw page.error("has page type " + type + ", expected a table b-tree page (" + INTERIOR_TABLE_PAGE
          + " or " + LEAF_TABLE_PAGE + ") of table " + table);
    }
    int cells = page.u16(header + 3);
    long pointersEnd = header + headerSize + 2L * cells;
    if (pointersEnd > file.usableSize()) {
      throw page.error(cells + " cell pointers do not fit in the page");
    }
    for (int i = 0; i < cells; i++) {
      int cell = page.u16(header + headerSize + 2L * i);
      if (cell < pointersEnd || cell >= file.usableSize()) {
        throw page.error("cell " + i + " at offset " + cell + " is outside the cell content area ("
            + pointersEnd + " to " + file.usableSize() + ")");
      }
      if (type == LEAF_TABLE_PAGE) {
        rows.add(leafCell(page, cell, table));
      } else {
        visit(page.u32(cell), depth + 1, table, rows);
      }
    }
    if (type == INTERIOR_TABLE_PAGE) {
      visit(page.u32(header + 8), depth + 1, table, rows);
    }
  }

  private Row leafCell(ByteView page, int cell, String table) throws PackageDatabaseException {
    SqliteRecord.Varint payloadSize = SqliteRecord.varint(page, cell);
    SqliteRecord.Varint rowid = SqliteRecord.varint(page, cell + payloadSize.length());
    long start = cell + payloadSize.length() + rowid.length();
    long size = payloadSize.value();
    String what = "row " + rowid.value() + " of table " + table;
    if (size < 0 || size > (long) file.pageCount() * file.pageSize()) {
      throw page.error(what + " claims a payload of " + Long.toUnsignedString(size)
          + " bytes, more than the whole database");
    }
    int usable = file.usableSize();
    long local = localPayloadSize(size, usable);
    if (start + local > usable) {
      throw page.error(what + " keeps " + local + " payload bytes at offset " + start
          + ", past the usable end of the page (" + usable + ")");
    }
    if (local == size) {
      return new Row(rowid.value(), page.slice(what, start, size));
    }
    byte[] payload = new byte[(int) size];
    page.copyTo(start, payload, 0, (int) local);
    long next = page.u32(start + local);
    int filled = (int) local;
    while (filled < size) {
      if (next == 0) {
        throw page.error("overflow chain of " + what + " ends after " + filled + " of " + size + " bytes");
      }
      ByteView overflow = claim(next, "overflow chain of " + what);
      int chunk = (int) Math.min(usable - 4L, size - filled);
      overflow.copyTo(4, payload, filled, chunk);
      filled += chunk;
      next = overflow.u32(0);
    }
    return new Row(rowid.value(), ByteView.of(file.source(), what, payload, true));
  }

  /**
   * How much of a table leaf cell's payload stays on the page, per the file format: all of it up to
   * {@code X = U - 35}; beyond that, {@code K = M + (P - M) % (U - 4)} if that is at most X, else M,
   * with {@code M = (U - 12) * 32 / 255 - 23}. The rule fills overflow pages completely and avoids
   * a nearly empty last one; being off by a byte would silently shift the whole payload.
   */
  private static long localPayloadSize(long payloadSize, int usable) {
    long maxLocal = usable - 35L;
    if (payloadSize <= maxLocal) {
      return payloadSize;
    }
    long minLocal = (usable - 12L) * 32 / 255 - 23;
    long k = minLocal + (payloadSize - minLocal) % (usable - 4L);
    return k <= maxLocal ? k : minLocal;
  }

  /** Returns a page after checking that the walk has not been there before. */
  private ByteView claim(long pageNumber, String what) throws PackageDatabaseException {
    ByteView page = file.page(pageNumber);
    if (visited.get((int) pageNumber)) {
      throw page.error("is reached a second time while reading the " + what
          + " (a page pointer cycle or a page shared by two parents)");
    }
    visited.set((int) pageNumber);
    return page;
  }
}
