package io.imagecheck.lab;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts about one single-manifest lab image (one tag of one OCI layout).
 *
 * @param name the image's name in the lab, e.g. {@code debian-stripped}
 * @param layout the OCI layout directory's name in the lab directory, e.g. {@code debian.oci}
 * @param tag the {@code org.opencontainers.image.ref.name} of the image in that layout, e.g. {@code stripped}
 * @param descriptor the manifest descriptor from the layout's {@code index.json}
 * @param manifestMediaType the {@code mediaType} field inside the manifest; empty when the tool wrote none
 *     (umoci writes none)
 * @param config the config facts
 * @param layers the layer facts, bottom layer first
 * @param tree the merged filesystem's counts and listing file
 * @param contents the package databases and users found in the merged filesystem
 */
public record LabImageFacts(
    String name,
    String layout,
    String tag,
    Descriptor descriptor,
    Optional<MediaType> manifestMediaType,
    LabConfigFacts config,
    List<LabLayerFacts> layers,
    LabTreeFacts tree,
    LabContentFacts contents) {

  /**
   * Checks the components and copies the layer list.
   *
   * @param name the image's name in the lab
   * @param layout the OCI layout directory's name
   * @param tag the image's ref name in that layout
   * @param descriptor the manifest descriptor
   * @param manifestMediaType the {@code mediaType} field inside the manifest
   * @param config the config facts
   * @param layers the layer facts
   * @param tree the merged filesystem's counts
   * @param contents the package databases and users
   * @throws IllegalArgumentException when the layers do not match the config's diff_ids in number
   */
  public LabImageFacts {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(manifestMediaType, "manifestMediaType");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(tree, "tree");
    Objects.requireNonNull(contents, "contents");
    layers = List.copyOf(layers);
    if (layers.size() != config.diffIds().size()) {
      throw new IllegalArgumentException(
          name + ": " + layers.size() + " layers but " + config.diffIds().size() + " diff_ids");
    }
  }

  /**
   * The manifest's digest (the digest of the descriptor in {@code index.json}).
   *
   * @return the manifest digest
   */
  public Digest manifestDigest() {
    return descriptor.digest();
  }

  /**
   * One layer's facts.
   *
   * @param index the layer's position, 0 for the bottom layer
   * @return that layer's facts
   * @throws IndexOutOfBoundsException when the image has no such layer
   */
  public LabLayerFacts layer(int index) {
    return layers.get(index);
  }
}
