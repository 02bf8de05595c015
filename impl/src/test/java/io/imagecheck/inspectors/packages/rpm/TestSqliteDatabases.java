package io.imagecheck.inspectors.packages.rpm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small SQLite 3 database files for tests, following the file format document: page 1 holds the
 * header and a one-row schema table that declares rpm's {@code Packages} table; page 2 is that table's
 * root; each row gets a leaf page of its own, and payloads too big for the leaf spill into overflow
 * pages. With two rows or more the root is an interior page over leaves 3, 4, ...; with one row the
 * root is its leaf (SQLite deems an interior page without cells corrupt). {@code sqlite3}'s {@code
 * PRAGMA integrity_check} accepts what this writes.
 */
final class TestSqliteDatabases {
  static final int ROOT_PAGE = 2;

  private TestSqliteDatabases() {}

  /**
   * A written database.
   *
   * @param bytes the file
   * @param pageSize the page size
   * @param firstOverflowPages per row, the first overflow page number, or 0 when the row fits its leaf
   */
  record Written(byte[] bytes, int pageSize, List<Integer> firstOverflowPages) {
    int pageOffset(int page) {
      return (page - 1) * pageSize;
    }
  }

  /** A {@code Packages} table with one row per blob, rowids 1, 2, ... */
  static Written packages(int pageSize, List<byte[]> blobs) {
    int leaves = blobs.size();
    boolean interiorRoot = leaves > 1;
    int firstLeaf = interiorRoot ? 3 : 2;
    List<byte[]> pages = new ArrayList<>();
    pages.add(new byte[pageSize]); // page 1, filled last
    if (interiorRoot) {
      pages.add(new byte[pageSize]); // page 2, the interior root
    }
    List<Integer> firstOverflow = new ArrayList<>();
    int nextPage = firstLeaf + leaves; // overflow pages go after the leaves
    List<byte[]> overflowPages = new ArrayList<>();
    for (int i = 0; i < leaves; i++) {
      byte[] record = record(null, blobs.get(i));
      byte[] leaf = new byte[pageSize];
      int usable = pageSize;
      long local = localSize(record.length, usable);
      ByteArrayOutputStream cell = new ByteArrayOutputStream();
      cell.writeBytes(varint(record.length));
      cell.writeBytes(varint(i + 1));
      cell.write(record, 0, (int) local);
      if (local < record.length) {
        firstOverflow.add(nextPage);
        cell.writeBytes(ByteBuffer.allocate(4).putInt(nextPage).array());
        int at = (int) local;
        while (at < record.length) {
          byte[] page = new byte[pageSize];
          int chunk = Math.min(usable - 4, record.length - at);
          System.arraycopy(record, at, page, 4, chunk);
          at += chunk;
          nextPage++;
          ByteBuffer.wrap(page).putInt(0, at < record.length ? nextPage : 0);
          overflowPages.add(page);
        }
      } else {
        firstOverflow.add(0);
      }
      writeLeaf(leaf, 0, cell.toByteArray());
      pages.add(leaf);
    }
    pages.addAll(overflowPages);

    if (interiorRoot) {
      // Cell i points at leaf i with key rowid i+1; the last leaf is the right-most child.
      ByteBuffer root = ByteBuffer.wrap(pages.get(1));
      root.put(0, (byte) 5);
      root.putShort(3, (short) (leaves - 1));
      root.putInt(8, firstLeaf + leaves - 1);
      int contentStart = pageSize;
      for (int i = 0; i < leaves - 1; i++) {
        byte[] cell = concat(ByteBuffer.allocate(4).putInt(firstLeaf + i).array(), varint(i + 1));
        contentStart -= cell.length;
        root.put(contentStart, cell);
        root.putShort(12 + 2 * i, (short) contentStart);
      }
      root.putShort(5, (short) contentStart);
    }

    byte[] page1 = pages.get(0);
    writeHeader(page1, pageSize, pages.size());
    byte[] schemaRow = record(
        "table", "Packages", "Packages", (long) ROOT_PAGE,
        "CREATE TABLE IF NOT EXISTS 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT,blob BLOB NOT NULL)");
    byte[] schemaCell = concat(varint(schemaRow.length), varint(1), schemaRow);
    writeLeaf(page1, 100, schemaCell);

    ByteArrayOutputStream file = new ByteArrayOutputStream();
    pages.forEach(file::writeBytes);
    return new Written(file.toByteArray(), pageSize, firstOverflow);
  }

  private static void writeHeader(byte[] page1, int pageSize, int pageCount) {
    ByteBuffer h = ByteBuffer.wrap(page1);
    h.put(0, "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII));
    h.putShort(16, (short) (pageSize == 65536 ? 1 : pageSize));
    h.put(18, (byte) 1).put(19, (byte) 1).put(20, (byte) 0);
    h.put(21, (byte) 64).put(22, (byte) 32).put(23, (byte) 32);
    h.putInt(24, 1); // change counter
    h.putInt(28, pageCount);
    h.putInt(44, 4); // schema format
    h.putInt(56, 1); // UTF-8
    h.putInt(92, 1); // version-valid-for == change counter: the page count is trustworthy
    h.putInt(96, 3_046_000);
  }

  /** A leaf table page with one cell, its header at {@code header} (100 on page 1). */
  private static void writeLeaf(byte[] page, int header, byte[] cell) {
    ByteBuffer p = ByteBuffer.wrap(page);
    int cellStart = page.length - cell.length;
    p.put(header, (byte) 13);
    p.putShort(header + 3, (short) 1);
    p.putShort(header + 5, (short) cellStart);
    p.putShort(header + 8, (short) cellStart);
    p.put(cellStart, cell);
  }

  /** The file format's rule for how much of a table leaf payload stays on the page. */
  private static long localSize(long p, int u) {
    long x = u - 35;
    if (p <= x) {
      return p;
    }
    long m = (u - 12L) * 32 / 255 - 23;
    long k = m + (p - m) % (u - 4);
    return k <= x ? k : m;
  }

  /** A record of NULL, TEXT (String), INTEGER (Long) and BLOB (byte[]) values. */
  static byte[] record(Object... values) {
    ByteArrayOutputStream types = new ByteArrayOutputStream();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Object v : values) {
      if (v == null) {
        types.writeBytes(varint(0));
      } else if (v instanceof String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        types.writeBytes(varint(13 + 2L * b.length));
        body.writeBytes(b);
      } else if (v instanceof Long l) {
        types.writeBytes(varint(6));
        body.writeBytes(ByteBuffer.allocate(8).putLong(l).array());
      } else {
        byte[] b = (byte[]) v;
        types.writeBytes(varint(12 + 2L * b.length));
        body.writeBytes(b);
      }
    }
    // The header size counts itself; all headers here are small enough for a 1- or 2-byte varint.
    int headerSize = types.size() + 1;
    if (headerSize > 127) {
      headerSize++;
    }
    return concat(varint(headerSize), types.toByteArray(), body.toByteArray());
  }

  static byte[] varint(long value) {
    if (value < 0 || value > 0x00ff_ffff_ffff_ffffL) {
      throw new IllegalArgumentException("test varints are small: " + value);
    }
    byte[] tmp = new byte[9];
    int n = 0;
    long v = value;
    do {
      tmp[n++] = (byte) (v & 0x7f);
      v >>>= 7;
    } while (v != 0);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (tmp[n - 1 - i] | (i < n - 1 ? 0x80 : 0));
    }
    return out;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
