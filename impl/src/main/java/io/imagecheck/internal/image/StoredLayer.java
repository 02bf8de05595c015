package io.imagecheck.internal.image;

import io.imagecheck.image.Compression;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Layer;
import io.imagecheck.internal.blob.Decompressors;
import io.imagecheck.internal.blob.VerifyingInputStream;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;

/**
 * A layer read from a {@link BlobStore}: the compressed stream verified against the blob digest and
 * size, the uncompressed stream against the diff_id. When the uncompressed stream ends, the rest of
 * the compressed stream is drained so that its digest check runs even when the decoder stopped
 * early (gzip trailers, padding).
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
    if (c == Compression.NONE && digest().equals(diffId)) {
      // An uncompressed blob's digest is its diff_id: one check covers both.
      return buffered;
    }
    InputStream plain = c == Compression.NONE ? buffered
        : Decompressors.decompress(buffered, mediaType(), source, what());
    VerifyingInputStream uncompressed = new VerifyingInputStream(plain, source,
        "layer " + (index + 1) + " of " + count + " uncompressed content (diff_id)", diffId, -1);
    return new FilterInputStream(uncompressed) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
          compressed.drain();
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) {
          compressed.drain();
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        // Read what is skipped: the verifying stream underneath hashes it.
        return uncompressed.skip(n);
      }
    };
  }

  private String what() {
    return "layer " + (index + 1) + " of " + count + " blob " + store.describe(digest());
  }

  @Override
  public String toString() {
    return "layer " + (index + 1) + " of " + count + " " + digest();
  }
}
