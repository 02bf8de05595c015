package io.imagecheck.inspectors.history;

import io.imagecheck.fs.Origin;
import io.imagecheck.image.HistoryEntry;
import io.imagecheck.image.Image;
import io.imagecheck.image.Layer;
import java.util.List;
import java.util.Optional;

/**
 * Maps build steps of an image's history to the layers they made, for findings about a history
 * command (a remote {@code ADD}, {@code sudo}, a build argument): non-empty history entries map to
 * layers in order, as the merged view maps them.
 *
 * <p>Thread-safe (stateless).
 */
public final class HistorySteps {

  private HistorySteps() {}

  /**
   * The origin of the layer a history step made.
   *
   * @param image the image
   * @param historyIndex the 0-based index in the config's full history
   * @return the origin, or empty when the step made no layer, the index is out of range, or the image
   *     has fewer layers than layer-producing steps
   */
  public static Optional<Origin> origin(Image image, int historyIndex) {
    List<HistoryEntry> history = image.config().history();
    if (historyIndex < 0 || historyIndex >= history.size() || history.get(historyIndex).emptyLayer()) {
      return Optional.empty();
    }
    int layer = 0;
    for (int i = 0; i < historyIndex; i++) {
      if (!history.get(i).emptyLayer()) {
        layer++;
      }
    }
    List<Layer> layers = image.layers();
    if (layer >= layers.size()) {
      return Optional.empty();
    }
    Layer l = layers.get(layer);
    String createdBy = history.get(historyIndex).createdBy();
    return Optional.of(new Origin(layer, layers.size(), l.digest(), l.diffId(), Optional.of(historyIndex),
        createdBy.isEmpty() ? Optional.empty() : Optional.of(createdBy)));
  }
}
