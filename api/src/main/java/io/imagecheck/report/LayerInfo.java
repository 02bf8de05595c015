package io.imagecheck.report;

import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import java.util.Objects;
import java.util.Optional;

/**
 * A layer as a report describes it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param index the 0-based index
 * @param digest the blob digest
 * @param diffId the diff_id
 * @param mediaType the blob's media type
 * @param size the blob's size in bytes
 * @param historyIndex the 0-based index of the history step that made it (over all entries), if known
 * @param createdBy that step's command, if known
 */
public record LayerInfo(
    int index, Digest digest, Digest diffId, MediaType mediaType, long size, Optional<Integer> historyIndex,
    Optional<String> createdBy) {

  /**
   * Checks the components and copies collections.
   *
   * @param index the 0-based index
   * @param digest the blob digest
   * @param diffId the diff_id
   * @param mediaType the media type
   * @param size the size
   * @param historyIndex the history step index, if known
   * @param createdBy the step's command, if known
   */
  public LayerInfo {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(diffId, "diffId");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(historyIndex, "historyIndex");
    Objects.requireNonNull(createdBy, "createdBy");
  }
}
