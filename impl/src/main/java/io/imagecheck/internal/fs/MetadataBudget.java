package io.imagecheck.internal.fs;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * The {@code metadata-bytes} budget of one view: an estimate of the heap that the metadata of an image's
 * entries holds (the scanned entries, the merged tree, the change lists and the warnings), charged as
 * each tar entry is read and as the merge creates implicit parent directories. Entry and path-length
 * limits alone do not bound it: one entry may carry up to {@code pax-bytes} of owner names and extended
 * attributes, and a path of {@code path-length} bytes may need thousands of implicit directories, each
 * holding its own path.
 *
 * <p>Thread-safe: the layer scanners of one view share it.
 */
final class MetadataBudget {

  /**
   * What one entry holds besides its strings: the {@code FileEntry}, its {@code Optional}s and
   * {@code Instant}, the scanned entry, the tree node and map entry, list slots, about 400 bytes on a
   * 64-bit JVM with compressed references.
   */
  static final long ENTRY_OVERHEAD = 400;

  private final String source;
  private final long limit;
  private final AtomicLong used = new AtomicLong();

  MetadataBudget(String source, ReadLimits limits) {
    this.source = source;
    this.limit = limits.metadataBytes();
  }

  /**
   * Charges the metadata of a tar entry: its name, link target, owner names and extra PAX records
   * (extended attributes), whatever the entry turns out to be (a file, a whiteout, or an ignored entry
   * with a warning that quotes its name).
   *
   * @param e the tar entry
   * @throws LimitExceededException when the image passes the budget
   */
  void charge(TarArchiveEntry e) throws LimitExceededException {
    long bytes = ENTRY_OVERHEAD + e.getName().length() + e.getLinkName().length() + e.getUserName().length()
        + e.getGroupName().length();
    for (Map.Entry<String, String> p : e.getExtraPaxHeaders().entrySet()) {
      bytes += p.getKey().length() + p.getValue().length();
    }
    charge(bytes);
  }

  /**
   * Charges an entry taken from the layer cache instead of a tar: the same estimate as
   * {@link #charge(TarArchiveEntry)}, from the strings the entry keeps.
   *
   * @param e the cached entry
   * @throws LimitExceededException when the image passes the budget
   */
  void charge(ScannedEntry e) throws LimitExceededException {
    long bytes = ENTRY_OVERHEAD + e.path().length();
    FileEntry f = e.entry();
    if (f != null) {
      bytes += f.linkTarget().map(String::length).orElse(0) + f.userName().map(String::length).orElse(0)
          + f.groupName().map(String::length).orElse(0);
      for (Map.Entry<String, String> x : f.xattrs().entrySet()) {
        bytes += x.getKey().length() + x.getValue().length();
      }
    }
    charge(bytes);
  }

  /**
   * Charges a directory the merge creates because an entry's parent is missing.
   *
   * @param path its path
   * @throws LimitExceededException when the image passes the budget
   */
  void chargeDirectory(String path) throws LimitExceededException {
    charge(ENTRY_OVERHEAD + path.length());
  }

  private void charge(long bytes) throws LimitExceededException {
    if (used.addAndGet(bytes) > limit) {
      throw new LimitExceededException(source, "image with more than " + limit + " bytes of entry metadata "
          + "(names, link targets, owner names, extended attributes and implicit directories, estimated)",
          "metadata-bytes", limit);
    }
  }
}
