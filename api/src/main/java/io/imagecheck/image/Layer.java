package io.imagecheck.image;

import java.io.IOException;
import java.io.InputStream;

/**
 * One filesystem layer of an {@link Image}: a (usually compressed) tar stream of changes.
 *
 * <p>Every {@code open...} call returns a new stream over the blob; the caller closes it. Streams
 * verify while they are read: the compressed bytes against {@link #digest()} and {@link #size()}, the
 * uncompressed bytes against {@link #diffId()}. A mismatch surfaces as an {@code IOException}
 * subtype ({@code io.imagecheck.source.DigestMismatchException}) from {@code read} at the end of the
 * stream, so a consumer that reads to the end has read verified bytes. Nothing is buffered whole or
 * written to disk.
 *
 * <p>Implementations are thread-safe: several streams of the same or different layers may be open at
 * once.
 */
public interface Layer {

  /**
   * The descriptor of this layer's blob, as the manifest lists it.
   *
   * @return the descriptor
   */
  Descriptor descriptor();

  /**
   * The position of this layer in the image, 0 for the base layer.
   *
   * @return the 0-based index
   */
  int index();

  /**
   * The digest of the blob as stored (compressed).
   *
   * @return the blob digest
   */
  default Digest digest() {
    return descriptor().digest();
  }

  /**
   * The digest of the uncompressed tar stream, from the config's {@code rootfs.diff_ids}.
   *
   * @return the diff_id
   */
  Digest diffId();

  /**
   * The media type of the blob.
   *
   * @return the media type
   */
  default MediaType mediaType() {
    return descriptor().mediaType();
  }

  /**
   * The size of the blob as stored, in bytes.
   *
   * @return the compressed size
   */
  default long size() {
    return descriptor().size();
  }

  /**
   * Opens the blob as stored, verified against {@link #digest()} and {@link #size()}.
   *
   * @return a new stream; the caller closes it
   * @throws IOException when the blob cannot be opened
   */
  InputStream openCompressed() throws IOException;

  /**
   * Opens the uncompressed tar stream. The compression is detected from the first bytes (gzip and
   * zstd magic numbers), so a layer whose media type disagrees with its bytes is still read; the
   * disagreement is logged. Both the blob digest and the diff_id are verified.
   *
   * @return a new stream; the caller closes it
   * @throws IOException when the blob cannot be opened or its compression is not supported
   */
  InputStream openUncompressed() throws IOException;
}
