package io.imagecheck.lab;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.MediaType;
import io.imagecheck.image.Platform;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts about a lab image index (a multi-platform image), as {@code buildah manifest push --all}
 * wrote it: the layout's {@code index.json} points at this index, which lists one manifest per platform.
 *
 * @param name the index's name in the lab, e.g. {@code busybox-multi}
 * @param layout the OCI layout directory's name, e.g. {@code busybox-multi.oci}
 * @param tag the index's {@code org.opencontainers.image.ref.name} in that layout
 * @param descriptor the index descriptor from the layout's {@code index.json}
 * @param indexMediaType the {@code mediaType} field inside the index, empty when absent
 * @param manifests the index's manifest descriptors, with their platforms, in index order
 */
public record LabIndexFacts(
    String name,
    String layout,
    String tag,
    Descriptor descriptor,
    Optional<MediaType> indexMediaType,
    List<Descriptor> manifests) {

  /**
   * Checks the components and copies the list.
   *
   * @param name the index's name in the lab
   * @param layout the OCI layout directory's name
   * @param tag the index's ref name in that layout
   * @param descriptor the index descriptor
   * @param indexMediaType the {@code mediaType} field inside the index
   * @param manifests the index's manifest descriptors
   */
  public LabIndexFacts {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(indexMediaType, "indexMediaType");
    manifests = List.copyOf(manifests);
  }

  /**
   * The platforms of the listed manifests, in index order.
   *
   * @return one platform per manifest that declares one
   */
  public List<Platform> platforms() {
    return manifests.stream().flatMap(d -> d.platform().stream()).toList();
  }

  /**
   * The manifest listed for an architecture.
   *
   * @param architecture e.g. {@code arm64}
   * @return the first manifest descriptor whose platform has that architecture
   * @throws IllegalArgumentException when the index lists none
   */
  public Descriptor manifest(String architecture) {
    return manifests.stream()
        .filter(d -> d.platform().map(p -> p.architecture().equals(architecture)).orElse(false))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            name + " lists no manifest for architecture " + architecture + ": " + platforms()));
  }
}
