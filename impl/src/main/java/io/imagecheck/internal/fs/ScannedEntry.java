package io.imagecheck.internal.fs;

import io.imagecheck.fs.FileEntry;
import org.jspecify.annotations.Nullable;

/**
 * One tar entry of one layer after name normalisation: a file-system entry, a whiteout (deletes a
 * lower path) or an opaque marker (hides a directory's lower children).
 *
 * @param kind what the entry does
 * @param path the entry's path, the whited-out path, or the opaque directory
 * @param entry the metadata, for {@link Kind#ENTRY}
 * @param ordinal the position of the tar entry in its layer (0-based), used to find it again
 */
record ScannedEntry(Kind kind, String path, @Nullable FileEntry entry, int ordinal) {

  /** What a layer entry does to the tree. */
  enum Kind {
    ENTRY,
    WHITEOUT,
    OPAQUE
  }
}
