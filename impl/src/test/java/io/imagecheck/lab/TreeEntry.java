package io.imagecheck.lab;

import io.imagecheck.fs.FileType;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a lab image's merged filesystem, as {@code find} saw it after {@code umoci raw unpack}
 * applied the image's layers and whiteouts (one line of {@code <image>.tree.tsv}).
 *
 * <p>Hard links show as {@link FileType#REGULAR} entries with a {@link #linkCount()} above 1 (the unpacked
 * tree has no notion of which name came first); {@link FileType#HARDLINK} never appears here.
 *
 * @param path the absolute path in the image, {@code /} for the root
 * @param type the entry type
 * @param mode the permission bits including setuid (04000), setgid (02000) and sticky (01000)
 * @param uid the owner's numeric id
 * @param gid the group's numeric id
 * @param size the byte size of a regular file, 0 for any other type
 * @param linkCount the number of names of a regular file in the unpacked tree, 1 for other types
 * @param linkTarget the target of a symbolic link as written in the image, empty for other types
 */
public record TreeEntry(
    String path, FileType type, int mode, int uid, int gid, long size, int linkCount, Optional<String> linkTarget) {

  /**
   * Checks the components.
   *
   * @param path the absolute path in the image, {@code /} for the root
   * @param type the entry type
   * @param mode the permission bits including setuid, setgid and sticky
   * @param uid the owner's numeric id
   * @param gid the group's numeric id
   * @param size the byte size of a regular file, 0 for any other type
   * @param linkCount the number of names of a regular file, 1 for other types
   * @param linkTarget the target of a symbolic link, empty for other types
   */
  public TreeEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(linkTarget, "linkTarget");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("tree path is not absolute: " + path);
    }
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException(path + ": mode out of range: " + Integer.toOctalString(mode));
    }
    if (size < 0 || linkCount < 1) {
      throw new IllegalArgumentException(path + ": negative size or link count: " + size + ", " + linkCount);
    }
  }

  /**
   * Tells whether the setuid bit (04000) is set.
   *
   * @return true for a setuid entry
   */
  public boolean isSetuid() {
    return (mode & 04000) != 0;
  }

  /**
   * Tells whether the setgid bit (02000) is set.
   *
   * @return true for a setgid entry
   */
  public boolean isSetgid() {
    return (mode & 02000) != 0;
  }

  /**
   * Tells whether the sticky bit (01000) is set.
   *
   * @return true for a sticky entry, such as {@code /tmp}
   */
  public boolean isSticky() {
    return (mode & 01000) != 0;
  }
}
