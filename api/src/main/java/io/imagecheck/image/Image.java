package io.imagecheck.image;

import java.util.List;
import java.util.Optional;

/**
 * A single-platform container image: a manifest, a config and layers.
 *
 * <p>The manifest and config are read, verified against their digests and parsed when the image is
 * obtained from its source; layers are read only when opened. An image stays usable until its
 * {@code ImageSource} is closed.
 *
 * <p>Implementations are thread-safe.
 */
public interface Image {

  /**
   * Where this image was read from, for messages: e.g. {@code oci:build/image:latest}.
   *
   * @return a printable description of the source
   */
  String source();

  /**
   * The descriptor of this image's manifest. For sources that hold no manifest (a legacy
   * {@code docker save} archive), the manifest is synthesized as skopeo does, and
   * {@link #manifestSynthesized()} says so.
   *
   * @return the manifest descriptor
   */
  Descriptor descriptor();

  /**
   * Tells whether the manifest was synthesized from a {@code docker save} {@code manifest.json}
   * rather than read; its digest then identifies this reading of the archive, not a registry image.
   *
   * @return true when the manifest was synthesized
   */
  default boolean manifestSynthesized() {
    return false;
  }

  /**
   * The descriptor of the index this image was selected from, when it was resolved through one.
   *
   * @return the index descriptor (the innermost one for nested indexes)
   */
  Optional<Descriptor> parentIndex();

  /**
   * The parsed manifest.
   *
   * @return the manifest
   */
  Manifest manifest();

  /**
   * The manifest exactly as stored (its digest is {@link #descriptor()}'s digest).
   *
   * @return a copy of the manifest bytes
   */
  byte[] rawManifest();

  /**
   * The parsed config.
   *
   * @return the config
   */
  ImageConfig config();

  /**
   * The config exactly as stored (its digest is the manifest's config digest).
   *
   * @return a copy of the config bytes
   */
  byte[] rawConfig();

  /**
   * The layers, base layer first. Their diff_ids come from the config.
   *
   * @return the layers
   */
  List<Layer> layers();

  /**
   * The platform, from the config (or, failing that, from the index entry).
   *
   * @return the platform, if known
   */
  default Optional<Platform> platform() {
    return config().platform();
  }
}
