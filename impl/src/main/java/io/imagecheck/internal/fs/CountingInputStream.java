package io.imagecheck.internal.fs;

import io.imagecheck.source.LimitExceededException;
import java.io.FilterInputStream;
import io.imagecheck.internal.blob.Streams;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes and fails once a limit is passed, so a decompression bomb stops at the
 * {@code layer-bytes} limit instead of running for hours.
 *
 * <p>Not thread-safe.
 */
final class CountingInputStream extends FilterInputStream {

  private final long limit;
  private final String source;
  private final String what;
  private long count;

  CountingInputStream(InputStream in, long limit, String source, String what) {
    super(in);
    this.limit = limit;
    this.source = source;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    return Streams.readByte(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      count += n;
      if (count > limit) {
        throw new LimitExceededException(source, what, "layer-bytes", limit);
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    return Streams.skipByReading(this, n);
  }

  long count() {
    return count;
  }
}
