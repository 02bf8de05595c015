package io.imagecheck.inspectors.packages.rpm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Adler32;

/**
 * Writes small rpm NDB {@code Packages.db} files for tests, as rpm's {@code rpmpkg.c} writes them: the
 * 32-byte header and one 4096-byte slot page (slot 2 onwards), then one blob per package, each in
 * 16-byte blocks with head, blob, zero padding and a tail carrying an Adler-32 checksum.
 */
final class TestNdbDatabases {
  static final int FIRST_SLOT_OFFSET = 32;

  private TestNdbDatabases() {}

  /** Packages with indexes 1, 2, ... in slots 2, 3, ...; an empty slot list leaves every slot free. */
  static byte[] packages(List<byte[]> blobs) {
    int blocks = 4096 / 16;
    int total = blocks;
    for (byte[] b : blobs) {
      total += blockCount(b.length);
    }
    ByteBuffer file = ByteBuffer.allocate(total * 16).order(ByteOrder.LITTLE_ENDIAN);
    file.put(0, "RpmP".getBytes(StandardCharsets.US_ASCII));
    file.putInt(4, 0); // version
    file.putInt(8, 7); // generation
    file.putInt(12, 1); // slot pages
    file.putInt(16, blobs.size() + 1); // next package index
    for (int slot = 2; slot < 256; slot++) {
      file.put(slot * 16, "Slot".getBytes(StandardCharsets.US_ASCII));
    }
    int block = blocks;
    for (int i = 0; i < blobs.size(); i++) {
      byte[] blob = blobs.get(i);
      int count = blockCount(blob.length);
      int slotAt = FIRST_SLOT_OFFSET + 16 * i;
      file.putInt(slotAt + 4, i + 1).putInt(slotAt + 8, block).putInt(slotAt + 12, count);
      int at = block * 16;
      file.put(at, "BlbS".getBytes(StandardCharsets.US_ASCII));
      file.putInt(at + 4, i + 1).putInt(at + 8, 1_700_000_000).putInt(at + 12, blob.length);
      file.put(at + 16, blob);
      int tail = at + count * 16 - 12;
      Adler32 adler = new Adler32();
      adler.update(file.array(), at, tail - at);
      file.putInt(tail, (int) adler.getValue()).putInt(tail + 4, blob.length);
      file.put(tail + 8, "BlbE".getBytes(StandardCharsets.US_ASCII));
      block += count;
    }
    return file.array();
  }

  static int blockCount(int blobLength) {
    return (16 + blobLength + 12 + 15) / 16;
  }
}
