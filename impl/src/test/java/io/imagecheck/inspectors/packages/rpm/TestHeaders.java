package io.imagecheck.inspectors.packages.rpm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds rpm header blobs for tests, laid out the way rpm's {@code headerExport} lays out an installed
 * package's header: a {@code HEADERIMMUTABLE} region tag first, the region's entries, the 16-byte
 * region trailer at the end of the region's data, then "dribble" entries added after the region.
 */
final class TestHeaders {
  static final int TYPE_INT32 = 4;
  static final int TYPE_INT64 = 5;
  static final int TYPE_STRING = 6;
  static final int TYPE_BIN = 7;
  static final int TYPE_STRING_ARRAY = 8;
  static final int TYPE_I18NSTRING = 9;

  static final int TAG_HEADERIMMUTABLE = 63;
  static final int TAG_SIGMD5 = 261;
  static final int TAG_NAME = 1000;
  static final int TAG_VERSION = 1001;
  static final int TAG_RELEASE = 1002;
  static final int TAG_EPOCH = 1003;
  static final int TAG_SUMMARY = 1004;
  static final int TAG_SIZE = 1009;
  static final int TAG_VENDOR = 1011;
  static final int TAG_LICENSE = 1014;
  static final int TAG_ARCH = 1022;
  static final int TAG_OLDFILENAMES = 1027;
  static final int TAG_SOURCERPM = 1044;
  static final int TAG_PROVIDENAME = 1047;
  static final int TAG_DIRINDEXES = 1116;
  static final int TAG_BASENAMES = 1117;
  static final int TAG_DIRNAMES = 1118;
  static final int TAG_LONGSIZE = 5009;

  private TestHeaders() {}

  /** A header of a typical installed package named {@code name} with two files and two provides. */
  static byte[] simplePackage(String name) {
    return builder()
        .string(TAG_NAME, name)
        .string(TAG_VERSION, "1.0")
        .string(TAG_RELEASE, "1.el9")
        .int32(TAG_EPOCH, 2)
        .string(TAG_ARCH, "x86_64")
        .string(TAG_LICENSE, "MIT")
        .string(TAG_VENDOR, "Example Inc.")
        .string(TAG_SOURCERPM, name + "-1.0-1.el9.src.rpm")
        .int32(TAG_SIZE, 1234)
        .stringArray(TAG_PROVIDENAME, name, name + "(x86-64)")
        .stringArray(TAG_DIRNAMES, "/usr/bin/", "/etc/")
        .int32(TAG_DIRINDEXES, 0, 1)
        .stringArray(TAG_BASENAMES, name, name + ".conf")
        .build();
  }

  /** A header whose 200-file list makes it several kilobytes, to spill over many small pages. */
  static byte[] bigPackage(String name) {
    String[] files = new String[200];
    int[] dirs = new int[files.length];
    for (int i = 0; i < files.length; i++) {
      files[i] = name + "-file-" + i;
    }
    return builder()
        .string(TAG_NAME, name).string(TAG_VERSION, "2.0").string(TAG_RELEASE, "3")
        .stringArray(TAG_DIRNAMES, "/usr/share/" + name + "/")
        .int32(TAG_DIRINDEXES, dirs)
        .stringArray(TAG_BASENAMES, files)
        .build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** One index entry and its encoded value. */
  private record Entry(int tag, int type, int count, byte[] value, int alignment) {}

  static final class Builder {
    private final List<Entry> region = new ArrayList<>();
    private final List<Entry> dribble = new ArrayList<>();
    private boolean dribbling;

    /** Entries added after this call go after the region, like the ones rpm adds at install time. */
    Builder afterRegion() {
      dribbling = true;
      return this;
    }

    Builder string(int tag, String value) {
      return add(new Entry(tag, TYPE_STRING, 1, nulTerminated(value), 1));
    }

    Builder i18nString(int tag, String... values) {
      return add(new Entry(tag, TYPE_I18NSTRING, values.length, nulTerminated(values), 1));
    }

    Builder stringArray(int tag, String... values) {
      return add(new Entry(tag, TYPE_STRING_ARRAY, values.length, nulTerminated(values), 1));
    }

    Builder int32(int tag, int... values) {
      ByteBuffer b = ByteBuffer.allocate(4 * values.length);
      for (int v : values) {
        b.putInt(v);
      }
      return add(new Entry(tag, TYPE_INT32, values.length, b.array(), 4));
    }

    Builder int64(int tag, long value) {
      return add(new Entry(tag, TYPE_INT64, 1, ByteBuffer.allocate(8).putLong(value).array(), 8));
    }

    Builder bin(int tag, byte[] value) {
      return add(new Entry(tag, TYPE_BIN, value.length, value.clone(), 1));
    }

    /** An entry whose type and count are whatever the test says, over the given bytes. */
    Builder raw(int tag, int type, int count, byte[] value) {
      return add(new Entry(tag, type, count, value.clone(), 1));
    }

    private Builder add(Entry e) {
      (dribbling ? dribble : region).add(e);
      return this;
    }

    /** The blob with a HEADERIMMUTABLE region, as rpm stores installed headers. */
    byte[] build() {
      List<int[]> index = new ArrayList<>();
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      index.add(null); // the region tag, filled in once the trailer's offset is known
      for (Entry e : region) {
        index.add(append(data, e));
      }
      int trailerOffset = data.size();
      int regionEntries = region.size() + 1;
      writeInts(data, TAG_HEADERIMMUTABLE, TYPE_BIN, -16 * regionEntries, 16);
      index.set(0, new int[] {TAG_HEADERIMMUTABLE, TYPE_BIN, trailerOffset, 16});
      for (Entry e : dribble) {
        index.add(append(data, e));
      }
      return assemble(index, data.toByteArray());
    }

    /** The blob without a region, like a header from before rpm 4. */
    byte[] buildLegacy() {
      List<int[]> index = new ArrayList<>();
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      for (Entry e : region) {
        index.add(append(data, e));
      }
      for (Entry e : dribble) {
        index.add(append(data, e));
      }
      return assemble(index, data.toByteArray());
    }

    private static int[] append(ByteArrayOutputStream data, Entry e) {
      while (data.size() % e.alignment() != 0) {
        data.write(0);
      }
      int offset = data.size();
      data.writeBytes(e.value());
      return new int[] {e.tag(), e.type(), offset, e.count()};
    }

    private static byte[] assemble(List<int[]> index, byte[] data) {
      ByteBuffer b = ByteBuffer.allocate(8 + 16 * index.size() + data.length);
      b.putInt(index.size()).putInt(data.length);
      for (int[] e : index) {
        for (int v : e) {
          b.putInt(v);
        }
      }
      b.put(data);
      return b.array();
    }

    private static void writeInts(ByteArrayOutputStream out, int... values) {
      ByteBuffer b = ByteBuffer.allocate(4 * values.length);
      for (int v : values) {
        b.putInt(v);
      }
      out.writeBytes(b.array());
    }

    private static byte[] nulTerminated(String... values) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (String v : values) {
        out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
        out.write(0);
      }
      return out.toByteArray();
    }
  }
}
