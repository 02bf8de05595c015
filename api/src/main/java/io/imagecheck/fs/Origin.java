package io.imagecheck.fs;

import io.imagecheck.image.Digest;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a filesystem entry came from: the layer that wrote it and the build step that made the layer.
 *
 * <p>History entries that are not marked {@code empty_layer} map to layers in order; when the counts
 * disagree the view reports a warning and the history fields stay empty for layers that have no
 * matching step.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param layerIndex the 0-based index of the layer
 * @param layerCount the number of layers in the image
 * @param layerDigest the digest of the layer blob
 * @param diffId the diff_id of the layer
 * @param historyIndex the 0-based index of the build step in the config's full history (empty-layer
 *     steps included, as {@code docker history} counts), if known
 * @param createdBy the command of that step, if known
 */
public record Origin(
    int layerIndex, int layerCount, Digest layerDigest, Digest diffId, Optional<Integer> historyIndex,
    Optional<String> createdBy) {

  /**
   * Checks the components and copies collections.
   *
   * @param layerIndex the 0-based index of the layer
   * @param layerCount the number of layers in the image
   * @param layerDigest the digest of the layer blob
   * @param diffId the diff_id of the layer
   * @param historyIndex the 0-based index of the build step in the config's full history, if known
   * @param createdBy the command of that step, if known
   * @throws IllegalArgumentException when the index is outside {@code [0, layerCount)}
   */
  public Origin {
    Objects.requireNonNull(layerDigest, "layerDigest");
    Objects.requireNonNull(diffId, "diffId");
    Objects.requireNonNull(historyIndex, "historyIndex");
    Objects.requireNonNull(createdBy, "createdBy");
    if (layerIndex < 0 || layerIndex >= layerCount) {
      throw new IllegalArgumentException("layer index " + layerIndex + " outside 0.." + (layerCount - 1));
    }
  }

  /**
   * The layer number as people count, from 1.
   *
   * @return {@code layerIndex + 1}
   */
  public int layerNumber() {
    return layerIndex + 1;
  }

  /**
   * The history step number as {@code docker history} counts (from 1, empty-layer steps included).
   *
   * @return the step number, if known
   */
  public Optional<Integer> historyStep() {
    return historyIndex.map(i -> i + 1);
  }

  /**
   * A human description: {@code layer 2 of 3 (sha256:ab12cd34ef56), history step 4: RUN apk add busybox}.
   *
   * @return the description
   */
  public String describe() {
    StringBuilder b = new StringBuilder()
        .append("layer ").append(layerNumber()).append(" of ").append(layerCount)
        .append(" (").append(layerDigest.shortForm()).append(')');
    historyStep().ifPresent(s -> {
      b.append(", history step ").append(s);
      createdBy.filter(c -> !c.isBlank()).ifPresent(c -> b.append(": ").append(c.strip()));
    });
    return b.toString();
  }
}
