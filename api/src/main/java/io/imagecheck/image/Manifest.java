package io.imagecheck.image;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed image manifest (OCI image manifest or Docker schema 2 manifest).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param schemaVersion the schema version (always 2 for the formats read)
 * @param mediaType the manifest's media type: its {@code mediaType} field, or the type it was served
 *     or referenced as when the field is absent (umoci writes OCI manifests without it)
 * @param config the config descriptor
 * @param layers the layer descriptors, base layer first
 * @param annotations manifest annotations (sorted by key)
 * @param subject the manifest this one refers to (OCI 1.1 referrers), if any
 * @param artifactType the artifact type (OCI 1.1), if any
 */
public record Manifest(
    int schemaVersion,
    MediaType mediaType,
    Descriptor config,
    List<Descriptor> layers,
    Map<String, String> annotations,
    Optional<Descriptor> subject,
    Optional<String> artifactType) {

  /**
   * Checks the components and copies collections.
   *
   * @param schemaVersion the schema version (always 2 for the formats read)
   * @param mediaType the manifest's media type: its {@code mediaType} field, or the type it was served or referenced as when the field is absent (umoci writes OCI manifests without it)
   * @param config the config descriptor
   * @param layers the layer descriptors, base layer first
   * @param annotations manifest annotations (sorted by key)
   * @param subject the manifest this one refers to (OCI 1.1 referrers), if any
   * @param artifactType the artifact type (OCI 1.1), if any
   */
  public Manifest {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(artifactType, "artifactType");
    layers = List.copyOf(layers);
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }
}
