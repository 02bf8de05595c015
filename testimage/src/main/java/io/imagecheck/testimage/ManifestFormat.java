package io.imagecheck.testimage;

/**
 * The kind of image manifest (and matching config and layer media types) a {@link TestImage} is
 * written with, in OCI layouts, OCI archives and {@code dir:} directories. A docker-archive has no
 * manifest of this kind and is unaffected.
 *
 * <p>Immutable and thread-safe (an enum).
 */
public enum ManifestFormat {
  /**
   * An OCI image manifest ({@code application/vnd.oci.image.manifest.v1+json}) with OCI config and
   * layer media types; the default.
   */
  OCI,
  /**
   * A Docker image manifest, schema 2 ({@code application/vnd.docker.distribution.manifest.v2+json}),
   * with Docker config and layer media types. It has no type for zstd layers, so those are refused.
   *
   * <p>Note that containers/image (skopeo 1.9, for one) only looks for OCI manifest and index media
   * types in an OCI layout's {@code index.json}, so it reports "no descriptor found" for a Docker
   * manifest there; its {@code dir:} transport ({@link TestImage#writeDir(java.nio.file.Path)})
   * reads one.
   */
  DOCKER
}
