package io.imagecheck.image;

import java.util.Locale;
import java.util.Objects;

/**
 * A media type string as found in manifests and descriptors, with the well-known OCI and Docker types
 * as constants.
 *
 * <p>Unknown types are carried, never rejected: an artifact's config type or a vendor layer type is
 * just a value. The predicates ({@link #isManifest()}, {@link #isIndex()}, {@link #isLayer()}, ...)
 * answer for the types this library knows.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param value the media type as written (parameters such as {@code ;charset} are kept)
 */
public record MediaType(String value) {

  /** OCI image manifest. */
  public static final MediaType OCI_MANIFEST = new MediaType("application/vnd.oci.image.manifest.v1+json");
  /** OCI image index. */
  public static final MediaType OCI_INDEX = new MediaType("application/vnd.oci.image.index.v1+json");
  /** OCI image config. */
  public static final MediaType OCI_CONFIG = new MediaType("application/vnd.oci.image.config.v1+json");
  /** OCI empty descriptor ({@code {}}), used as an artifact's config. */
  public static final MediaType OCI_EMPTY = new MediaType("application/vnd.oci.empty.v1+json");
  /** OCI plain descriptor (a descriptor as a blob). */
  public static final MediaType OCI_DESCRIPTOR = new MediaType("application/vnd.oci.descriptor.v1+json");
  /** OCI image layout file ({@code oci-layout}). */
  public static final MediaType OCI_LAYOUT_HEADER = new MediaType("application/vnd.oci.layout.header.v1+json");
  /** OCI uncompressed layer. */
  public static final MediaType OCI_LAYER = new MediaType("application/vnd.oci.image.layer.v1.tar");
  /** OCI gzip layer. */
  public static final MediaType OCI_LAYER_GZIP = new MediaType("application/vnd.oci.image.layer.v1.tar+gzip");
  /** OCI zstd layer. */
  public static final MediaType OCI_LAYER_ZSTD = new MediaType("application/vnd.oci.image.layer.v1.tar+zstd");
  /** OCI non-distributable uncompressed layer (deprecated by the spec, still read). */
  public static final MediaType OCI_LAYER_NONDISTRIBUTABLE =
      new MediaType("application/vnd.oci.image.layer.nondistributable.v1.tar");
  /** OCI non-distributable gzip layer. */
  public static final MediaType OCI_LAYER_NONDISTRIBUTABLE_GZIP =
      new MediaType("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip");
  /** OCI non-distributable zstd layer. */
  public static final MediaType OCI_LAYER_NONDISTRIBUTABLE_ZSTD =
      new MediaType("application/vnd.oci.image.layer.nondistributable.v1.tar+zstd");

  /** Docker image manifest, schema 2. */
  public static final MediaType DOCKER_MANIFEST =
      new MediaType("application/vnd.docker.distribution.manifest.v2+json");
  /** Docker manifest list. */
  public static final MediaType DOCKER_MANIFEST_LIST =
      new MediaType("application/vnd.docker.distribution.manifest.list.v2+json");
  /** Docker schema 1 manifest (unsupported: rejected with a clear message). */
  public static final MediaType DOCKER_MANIFEST_V1 =
      new MediaType("application/vnd.docker.distribution.manifest.v1+json");
  /** Docker signed schema 1 manifest (unsupported: rejected with a clear message). */
  public static final MediaType DOCKER_MANIFEST_V1_SIGNED =
      new MediaType("application/vnd.docker.distribution.manifest.v1+prettyjws");
  /** Docker image config. */
  public static final MediaType DOCKER_CONFIG = new MediaType("application/vnd.docker.container.image.v1+json");
  /** Docker gzip layer. */
  public static final MediaType DOCKER_LAYER_GZIP =
      new MediaType("application/vnd.docker.image.rootfs.diff.tar.gzip");
  /** Docker uncompressed layer (written by {@code docker save}-derived manifests). */
  public static final MediaType DOCKER_LAYER = new MediaType("application/vnd.docker.image.rootfs.diff.tar");
  /** Docker foreign (non-distributable) gzip layer. */
  public static final MediaType DOCKER_LAYER_FOREIGN_GZIP =
      new MediaType("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");
  /** Docker foreign (non-distributable) uncompressed layer. */
  public static final MediaType DOCKER_LAYER_FOREIGN =
      new MediaType("application/vnd.docker.image.rootfs.foreign.diff.tar");
  /** Docker plugin config. */
  public static final MediaType DOCKER_PLUGIN_CONFIG = new MediaType("application/vnd.docker.plugin.v1+json");

  /** In-toto statement layer (BuildKit attestations). */
  public static final MediaType IN_TOTO = new MediaType("application/vnd.in-toto+json");
  /** Sigstore bundle, v0.3. */
  public static final MediaType SIGSTORE_BUNDLE_V03 =
      new MediaType("application/vnd.dev.sigstore.bundle.v0.3+json");
  /** cosign simple-signing payload layer. */
  public static final MediaType COSIGN_SIMPLE_SIGNING =
      new MediaType("application/vnd.dev.cosign.simplesigning.v1+json");
  /** DSSE envelope layer written by cosign for attestations. */
  public static final MediaType DSSE_ENVELOPE = new MediaType("application/vnd.dsse.envelope.v1+json");

  /**
   * Checks the components and copies collections.
   *
   * @param value the media type as written (parameters such as {@code ;charset} are kept)
   */
  public MediaType {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("blank media type");
    }
  }

  /**
   * Wraps a media type string.
   *
   * @param value the media type
   * @return the media type
   */
  public static MediaType of(String value) {
    return new MediaType(value);
  }

  /**
   * The type without parameters and in lower case, used for comparisons.
   *
   * @return e.g. {@code application/vnd.oci.image.manifest.v1+json}
   */
  public String essence() {
    int semi = value.indexOf(';');
    return (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Tells whether this is the same type as {@code other}, ignoring parameters and case.
   *
   * @param other another media type
   * @return true when both have the same essence
   */
  public boolean is(MediaType other) {
    return essence().equals(other.essence());
  }

  /**
   * Tells whether this is an image manifest (OCI or Docker schema 2).
   *
   * @return true for OCI and Docker schema 2 manifests
   */
  public boolean isManifest() {
    return is(OCI_MANIFEST) || is(DOCKER_MANIFEST);
  }

  /**
   * Tells whether this is an index (OCI image index or Docker manifest list).
   *
   * @return true for OCI indexes and Docker manifest lists
   */
  public boolean isIndex() {
    return is(OCI_INDEX) || is(DOCKER_MANIFEST_LIST);
  }

  /**
   * Tells whether this is a Docker schema 1 manifest, which this library does not read.
   *
   * @return true for both schema 1 variants
   */
  public boolean isSchema1() {
    return is(DOCKER_MANIFEST_V1) || is(DOCKER_MANIFEST_V1_SIGNED);
  }

  /**
   * Tells whether this is an image config (OCI or Docker).
   *
   * @return true for the OCI and Docker config types
   */
  public boolean isImageConfig() {
    return is(OCI_CONFIG) || is(DOCKER_CONFIG);
  }

  /**
   * Tells whether this is a filesystem layer type this library can read.
   *
   * @return true for the OCI and Docker layer types, distributable or not
   */
  public boolean isLayer() {
    String e = essence();
    return e.startsWith("application/vnd.oci.image.layer.")
        || e.startsWith("application/vnd.docker.image.rootfs.");
  }

  /**
   * Tells whether this is a non-distributable ("foreign") layer type.
   *
   * @return true for OCI non-distributable and Docker foreign layers
   */
  public boolean isNonDistributable() {
    String e = essence();
    return e.contains(".nondistributable.") || e.contains(".foreign.");
  }

  /**
   * Tells whether this is one of Docker's {@code application/vnd.docker.*} types.
   *
   * @return true for Docker types
   */
  public boolean isDocker() {
    return essence().startsWith("application/vnd.docker.");
  }

  /**
   * The compression a layer of this type declares.
   *
   * @return {@link Compression#GZIP}, {@link Compression#ZSTD}, {@link Compression#NONE} for the known
   *     layer types, {@link Compression#UNKNOWN} for anything else
   */
  public Compression declaredCompression() {
    if (!isLayer()) {
      return Compression.UNKNOWN;
    }
    String e = essence();
    if (e.endsWith("+gzip") || e.endsWith(".tar.gzip")) {
      return Compression.GZIP;
    }
    if (e.endsWith("+zstd")) {
      return Compression.ZSTD;
    }
    if (e.endsWith(".tar")) {
      return Compression.NONE;
    }
    return Compression.UNKNOWN;
  }

  /**
   * The media type as written.
   *
   * @return the value
   */
  @Override
  public String toString() {
    return value;
  }
}
