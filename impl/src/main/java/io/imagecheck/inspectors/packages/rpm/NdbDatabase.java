package io.imagecheck.inspectors.packages.rpm;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Adler32;

/**
 * Reads the header blobs of an rpm NDB package database ({@code Packages.db}), the format SUSE uses,
 * as rpm's {@code lib/backend/ndb/rpmpkg.c} writes it. All integers are little-endian.
 *
 * <pre>
 *   header (32 bytes)  "RpmP", version 0, generation, number of slot pages, next package index, ...
 *   slot pages         4096 bytes each; the header takes the first two 16-byte slots of page 0.
 *                      slot: "Slot", package index, block offset, block count (0 offset = free slot)
 *   blobs              at block offset * 16: head "BlbS", package index, timestamp, blob length;
 *                      the header blob; zero padding; tail: Adler-32, blob length, "BlbE".
 * </pre>
 *
 * <p>Packages are returned in slot order (the order go-rpmdb reads them in). Blocks are checked the
 * way rpm checks them when it reads a blob: magics, package index, lengths, and that the block count
 * covers exactly head, blob and tail. rpm does not verify the Adler-32 checksum when it reads a
 * package, so a mismatch is only logged here.
 */
final class NdbDatabase {
  /** The first four bytes of every NDB package database. */
  static final byte[] MAGIC = "RpmP".getBytes(StandardCharsets.US_ASCII);

  private static final System.Logger LOG = System.getLogger(NdbDatabase.class.getName());

  private static final byte[] SLOT_MAGIC = "Slot".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BLOB_HEAD_MAGIC = "BlbS".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BLOB_TAIL_MAGIC = "BlbE".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER_SIZE = 32;
  private static final int SLOT_PAGE_SIZE = 4096;
  private static final int SLOT_SIZE = 16;
  private static final int BLOCK_SIZE = 16;
  private static final int BLOB_HEAD_SIZE = 16;
  private static final int BLOB_TAIL_SIZE = 12;

  private NdbDatabase() {}

  /**
   * Reads every package's header blob.
   *
   * @param source the database path inside the image, for messages
   * @param content the whole file
   * @return one view per package, in slot order, each named after its package index (e.g. {@code
   *     header 12})
   * @throws PackageDatabaseException when the file is not an NDB database or a slot or blob is
   *     malformed
   */
  static List<ByteView> read(String source, byte[] content) throws PackageDatabaseException {
    ByteView file = ByteView.of(source, "NDB database", content, false);
    if (content.length < HEADER_SIZE || !file.startsWith(0, MAGIC)) {
      throw file.error("does not start with the NDB magic \"RpmP\"");
    }
    long version = file.u32(4);
    if (version != 0) {
      throw file.error("has NDB version " + version + ", expected 0");
    }
    long slotPages = file.u32(12);
    if (slotPages < 1 || slotPages * SLOT_PAGE_SIZE > content.length) {
      throw file.error("says it has " + slotPages + " slot pages of " + SLOT_PAGE_SIZE + " bytes, but the file has "
          + content.length + " bytes (truncated?)");
    }
    long fileBlocks = content.length / BLOCK_SIZE;
    // Blobs live after the slot pages; rpm rejects a slot that points into them.
    long firstBlobBlock = slotPages * (SLOT_PAGE_SIZE / BLOCK_SIZE);
    List<ByteView> blobs = new ArrayList<>();
    long slotCount = slotPages * (SLOT_PAGE_SIZE / SLOT_SIZE);
    for (long slot = HEADER_SIZE / SLOT_SIZE; slot < slotCount; slot++) {
      long at = slot * SLOT_SIZE;
      if (!file.startsWith(at, SLOT_MAGIC)) {
        throw file.error("slot " + slot + " at offset " + at + " does not start with \"Slot\"");
      }
      long packageIndex = file.u32(at + 4);
      long blockOffset = file.u32(at + 8);
      long blockCount = file.u32(at + 12);
      if (blockOffset == 0) {
        continue; // a free slot
      }
      if (packageIndex == 0 || blockCount == 0 || blockOffset < firstBlobBlock) {
        throw file.error("slot " + slot + " (package " + packageIndex + ", block offset " + blockOffset
            + ", block count " + blockCount + ") is invalid");
      }
      if (blockOffset + blockCount > fileBlocks) {
        throw file.error("slot " + slot + " puts package " + packageIndex + " at blocks " + blockOffset + " to "
            + (blockOffset + blockCount) + ", past the end of the file (" + fileBlocks + " blocks; truncated?)");
      }
      ByteView block = file.slice("blob of package " + packageIndex, blockOffset * BLOCK_SIZE,
          blockCount * BLOCK_SIZE);
      blobs.add(blob(block, packageIndex));
    }
    return blobs;
  }

  private static ByteView blob(ByteView block, long packageIndex) throws PackageDatabaseException {
    if (!block.startsWith(0, BLOB_HEAD_MAGIC)) {
      throw block.error("does not start with \"BlbS\"");
    }
    if (block.u32(4) != packageIndex) {
      throw block.error("is labelled package " + block.u32(4) + ", but its slot says package " + packageIndex);
    }
    long blobLength = block.u32(12);
    long expectedBlocks = (BLOB_HEAD_SIZE + blobLength + BLOB_TAIL_SIZE + BLOCK_SIZE - 1) / BLOCK_SIZE;
    if (expectedBlocks * BLOCK_SIZE != block.length()) {
      throw block.error("holds a " + blobLength + "-byte blob, which needs " + expectedBlocks + " blocks, but its slot"
          + " gives it " + block.length() / BLOCK_SIZE);
    }
    long tail = block.length() - BLOB_TAIL_SIZE;
    if (block.u32(tail + 4) != blobLength || !block.startsWith(tail + 8, BLOB_TAIL_MAGIC)) {
      throw block.error("has no valid tail (blob length " + blobLength + ", then \"BlbE\") in its last "
          + BLOB_TAIL_SIZE + " bytes");
    }
    // The checksum covers head, blob and padding, everything before the tail.
    Adler32 adler = new Adler32();
    block.updateChecksum(adler, 0, tail);
    if (adler.getValue() != block.u32(tail)) {
      LOG.log(System.Logger.Level.WARNING, "{0}: {1}: Adler-32 checksum mismatch (stored {2}, computed {3});"
          + " reading it anyway, as rpm does", block.source(), block.region(),
          Long.toHexString(block.u32(tail)), Long.toHexString(adler.getValue()));
    }
    return block.slice("header " + packageIndex, BLOB_HEAD_SIZE, blobLength);
  }
}
