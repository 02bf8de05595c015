package io.imagecheck.inspectors.packages.rpm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small Berkeley DB hash files shaped like rpm's {@code Packages} for tests: a hash metadata
 * page, one hash page holding rpm's key-0 counter record and one key/value pair per header (the key a
 * 4-byte instance number, the value an off-page reference to a chain of overflow pages, or the value
 * itself when the test asks for an on-page value), then the overflow pages.
 *
 * <p>The pairs do not sit in the buckets Berkeley DB's hash function would choose, so Berkeley DB
 * itself could not look keys up in these files; the reader under test never looks keys up, it visits
 * every hash page.
 */
final class TestBerkeleyDatabases {
  static final int HASH_PAGE = 1;

  private TestBerkeleyDatabases() {}

  /**
   * A written database.
   *
   * @param bytes the file
   * @param pageSize the page size
   * @param firstOverflowPages per header, the first page of its overflow chain (0 if on-page)
   */
  record Written(byte[] bytes, int pageSize, List<Integer> firstOverflowPages) {}

  static Written packages(int pageSize, boolean bigEndian, boolean onPage, List<byte[]> blobs) {
    ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    List<ByteBuffer> pages = new ArrayList<>();
    ByteBuffer meta = page(pageSize, order);
    ByteBuffer hash = page(pageSize, order);
    pages.add(meta);
    pages.add(hash);

    // Items: key 0 -> counter, then key i -> header i.
    List<byte[]> items = new ArrayList<>();
    items.add(keyData(ByteBuffer.allocate(4).order(order).putInt(0).array()));
    items.add(keyData(ByteBuffer.allocate(4).order(order).putInt(blobs.size()).array()));
    List<Integer> firstOverflow = new ArrayList<>();
    for (int i = 0; i < blobs.size(); i++) {
      items.add(keyData(ByteBuffer.allocate(4).order(order).putInt(i + 1).array()));
      byte[] blob = blobs.get(i);
      if (onPage) {
        items.add(keyData(blob));
        firstOverflow.add(0);
        continue;
      }
      int first = pages.size();
      firstOverflow.add(first);
      int at = 0;
      while (at < blob.length) {
        int chunk = Math.min(pageSize - 26, blob.length - at);
        ByteBuffer overflow = page(pageSize, order);
        int number = pages.size();
        overflow.putInt(8, number);
        overflow.putInt(12, number == first ? 0 : number - 1);
        overflow.putInt(16, at + chunk < blob.length ? number + 1 : 0);
        overflow.putShort(20, (short) 1); // reference count
        overflow.putShort(22, (short) chunk); // bytes on this page
        overflow.put(25, (byte) 7);
        overflow.put(26, blob, at, chunk);
        at += chunk;
        pages.add(overflow);
      }
      ByteBuffer offPage = ByteBuffer.allocate(12).order(order);
      offPage.put(0, (byte) 3).putInt(4, first).putInt(8, blob.length);
      items.add(offPage.array());
    }

    hash.putInt(8, HASH_PAGE);
    hash.putShort(20, (short) items.size());
    hash.put(25, (byte) 13);
    int end = pageSize;
    for (int i = 0; i < items.size(); i++) {
      byte[] item = items.get(i);
      end -= item.length;
      hash.put(end, item);
      hash.putShort(26 + 2 * i, (short) end);
    }
    hash.putShort(22, (short) end);

    meta.putInt(12, BerkeleyHashDatabase.HASH_MAGIC);
    meta.putInt(16, 9);
    meta.putInt(20, pageSize);
    meta.put(25, (byte) 8);
    meta.putInt(32, pages.size() - 1);

    byte[] file = new byte[pages.size() * pageSize];
    for (int i = 0; i < pages.size(); i++) {
      System.arraycopy(pages.get(i).array(), 0, file, i * pageSize, pageSize);
    }
    return new Written(file, pageSize, firstOverflow);
  }

  private static ByteBuffer page(int pageSize, ByteOrder order) {
    return ByteBuffer.allocate(pageSize).order(order);
  }

  private static byte[] keyData(byte[] data) {
    byte[] item = new byte[data.length + 1];
    item[0] = 1;
    System.arraycopy(data, 0, item, 1, data.length);
    return item;
  }
}
