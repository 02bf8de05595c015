package io.imagecheck.inspectors.executables;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.ImagePaths;
import io.imagecheck.fs.Origin;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One executable file of an image (one inode: a file and its hard links count once) and every way the
 * search directories reach it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the file's path: symlinks resolved, hard links followed to the file they were linked to
 *     (e.g. {@code /usr/bin/dash}, {@code /bin/[})
 * @param entry the file's entry (its origin is the layer that shipped the content)
 * @param multiCall what multi-call binary it is, if any (by content, else by name)
 * @param reaches the names and paths that run it, in search order
 */
public record Executable(String path, FileEntry entry, Optional<MultiCall> multiCall, List<Reach> reaches) {

  /**
   * Checks the components and copies collections.
   *
   * @param path the file's path
   * @param entry the file's entry
   * @param multiCall the multi-call binary kind, if any
   * @param reaches the ways to run it
   */
  public Executable {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(multiCall, "multiCall");
    reaches = List.copyOf(reaches);
  }

  /**
   * The file's own name.
   *
   * @return e.g. {@code dash}
   */
  public String name() {
    return ImagePaths.name(path);
  }

  /**
   * The layer and build step that shipped the file.
   *
   * @return the entry's origin
   */
  public Origin origin() {
    return entry.origin();
  }

  /**
   * The command names that run this file.
   *
   * @return the reach names, in search order, without duplicates
   */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    reaches.forEach(r -> names.add(r.name()));
    return names;
  }

  /**
   * The paths that run this file.
   *
   * @param filter which reaches to list
   * @return their paths, in search order
   */
  public List<String> paths(Predicate<Reach> filter) {
    return reaches.stream().filter(filter).map(Reach::path).toList();
  }

  /**
   * The first reach that matches.
   *
   * @param filter the condition
   * @return the first matching reach in search order
   */
  public Optional<Reach> firstReach(Predicate<Reach> filter) {
    return reaches.stream().filter(filter).findFirst();
  }

  /**
   * Tells whether this is a multi-call binary of a kind.
   *
   * @param kind {@link MultiCall#BUSYBOX} or {@link MultiCall#TOYBOX}
   * @return true when {@link #multiCall()} is of that kind
   */
  public boolean isMultiCall(String kind) {
    return multiCall.filter(m -> m.kind().equals(kind)).isPresent();
  }
}
