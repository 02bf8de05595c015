package io.imagecheck.inspectors.executables;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One way to run an executable: a name in a directory, and how that path leads to the file.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the command name, e.g. {@code sh}
 * @param path the path as a user would type it, e.g. {@code /bin/sh} (the search directory, not the
 *     directory it links to)
 * @param onPath true when the directory is on the config's {@code PATH} (or the default one), false for
 *     the extra usual directories and paths found elsewhere
 * @param entry the entry the path names without following a final symlink ({@code lstat}): its origin
 *     is the layer that made this name
 * @param resolution how the path resolves through the image's symlinks
 * @param filePath the path of the file it runs: the symlink target, or for a hard link the file it is
 *     linked to (the same inode), e.g. {@code /bin/busybox} or {@code /bin/[}
 */
public record Reach(String name, String path, boolean onPath, FileEntry entry, Resolution resolution,
    String filePath) {

  /**
   * Checks the components and copies collections.
   *
   * @param name the command name
   * @param path the path as typed
   * @param onPath whether the directory is on {@code PATH}
   * @param entry the entry the path names ({@code lstat})
   * @param resolution the symlink resolution
   * @param filePath the file it runs
   */
  public Reach {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(filePath, "filePath");
  }

  /**
   * Tells whether the path is a link of any kind (symlinks anywhere on the way, or a hard link).
   *
   * @return true when {@link #path()} differs from {@link #filePath()}
   */
  public boolean isLink() {
    return !path.equals(filePath);
  }

  /**
   * Where the path leads, for messages.
   *
   * @return empty when the path is the file itself; else e.g. {@code " -> /bin/busybox"},
   *     {@code " (hard link to /bin/[)"} or {@code " -> /usr/bin/x (hard link to /usr/bin/y)"}
   */
  public String leadsTo() {
    if (!isLink()) {
      return "";
    }
    FileEntry target = resolution.target().orElseThrow();
    if (target.isHardlink()) {
      return (resolution.chain().isEmpty() ? "" : " -> " + target.path()) + " (hard link to " + filePath + ")";
    }
    return " -> " + filePath;
  }

  /**
   * How the path reaches the file, for evidence: each symlink hop as {@code link -> target}, then the
   * hard link, if any.
   *
   * @return e.g. {@code /bin/sh -> /bin/busybox}, {@code /bin -> usr/bin, /usr/bin/sh -> dash},
   *     {@code hardlink /bin/sh => /bin/[}; empty when the path is the file itself
   */
  public String via() {
    List<String> hops = new ArrayList<>();
    for (FileEntry link : resolution.chain()) {
      hops.add(link.path() + " -> " + link.linkTarget().orElse("?"));
    }
    resolution.target().filter(FileEntry::isHardlink).ifPresent(t ->
        hops.add("hardlink " + t.path() + " => " + t.linkTarget().orElse("?")));
    return String.join(", ", hops);
  }
}
