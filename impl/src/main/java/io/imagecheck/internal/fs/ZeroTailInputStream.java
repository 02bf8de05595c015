package io.imagecheck.internal.fs;

import java.io.FilterInputStream;
import io.imagecheck.internal.blob.Streams;
import java.io.IOException;
import java.io.InputStream;

/**
 * Appends a bounded run of zero bytes after the end of a stream. Go's archive/tar (and so umoci 0.4.7,
 * skopeo) accepts layers that end without the two zero blocks of end-of-archive and even without the
 * padding of the last file; commons-compress reports those as truncated. Feeding zeros after the real
 * end lets such layers be read as the Go tools read them. Truncation is still caught: the layer's
 * diff_id is checked over the real bytes underneath, so a cut layer fails with a digest mismatch.
 *
 * <p>Not thread-safe.
 */
final class ZeroTailInputStream extends FilterInputStream {

  private long tailLeft;
  private boolean underlyingEnded;

  ZeroTailInputStream(InputStream in, long tail) {
    super(in);
    this.tailLeft = tail;
  }

  @Override
  public int read() throws IOException {
    return Streams.readByte(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!underlyingEnded) {
      int n = in.read(b, off, len);
      if (n >= 0) {
        return n;
      }
      underlyingEnded = true;
    }
    if (tailLeft <= 0) {
      return -1;
    }
    int n = (int) Math.min(len, tailLeft);
    java.util.Arrays.fill(b, off, off + n, (byte) 0);
    tailLeft -= n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    return Streams.skipByReading(this, n);
  }

  /** @return true once the real stream has ended */
  boolean underlyingEnded() {
    return underlyingEnded;
  }
}
