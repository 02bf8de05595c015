package io.imagecheck.bench;

import io.imagecheck.image.Digest;
import java.nio.file.Path;

/**
 * A layer blob built for the benchmark: its file, digests and sizes.
 *
 * @param blob the compressed (or plain) blob file
 * @param mediaType its OCI media type
 * @param digest the blob's digest
 * @param size the blob's size in bytes
 * @param diffId the digest of the uncompressed tar
 * @param tarSize the uncompressed size in bytes
 */
record LayerBlob(Path blob, String mediaType, Digest digest, long size, Digest diffId, long tarSize) {

  static final String GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  static final String ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  static final String TAR = "application/vnd.oci.image.layer.v1.tar";
}
