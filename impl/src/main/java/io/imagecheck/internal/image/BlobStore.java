package io.imagecheck.internal.image;

import io.imagecheck.image.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Content-addressed blobs of one source, unverified: the small core each adapter implements (a
 * directory of {@code blobs/sha256/<hex>}, members of a tar, HTTP blob endpoints). Verification of
 * digests and sizes happens above, in {@link ImageReader} and {@link StoredLayer}.
 *
 * <p>Implementations are thread-safe: several blobs may be open at once.
 */
public interface BlobStore extends java.io.Closeable {

  /**
   * Opens a blob's raw bytes.
   *
   * @param digest the blob's digest
   * @param size the size the referencing descriptor declares (a hint; -1 when unknown)
   * @return a new stream; the caller closes it
   * @throws IOException when the blob is missing ({@code ImageNotFoundException}) or unreadable
   */
  InputStream open(Digest digest, long size) throws IOException;

  /**
   * Opens a manifest or index by digest. Registries serve these at a different endpoint than blobs,
   * with content negotiation; file-based stores keep them with the other blobs.
   *
   * @param digest the manifest's digest
   * @param mediaType the media type the referencing descriptor declares
   * @param size the size the referencing descriptor declares
   * @return a new stream; the caller closes it
   * @throws IOException when the manifest is missing or unreadable
   */
  default InputStream openManifest(Digest digest, io.imagecheck.image.MediaType mediaType, long size)
      throws IOException {
    return open(digest, size);
  }

  /**
   * Names a blob for messages, in the source's own terms.
   *
   * @param digest the digest
   * @return e.g. {@code blobs/sha256/ab12...} or {@code member 5f3c.../layer.tar}
   */
  String describe(Digest digest);

  /**
   * Releases files or connections.
   *
   * @throws IOException when releasing fails
   */
  @Override
  void close() throws IOException;
}
