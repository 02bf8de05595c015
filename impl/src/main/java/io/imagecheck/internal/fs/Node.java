package io.imagecheck.internal.fs;

import io.imagecheck.fs.FileEntry;
import org.jspecify.annotations.Nullable;

/**
 * An entry of the merged tree and where its content is: the layer and the tar entry ordinal that hold
 * the bytes (for a hard link, its target's location when the link was made).
 *
 * @param entry the metadata
 * @param contentLayer the layer holding the content, or -1 for entries without content
 * @param contentOrdinal the tar entry ordinal in that layer
 */
record Node(FileEntry entry, int contentLayer, int contentOrdinal) {

  static Node of(FileEntry entry, @Nullable Node contentFrom, int layer, int ordinal) {
    if (contentFrom != null) {
      return new Node(entry, contentFrom.contentLayer(), contentFrom.contentOrdinal());
    }
    return new Node(entry, layer, ordinal);
  }
}
