package io.imagecheck.diff;

import io.imagecheck.fs.FileEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The differences between image A and image B.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param added entries of B whose path is not in A, sorted by path
 * @param removed entries of A whose path is not in B, sorted by path
 * @param changed paths in both whose entries differ, sorted by path
 * @param config the config fields that differ
 */
public record ImageDiff(List<FileEntry> added, List<FileEntry> removed, List<FileChange> changed,
    List<ConfigChange> config) {

  /**
   * Checks the components and copies collections.
   *
   * @param added entries only in B
   * @param removed entries only in A
   * @param changed entries that differ
   * @param config config differences
   */
  public ImageDiff {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
    config = List.copyOf(config);
  }

  /**
   * Tells whether the two images have the same files and config.
   *
   * @return true when nothing differs
   */
  public boolean identical() {
    return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && config.isEmpty();
  }

  /**
   * A path present in both images whose entry differs.
   *
   * @param path the path
   * @param before the entry in A
   * @param after the entry in B
   * @param fields what differs: {@code type}, {@code content}, {@code mode}, {@code owner},
   *     {@code linkTarget}
   */
  public record FileChange(String path, FileEntry before, FileEntry after, List<String> fields) {

    /**
     * Checks the components and copies collections.
     *
     * @param path the path
     * @param before the entry in A
     * @param after the entry in B
     * @param fields what differs
     */
    public FileChange {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
      fields = List.copyOf(fields);
    }
  }

  /**
   * A config field that differs. For keyed fields (env, labels) {@link #key()} names the variable or
   * label; for sets (exposed ports, volumes) one change per added or removed member.
   *
   * @param field {@code user}, {@code env}, {@code entrypoint}, {@code cmd}, {@code workingDir},
   *     {@code labels}, {@code exposedPorts}, {@code volumes}
   * @param key the env name or label key, for keyed fields
   * @param before the value in A (absent when added)
   * @param after the value in B (absent when removed)
   */
  public record ConfigChange(String field, Optional<String> key, Optional<String> before, Optional<String> after) {

    /**
     * Checks the components and copies collections.
     *
     * @param field the config field
     * @param key the key, for keyed fields
     * @param before the value in A
     * @param after the value in B
     */
    public ConfigChange {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(before, "before");
      Objects.requireNonNull(after, "after");
    }
  }
}
