package io.imagecheck.fs;

import java.util.List;
import java.util.Objects;

/**
 * What one layer did to the tree below it: entries it added, entries it replaced, and paths it
 * deleted (with whiteouts or opaque directories).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param layerIndex the 0-based layer index
 * @param added entries at paths that did not exist below this layer
 * @param modified entries at paths that existed below this layer (replaced)
 * @param deleted entries of lower layers that this layer's whiteouts or opaque directories removed
 *     (for a deleted directory, the directory and everything under it)
 * @param opaqueDirectories directories this layer marked opaque ({@code .wh..wh..opq})
 */
public record LayerChanges(
    int layerIndex, List<FileEntry> added, List<FileEntry> modified, List<FileEntry> deleted,
    List<String> opaqueDirectories) {

  /**
   * Checks the components and copies collections.
   *
   * @param layerIndex the 0-based layer index
   * @param added entries at new paths
   * @param modified entries at existing paths
   * @param deleted removed lower entries
   * @param opaqueDirectories opaque directories
   */
  public LayerChanges {
    added = List.copyOf(added);
    modified = List.copyOf(modified);
    deleted = List.copyOf(deleted);
    opaqueDirectories = List.copyOf(opaqueDirectories);
    Objects.checkIndex(layerIndex, Integer.MAX_VALUE);
  }
}
