package io.imagecheck.inspectors.packages.rpm;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads every value of a Berkeley DB hash database file (hash versions 8 to 10, Berkeley DB 4.x to
 * 6.x): what rpm before 4.16 kept in {@code /var/lib/rpm/Packages}, one header blob per value, keyed
 * by the header instance number.
 *
 * <p>The file is an array of pages of the size given in the metadata page (page 0). Rather than
 * follow the hash buckets, the reader visits every page in file order and takes the key/value pairs of
 * each hash page, which yields each pair exactly once. Every page starts with a 26-byte header
 * (LSN, page number, previous and next page, entry count at 20, "high free offset" at 22, level, and
 * the page type at 25). A hash page's header is followed by one 2-byte offset per item; items sit at
 * the end of the page, packed downwards, so an item ends where the previous one starts. Keys and values
 * alternate. Small items are stored on the page ({@code H_KEYDATA}: a type byte, then the bytes);
 * big ones, such as every rpm header, are {@code H_OFFPAGE} references to a chain of overflow pages,
 * each holding as many bytes as its "high free offset" field says.
 *
 * <p>Berkeley DB writes its metadata in the byte order of the machine that created the file; the
 * magic number tells which, and all page fields are read in that order. The values themselves (rpm
 * headers) are big-endian in any case.
 */
final class BerkeleyHashDatabase {
  /** Hash magic number, at offset 12 of the metadata page. */
  static final int HASH_MAGIC = 0x061561;
  private static final int BTREE_MAGIC = 0x053162;

  private static final int PAGE_HEADER_SIZE = 26;
  private static final int PAGE_TYPE_HASH_UNSORTED = 2; // hash pages of Berkeley DB before 4.6
  private static final int PAGE_TYPE_OVERFLOW = 7;
  private static final int PAGE_TYPE_HASH_META = 8;
  private static final int PAGE_TYPE_HASH = 13;

  private static final int ITEM_KEYDATA = 1;
  private static final int ITEM_DUPLICATE = 2;
  private static final int ITEM_OFFPAGE = 3;
  private static final int ITEM_OFFDUP = 4;
  private static final int OFFPAGE_ITEM_SIZE = 12;

  private final ByteView file;
  private final int pageSize;
  private final long lastPage;
  private final BitSet overflowPagesSeen = new BitSet();

  private BerkeleyHashDatabase(ByteView file, int pageSize, long lastPage) {
    this.file = file;
    this.pageSize = pageSize;
    this.lastPage = lastPage;
  }

  /**
   * Whether a file starts with a Berkeley DB hash metadata page, in either byte order.
   *
   * @param content the file's bytes
   * @return true when the magic number at offset 12 is the hash magic
   */
  static boolean hasMagic(byte[] content) {
    return hasMagic(content, HASH_MAGIC, false) || hasMagic(content, HASH_MAGIC, true);
  }

  /**
   * Reads every value of the database except rpm's bookkeeping record (key 0, the highest instance
   * number handed out so far).
   *
   * @param source the database path inside the image, for messages
   * @param content the whole file
   * @return one view per value, in page order, each named after its key (e.g. {@code header 12})
   * @throws PackageDatabaseException when the file is not a hash database or a page is malformed
   */
  static List<ByteView> read(String source, byte[] content) throws PackageDatabaseException {
    return open(source, content).values();
  }

  private static BerkeleyHashDatabase open(String source, byte[] content) throws PackageDatabaseException {
    ByteView probe = ByteView.of(source, "Berkeley DB metadata page", content, false);
    boolean bigEndian;
    if (hasMagic(content, HASH_MAGIC, false)) {
      bigEndian = false;
    } else if (hasMagic(content, HASH_MAGIC, true)) {
      bigEndian = true;
    } else if (hasMagic(content, BTREE_MAGIC, false) || hasMagic(content, BTREE_MAGIC, true)) {
      throw probe.error("is a Berkeley DB btree database; rpm's Packages database is a hash database");
    } else {
      throw probe.error("has no Berkeley DB hash magic number (0x061561) at offset 12");
    }
    ByteView meta = probe.withByteOrder(bigEndian);
    long version = meta.u32(16);
    if (version < 8 || version > 10) {
      throw meta.error("hash version " + version + " is not supported (expected 8, 9 or 10)");
    }
    long pageSize = meta.u32(20);
    if (pageSize < 512 || pageSize > 65536 || Long.bitCount(pageSize) != 1) {
      throw meta.error("invalid page size " + pageSize + " (expected a power of two from 512 to 65536)");
    }
    if (meta.u8(24) != 0) {
      throw meta.error("is encrypted (algorithm " + meta.u8(24) + "), which is not supported");
    }
    if (meta.u8(25) != PAGE_TYPE_HASH_META) {
      throw meta.error("has page type " + meta.u8(25) + ", expected " + PAGE_TYPE_HASH_META + " (hash metadata)");
    }
    if ((meta.u8(26) & 0x01) != 0) {
      // With checksums every page header grows by 20 bytes; rpm never enabled them.
      throw meta.error("has page checksums, which are not supported");
    }
    long lastPage = meta.u32(32);
    long pages = content.length / pageSize;
    if (lastPage >= pages) {
      throw meta.error("says the last page is " + lastPage + " (" + (lastPage + 1) + " pages of " + pageSize
          + " bytes), but the file has only " + content.length + " bytes (truncated?)");
    }
    return new BerkeleyHashDatabase(ByteView.of(source, "Berkeley DB database", content, bigEndian),
        (int) pageSize, lastPage);
  }

  private static boolean hasMagic(byte[] content, int magic, boolean bigEndian) {
    if (content.length < 16) {
      return false;
    }
    int little = (content[12] & 0xff) | (content[13] & 0xff) << 8 | (content[14] & 0xff) << 16
        | (content[15] & 0xff) << 24;
    return (bigEndian ? Integer.reverseBytes(little) : little) == magic;
  }

  private List<ByteView> values() throws PackageDatabaseException {
    List<ByteView> values = new ArrayList<>();
    for (long number = 1; number <= lastPage; number++) {
      ByteView page = page(number);
      int type = page.u8(25);
      if (type != PAGE_TYPE_HASH && type != PAGE_TYPE_HASH_UNSORTED) {
        continue; // overflow, free and other pages hold no key/value pairs of their own
      }
      int entries = page.u16(20);
      if (entries % 2 != 0) {
        throw page.error("has " + entries + " items; hash pages hold key/value pairs, so the count must be even");
      }
      long itemsStart = PAGE_HEADER_SIZE + 2L * entries;
      if (itemsStart > pageSize) {
        throw page.error(entries + " item offsets do not fit in the page");
      }
      for (int i = 0; i < entries; i += 2) {
        ByteView key = item(page, i, itemsStart, "key");
        String name = keyName(key);
        if (name == null) {
          continue; // key 0: rpm's counter of header instances, not a header
        }
        values.add(item(page, i + 1, itemsStart, name));
      }
    }
    return values;
  }

  /**
   * An item's bytes: on the page, or gathered from its overflow chain.
   *
   * @param index the item's index on the page
   * @param itemsStart where the offset array ends and items may start
   * @param region what the item is, for messages
   */
  private ByteView item(ByteView page, int index, long itemsStart, String region) throws PackageDatabaseException {
    int offset = page.u16(PAGE_HEADER_SIZE + 2L * index);
    // Items are packed downwards from the end of the page: each ends where the previous one starts.
    int end = index == 0 ? pageSize : page.u16(PAGE_HEADER_SIZE + 2L * (index - 1));
    if (offset < itemsStart || offset >= end || end > pageSize) {
      throw page.error("item " + index + " spans offsets " + offset + " to " + end
          + ", outside the item area (" + itemsStart + " to " + pageSize + ")");
    }
    int type = page.u8(offset);
    switch (type) {
      case ITEM_KEYDATA:
        return page.slice(region, offset + 1L, end - offset - 1L);
      case ITEM_OFFPAGE:
        if (end - offset < OFFPAGE_ITEM_SIZE) {
          throw page.error("off-page item " + index + " is " + (end - offset) + " bytes, expected "
              + OFFPAGE_ITEM_SIZE);
        }
        return overflowChain(page, page.u32(offset + 4L), page.u32(offset + 8L), region);
      case ITEM_DUPLICATE:
      case ITEM_OFFDUP:
        throw page.error("item " + index + " is a set of duplicates (type " + type
            + "), which rpm's Packages database never holds");
      default:
        throw page.error("item " + index + " has unknown type " + type);
    }
  }

  /** Concatenates the bytes of an overflow chain, checking every link. */
  private ByteView overflowChain(ByteView from, long firstPage, long totalLength, String region)
      throws PackageDatabaseException {
    if (totalLength > file.length()) {
      throw from.error(region + " claims " + totalLength + " bytes, more than the whole file (" + file.length() + ")");
    }
    byte[] value = new byte[(int) totalLength];
    int filled = 0;
    long next = firstPage;
    while (filled < totalLength) {
      if (next == 0) {
        throw from.error("overflow chain of " + region + " ends after " + filled + " of " + totalLength + " bytes");
      }
      ByteView page = page(next);
      if (overflowPagesSeen.get((int) next)) {
        throw page.error("is reached a second time while reading the overflow chain of " + region
            + " (a page pointer cycle or a page shared by two chains)");
      }
      overflowPagesSeen.set((int) next);
      if (page.u8(25) != PAGE_TYPE_OVERFLOW) {
        throw page.error("has page type " + page.u8(25) + ", expected " + PAGE_TYPE_OVERFLOW
            + " (overflow) in the chain of " + region);
      }
      // On overflow pages the "high free offset" field holds the number of bytes stored on the page.
      int length = page.u16(22);
      if (length > pageSize - PAGE_HEADER_SIZE || length > totalLength - filled) {
        throw page.error("holds " + length + " bytes of " + region + ", but only " + (totalLength - filled)
            + " remain to be read and " + (pageSize - PAGE_HEADER_SIZE) + " fit on a page");
      }
      page.copyTo(PAGE_HEADER_SIZE, value, filled, length);
      filled += length;
      next = page.u32(16);
    }
    return ByteView.of(file.source(), region, value, true);
  }

  /**
   * Names a record after its key: rpm's keys are 4-byte header instance numbers in the byte order of
   * the machine that wrote them, the same as the metadata's.
   *
   * @return e.g. {@code header 12}, or null for rpm's bookkeeping record under key 0
   */
  private static @Nullable String keyName(ByteView key) throws PackageDatabaseException {
    if (key.length() != 4) {
      return "record with a " + key.length() + "-byte key";
    }
    long instance = key.u32(0);
    return instance == 0 ? null : "header " + instance;
  }

  private ByteView page(long number) throws PackageDatabaseException {
    if (number < 1 || number > lastPage) {
      throw file.error("page number " + number + " is outside the database (pages 1 to " + lastPage + ")");
    }
    return file.slice("page " + number, number * pageSize, pageSize);
  }
}
