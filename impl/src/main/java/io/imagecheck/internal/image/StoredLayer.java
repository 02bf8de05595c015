package io.imagecheck.internal.image;

import io.imagecheck.image.Compression;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Layer;
import io.imagecheck.internal.blob.Decompressors;
import io.imagecheck.internal.blob.PipelinedInputStream;
import io.imagecheck.internal.blob.VerifyingInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;

/**
 * A layer read from a {@link BlobStore}: the compressed stream verified against the blob digest and
 * size, the uncompressed stream against the diff_id, decoded in a pipeline of threads (see
 * {@link #openUncompressed()}).
 *
 * <p>Thread-safe: every open returns an independent stream.
 */
final class StoredLayer implements Layer {

  private static final System.Logger LOG = System.getLogger(StoredLayer.class.getName());

  private final String source;
  private final BlobStore store;
  private final Descriptor descriptor;
  private final Digest diffId;
  private final int index;
  private final int count;

  StoredLayer(String source, BlobStore store, Descriptor descriptor, Digest diffId, int index, int count) {
    this.source = source;
    this.store = store;
    this.descriptor = descriptor;
    this.diffId = diffId;
    this.index = index;
    this.count = count;
  }

  @Override
  public Descriptor descriptor() {
    return descriptor;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public Digest diffId() {
    return diffId;
  }

  @Override
  public InputStream openCompressed() throws IOException {
    LOG.log(Level.DEBUG, "{0}: opening layer {1} {2}", source, index + 1, store.describe(digest()));
    return new VerifyingInputStream(store.open(digest(), size()), source, what(), digest(), size());
  }

  /**
   * The uncompressed stream, decoded in a three-stage pipeline: a thread reads the blob and hashes it
   * (blob digest and size), a second thread decompresses, and the caller's thread hashes the result
   * (diff_id) while it reads. The stages overlap, so a scan costs about as much as decompression alone.
   * An uncompressed blob whose digest is its diff_id needs only the first stage.
   */
  @Override
  public InputStream openUncompressed() throws IOException {
    VerifyingInputStream compressed = (VerifyingInputStream) openCompressed();
    BufferedInputStream buffered = new BufferedInputStream(compressed, 65536);
    Compression c;
    try {
      c = Decompressors.detect(buffered);
    } catch (IOException e) {
      buffered.close();
      throw e;
    }
    // Stage 1: read and hash the blob, always to its end, so its digest is always checked.
    PipelinedInputStream read = new PipelinedInputStream(buffered, null, "read");
    if (c == Compression.NONE && digest().equals(diffId)) {
      // An uncompressed blob's digest is its diff_id: one check covers both.
      return read;
    }
    InputStream plain;
    try {
      plain = c == Compression.NONE ? read : Decompressors.decompress(read, mediaType(), source, what());
    } catch (IOException e) {
      read.close();
      throw e;
    }
    // Stage 2: decompress. The decoder may stop before the blob's end (trailer, padding): reading stage 1
    // to its end afterwards surfaces a blob digest mismatch that would otherwise wait unseen in its queue.
    PipelinedInputStream decoded = new PipelinedInputStream(plain, () -> drain(read), "inflate");
    // Stage 3, on the caller's thread: hash the uncompressed bytes (diff_id) as they are read.
    return new VerifyingInputStream(decoded, source,
        "layer " + (index + 1) + " of " + count + " uncompressed content (diff_id)", diffId, -1);
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[65536];
    while (in.read(buf) >= 0) {
      // read to the end: the verifying stream underneath checks its digest there
    }
  }

  private String what() {
    return "layer " + (index + 1) + " of " + count + " blob " + store.describe(digest());
  }

  @Override
  public String toString() {
    return "layer " + (index + 1) + " of " + count + " " + digest();
  }
}
