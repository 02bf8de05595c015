package io.imagecheck.image;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A parsed image index (OCI image index or Docker manifest list), or an OCI layout's
 * {@code index.json}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param schemaVersion the schema version (always 2)
 * @param mediaType the index's media type (its field, or the type it was referenced as)
 * @param manifests the entries, in document order
 * @param annotations index annotations (sorted by key)
 * @param subject the manifest this one refers to (OCI 1.1), if any
 * @param artifactType the artifact type (OCI 1.1), if any
 */
public record IndexManifest(
    int schemaVersion,
    MediaType mediaType,
    List<Descriptor> manifests,
    Map<String, String> annotations,
    Optional<Descriptor> subject,
    Optional<String> artifactType) {

  /**
   * Checks the components and copies collections.
   *
   * @param schemaVersion the schema version (always 2)
   * @param mediaType the index's media type (its field, or the type it was referenced as)
   * @param manifests the entries, in document order
   * @param annotations index annotations (sorted by key)
   * @param subject the manifest this one refers to (OCI 1.1), if any
   * @param artifactType the artifact type (OCI 1.1), if any
   */
  public IndexManifest {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(artifactType, "artifactType");
    manifests = List.copyOf(manifests);
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }
}
