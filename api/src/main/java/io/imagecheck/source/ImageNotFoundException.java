package io.imagecheck.source;

import java.util.List;

/**
 * The requested image, tag, reference name, digest or platform is not in the source. The message
 * lists what is there, so the caller can correct the request.
 *
 * <p>Immutable after construction, and so thread-safe.
 */
public class ImageNotFoundException extends ImageSourceException {
  private static final long serialVersionUID = 1L;

  /** The available (serialized with the exception). */
  private final List<String> available;

  /**
   * Creates an exception.
   *
   * @param source the source
   * @param problem what was not found
   * @param available what the source does offer (tags, reference names, platforms), possibly empty
   */
  public ImageNotFoundException(String source, String problem, List<String> available) {
    super(source, available.isEmpty() ? problem : problem + " (available: " + String.join(", ", available) + ")");
    this.available = List.copyOf(available);
  }

  /**
   * What the source offers instead.
   *
   * @return tags, reference names or platforms
   */
  public List<String> available() {
    return available;
  }
}
