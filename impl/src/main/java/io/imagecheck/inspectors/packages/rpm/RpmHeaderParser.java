package io.imagecheck.inspectors.packages.rpm;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the header blob that every rpm database backend stores per installed package into an {@link
 * RpmPackage}.
 *
 * <p>The blob is what rpm's {@code headerExport} writes and {@code headerImport} reads back, without
 * the lead and magic of a {@code .rpm} file. All integers are big-endian, whatever the byte order of
 * the database around it:
 *
 * <pre>
 *   int32 il                    number of index entries
 *   int32 dl                    number of data bytes
 *   il x { int32 tag, int32 type, int32 offset, int32 count }   the index
 *   dl bytes                    the data store; each entry's value starts at its offset
 * </pre>
 *
 * <p>The first entry of a header written by rpm 4 is a <em>region</em> tag ({@code HEADERIMMUTABLE}
 * for installed packages): its value is a 16-byte trailer, a copy of an index entry whose negated
 * offset is the size of the region's part of the index. Entries after the region ("dribble" entries,
 * such as the install time) were added by rpm at install time and win over region entries with the
 * same tag. The region is checked as rpm's {@code hdrblobVerifyRegion} does; every offset and count
 * is checked against the blob before a value is read, and strings must be NUL-terminated inside it.
 */
final class RpmHeaderParser {
  // Data types (rpmTagType).
  private static final int TYPE_NULL = 0;
  private static final int TYPE_INT32 = 4;
  private static final int TYPE_INT64 = 5;
  private static final int TYPE_STRING = 6;
  private static final int TYPE_BIN = 7;
  private static final int TYPE_STRING_ARRAY = 8;
  private static final int TYPE_I18NSTRING = 9;
  private static final String[] TYPE_NAMES = {
    "NULL", "CHAR", "INT8", "INT16", "INT32", "INT64", "STRING", "BIN", "STRING_ARRAY", "I18NSTRING"
  };

  // Region tags: the first entry of a header with an immutable region.
  private static final int TAG_HEADERIMAGE = 61;
  private static final int TAG_HEADERSIGNATURES = 62;
  private static final int TAG_HEADERIMMUTABLE = 63;

  // The tags an RpmPackage is made of.
  private static final int TAG_SIGMD5 = 261;
  private static final int TAG_NAME = 1000;
  private static final int TAG_VERSION = 1001;
  private static final int TAG_RELEASE = 1002;
  private static final int TAG_EPOCH = 1003;
  private static final int TAG_SIZE = 1009;
  private static final int TAG_VENDOR = 1011;
  private static final int TAG_LICENSE = 1014;
  private static final int TAG_ARCH = 1022;
  private static final int TAG_OLDFILENAMES = 1027;
  private static final int TAG_SOURCERPM = 1044;
  private static final int TAG_PROVIDENAME = 1047;
  private static final int TAG_DIRINDEXES = 1116;
  private static final int TAG_BASENAMES = 1117;
  private static final int TAG_DIRNAMES = 1118;
  private static final int TAG_LONGSIZE = 5009;

  private static final Map<Integer, String> TAG_NAMES = Map.ofEntries(
      Map.entry(TAG_HEADERIMAGE, "HEADERIMAGE"),
      Map.entry(TAG_HEADERSIGNATURES, "HEADERSIGNATURES"),
      Map.entry(TAG_HEADERIMMUTABLE, "HEADERIMMUTABLE"),
      Map.entry(TAG_SIGMD5, "SIGMD5"),
      Map.entry(TAG_NAME, "NAME"),
      Map.entry(TAG_VERSION, "VERSION"),
      Map.entry(TAG_RELEASE, "RELEASE"),
      Map.entry(TAG_EPOCH, "EPOCH"),
      Map.entry(TAG_SIZE, "SIZE"),
      Map.entry(TAG_VENDOR, "VENDOR"),
      Map.entry(TAG_LICENSE, "LICENSE"),
      Map.entry(TAG_ARCH, "ARCH"),
      Map.entry(TAG_OLDFILENAMES, "OLDFILENAMES"),
      Map.entry(TAG_SOURCERPM, "SOURCERPM"),
      Map.entry(TAG_PROVIDENAME, "PROVIDENAME"),
      Map.entry(TAG_DIRINDEXES, "DIRINDEXES"),
      Map.entry(TAG_BASENAMES, "BASENAMES"),
      Map.entry(TAG_DIRNAMES, "DIRNAMES"),
      Map.entry(TAG_LONGSIZE, "LONGSIZE"));

  /** Size of one index entry, and also the required count of a region tag. */
  private static final int ENTRY_SIZE = 16;
  /** rpm's {@code hdrchkTags}: no header has 65536 or more index entries. */
  private static final long MAX_INDEX_ENTRIES = 0xffff;

  /** One index entry: where a tag's value lies in the data store. */
  private record Entry(int tag, int type, long offset, long count) {}

  private final ByteView data;
  private final Map<Integer, Entry> entries;

  private RpmHeaderParser(ByteView data, Map<Integer, Entry> entries) {
    this.data = data;
    this.entries = entries;
  }

  /**
   * Decodes one header blob.
   *
   * @param blob the blob, exactly as long as its index and data say (its region names the record in
   *     messages, e.g. {@code header 12})
   * @return the package
   * @throws PackageDatabaseException when the blob is malformed or lacks {@code NAME}, {@code VERSION}
   *     or {@code RELEASE}
   */
  static RpmPackage parse(ByteView blob) throws PackageDatabaseException {
    ByteView header = blob.withByteOrder(true);
    long il = header.u32(0);
    long dl = header.u32(4);
    if (il < 1 || il > MAX_INDEX_ENTRIES) {
      throw header.error("index entry count " + il + " is not between 1 and " + MAX_INDEX_ENTRIES);
    }
    long expected = 8 + il * ENTRY_SIZE + dl;
    if (expected != header.length()) {
      // rpm's hdrblobInit rejects a blob whose size differs from 8 + 16 * il + dl, too.
      throw header.error("8 + 16 * " + il + " index entries + " + dl + " data bytes = " + expected
          + " bytes, but the header blob is " + header.length() + " bytes long");
    }
    ByteView index = header.slice(header.region() + " index", 8, il * ENTRY_SIZE);
    ByteView data = header.slice(header.region() + " data", 8 + il * ENTRY_SIZE, dl);

    List<Entry> all = new ArrayList<>((int) il);
    for (int i = 0; i < il; i++) {
      int at = i * ENTRY_SIZE;
      all.add(new Entry(index.s32(at), index.s32(at + 4), index.s32(at + 8), index.u32(at + 12)));
    }
    int first = checkRegion(all.get(0), all.size(), data);

    Map<Integer, Entry> byTag = new HashMap<>();
    for (int i = first; i < all.size(); i++) {
      Entry e = all.get(i);
      if (e.type() < TYPE_NULL || e.type() > TYPE_I18NSTRING) {
        throw data.error("index entry " + i + " (tag " + e.tag() + ") has unknown type " + e.type());
      }
      if (e.offset() < 0 || e.offset() > dl) {
        throw data.error("index entry " + i + " (tag " + e.tag() + ") has offset " + e.offset()
            + " outside the data store (" + dl + " bytes)");
      }
      // Entries after the region were added at install time and replace region entries: keep the last.
      byTag.put(e.tag(), e);
    }
    return new RpmHeaderParser(data, byTag).toPackage();
  }

  /**
   * Checks the region tag, if the first entry is one, as rpm's {@code hdrblobVerifyRegion} does.
   *
   * @return the index of the first data entry: 1 after a region tag, else 0 (a legacy header)
   */
  private static int checkRegion(Entry first, int il, ByteView data) throws PackageDatabaseException {
    int tag = first.tag();
    if (tag != TAG_HEADERIMAGE && tag != TAG_HEADERSIGNATURES && tag != TAG_HEADERIMMUTABLE) {
      return 0;
    }
    String name = tagName(tag);
    if (first.type() != TYPE_BIN || first.count() != ENTRY_SIZE) {
      throw data.error("region tag " + name + " has type " + typeName(first.type()) + " and count "
          + first.count() + ", expected BIN and " + ENTRY_SIZE);
    }
    if (first.offset() < 0 || first.offset() > data.length() - ENTRY_SIZE) {
      throw data.error("region tag " + name + " puts its trailer at offset " + first.offset()
          + ", outside the data store (" + data.length() + " bytes)");
    }
    // The trailer is a copy of an index entry: same tag, BIN, count 16, and as offset the negated
    // size of the region's index entries (region tag included).
    long at = first.offset();
    int trailerTag = data.s32(at);
    int trailerType = data.s32(at + 4);
    long regionIndexBytes = -(long) data.s32(at + 8);
    long trailerCount = data.u32(at + 12);
    if (tag == TAG_HEADERSIGNATURES && trailerTag == TAG_HEADERIMAGE) {
      trailerTag = TAG_HEADERSIGNATURES; // old packages wrote HEADERIMAGE here; rpm accepts it
    }
    if (trailerTag != tag || trailerType != TYPE_BIN || trailerCount != ENTRY_SIZE) {
      throw data.error("region trailer of " + name + " has tag " + trailerTag + ", type " + trailerType
          + " and count " + trailerCount + ", expected " + tag + ", BIN and " + ENTRY_SIZE);
    }
    if (regionIndexBytes <= 0 || regionIndexBytes % ENTRY_SIZE != 0 || regionIndexBytes / ENTRY_SIZE > il) {
      throw data.error("region trailer of " + name + " claims " + regionIndexBytes
          + " bytes of index entries, but the header has " + il + " entries of " + ENTRY_SIZE + " bytes");
    }
    return 1;
  }

  private RpmPackage toPackage() throws PackageDatabaseException {
    String name = requiredString(TAG_NAME);
    if (name.isEmpty()) {
      throw data.error("tag NAME (" + TAG_NAME + ") is empty");
    }
    Optional<Integer> epoch = Optional.empty();
    int[] epochs = int32s(TAG_EPOCH);
    if (epochs.length > 0) {
      epoch = Optional.of(epochs[0]);
    }
    Optional<String> sigMd5 = Optional.empty();
    byte[] md5 = bin(TAG_SIGMD5);
    if (md5.length > 0) {
      sigMd5 = Optional.of(HexFormat.of().formatHex(md5));
    }
    return new RpmPackage(
        name,
        epoch,
        requiredString(TAG_VERSION),
        requiredString(TAG_RELEASE),
        optionalString(TAG_ARCH),
        optionalString(TAG_SOURCERPM),
        optionalString(TAG_LICENSE),
        optionalString(TAG_VENDOR),
        size(),
        sigMd5,
        stringArray(TAG_PROVIDENAME),
        files());
  }

  /** LONGSIZE when present (packages of 4 GiB and more), else SIZE read as unsigned, else 0. */
  private long size() throws PackageDatabaseException {
    Entry longSize = entries.get(TAG_LONGSIZE);
    if (longSize != null) {
      checkType(longSize, TYPE_INT64);
      checkCount(longSize, 1, 8);
      long value = data.s64(longSize.offset());
      if (value < 0) {
        throw data.error("tag LONGSIZE (" + TAG_LONGSIZE + ") is negative: " + value);
      }
      return value;
    }
    int[] sizes = int32s(TAG_SIZE);
    return sizes.length == 0 ? 0 : Integer.toUnsignedLong(sizes[0]);
  }

  /**
   * The installed paths. rpm 4 stores them compressed: each basename has an index into the list of
   * directory names (which end with a slash). Headers from before that store whole paths.
   */
  private List<String> files() throws PackageDatabaseException {
    List<String> baseNames = stringArray(TAG_BASENAMES);
    if (baseNames.isEmpty()) {
      return stringArray(TAG_OLDFILENAMES);
    }
    int[] dirIndexes = int32s(TAG_DIRINDEXES);
    List<String> dirNames = stringArray(TAG_DIRNAMES);
    if (dirIndexes.length != baseNames.size()) {
      throw data.error("tag BASENAMES (" + TAG_BASENAMES + ") has " + baseNames.size()
          + " names but tag DIRINDEXES (" + TAG_DIRINDEXES + ") has " + dirIndexes.length + " indexes");
    }
    List<String> files = new ArrayList<>(baseNames.size());
    for (int i = 0; i < dirIndexes.length; i++) {
      int dir = dirIndexes[i];
      if (dir < 0 || dir >= dirNames.size()) {
        throw data.error("tag DIRINDEXES (" + TAG_DIRINDEXES + ") entry " + i + " is " + dir
            + ", but tag DIRNAMES (" + TAG_DIRNAMES + ") has " + dirNames.size() + " names");
      }
      files.add(dirNames.get(dir) + baseNames.get(i));
    }
    return files;
  }

  private String requiredString(int tag) throws PackageDatabaseException {
    String value = string(tag);
    if (value == null) {
      throw data.error("has no tag " + tagName(tag) + " (" + tag + ")");
    }
    return value;
  }

  private String optionalString(int tag) throws PackageDatabaseException {
    String value = string(tag);
    return value == null ? "" : value;
  }

  /** A single string; of an I18NSTRING or STRING_ARRAY, the first (rpm's default locale). */
  private @Nullable String string(int tag) throws PackageDatabaseException {
    Entry e = entries.get(tag);
    if (e == null) {
      return null;
    }
    if (e.type() != TYPE_STRING && e.type() != TYPE_I18NSTRING && e.type() != TYPE_STRING_ARRAY) {
      throw wrongType(e, "STRING");
    }
    if (e.count() < 1) {
      throw data.error("tag " + tagName(tag) + " (" + tag + ") has count 0");
    }
    return readString(e, e.offset());
  }

  private List<String> stringArray(int tag) throws PackageDatabaseException {
    Entry e = entries.get(tag);
    if (e == null) {
      return List.of();
    }
    if (e.type() != TYPE_STRING_ARRAY && e.type() != TYPE_I18NSTRING && e.type() != TYPE_STRING) {
      throw wrongType(e, "STRING_ARRAY");
    }
    // Each string takes at least its NUL byte: a count beyond the remaining data is a lie, and is
    // rejected before it sizes anything.
    checkCount(e, e.count(), 1);
    List<String> values = new ArrayList<>((int) e.count());
    long at = e.offset();
    for (long i = 0; i < e.count(); i++) {
      int end = data.indexOf((byte) 0, at);
      if (end < 0) {
        throw notTerminated(e, at);
      }
      values.add(new String(data.copy(at, end - at), StandardCharsets.UTF_8));
      at = end + 1L;
    }
    return values;
  }

  private int[] int32s(int tag) throws PackageDatabaseException {
    Entry e = entries.get(tag);
    if (e == null) {
      return new int[0];
    }
    checkType(e, TYPE_INT32);
    checkCount(e, e.count(), 4);
    int[] values = new int[(int) e.count()];
    for (int i = 0; i < values.length; i++) {
      values[i] = data.s32(e.offset() + 4L * i);
    }
    return values;
  }

  private byte[] bin(int tag) throws PackageDatabaseException {
    Entry e = entries.get(tag);
    if (e == null) {
      return new byte[0];
    }
    checkType(e, TYPE_BIN);
    checkCount(e, e.count(), 1);
    return data.copy(e.offset(), e.count());
  }

  private String readString(Entry e, long at) throws PackageDatabaseException {
    int end = data.indexOf((byte) 0, at);
    if (end < 0) {
      throw notTerminated(e, at);
    }
    return new String(data.copy(at, end - at), StandardCharsets.UTF_8);
  }

  /** Checks that {@code count} values of at least {@code bytesEach} bytes fit after the entry's offset. */
  private void checkCount(Entry e, long count, int bytesEach) throws PackageDatabaseException {
    long available = data.length() - e.offset();
    if (count * bytesEach > available) {
      throw data.error("tag " + tagName(e.tag()) + " (" + e.tag() + ") claims " + count + " values of "
          + typeName(e.type()) + " at offset " + e.offset() + ", but only " + available
          + " bytes of data follow");
    }
  }

  private void checkType(Entry e, int expected) throws PackageDatabaseException {
    if (e.type() != expected) {
      throw wrongType(e, typeName(expected));
    }
  }

  private PackageDatabaseException wrongType(Entry e, String expected) {
    return data.error("tag " + tagName(e.tag()) + " (" + e.tag() + ") has type " + typeName(e.type())
        + ", expected " + expected);
  }

  private PackageDatabaseException notTerminated(Entry e, long at) {
    return data.error("string of tag " + tagName(e.tag()) + " (" + e.tag() + ") at offset " + at
        + " is not NUL-terminated before the end of the data store (" + data.length() + " bytes)");
  }

  private static String tagName(int tag) {
    return TAG_NAMES.getOrDefault(tag, "#" + tag);
  }

  private static String typeName(int type) {
    return type >= 0 && type < TYPE_NAMES.length ? TYPE_NAMES[type] : "#" + type;
  }
}
