package io.imagecheck.image;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An OCI content descriptor: what a manifest or index says about a blob it references.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param mediaType the media type of the referenced content
 * @param digest the digest of the referenced content
 * @param size the size of the referenced content in bytes
 * @param annotations annotations (sorted by key)
 * @param platform the platform, for index entries
 * @param artifactType the artifact type (OCI 1.1)
 * @param urls URLs the blob may also be fetched from (non-distributable layers)
 */
public record Descriptor(
    MediaType mediaType,
    Digest digest,
    long size,
    Map<String, String> annotations,
    Optional<Platform> platform,
    Optional<String> artifactType,
    List<String> urls) {

  /** The annotation that names a reference in an OCI layout's {@code index.json}. */
  public static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";

  /**
   * Checks the components and copies collections.
   *
   * @param mediaType the media type of the referenced content
   * @param digest the digest of the referenced content
   * @param size the size of the referenced content in bytes
   * @param annotations annotations (sorted by key)
   * @param platform the platform, for index entries
   * @param artifactType the artifact type (OCI 1.1)
   * @param urls URLs the blob may also be fetched from (non-distributable layers)
   */
  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(artifactType, "artifactType");
    if (size < 0) {
      throw new IllegalArgumentException("negative descriptor size: " + size);
    }
    annotations = java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    urls = List.copyOf(urls);
  }

  /**
   * Creates a descriptor with no annotations, platform, artifact type or URLs.
   *
   * @param mediaType the media type
   * @param digest the digest
   * @param size the size in bytes
   * @return the descriptor
   */
  public static Descriptor of(MediaType mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, Map.of(), Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * The reference name of an OCI layout entry ({@value #REF_NAME_ANNOTATION}).
   *
   * @return the reference name, when annotated
   */
  public Optional<String> refName() {
    return Optional.ofNullable(annotations.get(REF_NAME_ANNOTATION));
  }

  /**
   * Returns a copy with different annotations.
   *
   * @param newAnnotations the annotations
   * @return the new descriptor
   */
  public Descriptor withAnnotations(Map<String, String> newAnnotations) {
    return new Descriptor(mediaType, digest, size, newAnnotations, platform, artifactType, urls);
  }
}
