package io.imagecheck.inspect;

import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.LayerChanges;
import io.imagecheck.image.Image;
import io.imagecheck.image.ImageConfig;
import io.imagecheck.source.ImageSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an inspector sees: the image, its config, the merged filesystem (built once per scan, with
 * the content every selected inspector declared), the per-layer changes, and the inspector's options
 * from the policy.
 *
 * <p>Implementations are thread-safe: inspectors run concurrently on one context.
 */
public interface InspectionContext {

  /**
   * The image being inspected.
   *
   * @return the image
   */
  Image image();

  /**
   * The image's config.
   *
   * @return the config
   */
  default ImageConfig config() {
    return image().config();
  }

  /**
   * The merged filesystem.
   *
   * @return the view
   */
  FileSystemView fileSystem();

  /**
   * What each layer added, replaced and deleted (for "every layer" checks: a secret deleted by a later
   * layer is still shipped).
   *
   * @return one entry per layer, base first
   */
  default List<LayerChanges> layerChanges() {
    return fileSystem().layerChanges();
  }

  /**
   * The options the policy gives this inspector (e.g. allowed tools, approved base images).
   *
   * @return option name to JSON-shaped value; empty when none
   */
  Map<String, Object> options();

  /**
   * One option.
   *
   * @param name the option name
   * @return its value, if set
   */
  default Optional<Object> option(String name) {
    return Optional.ofNullable(options().get(name));
  }

  /**
   * The opened source the image came from, when the scan was given one: inspectors that look beyond
   * the image itself (signatures and attestations attached to it in the same layout, directory or
   * registry repository) use it. Empty when only an image was scanned.
   *
   * @return the source, if known
   */
  default Optional<ImageSource> imageSource() {
    return Optional.empty();
  }

  /**
   * Where the image was read from, for messages: e.g. {@code oci:build/image}.
   *
   * @return the source description
   */
  default String source() {
    return image().source();
  }
}
