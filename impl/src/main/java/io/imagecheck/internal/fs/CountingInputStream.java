package io.imagecheck.internal.fs;

import io.imagecheck.source.LimitExceededException;
import java.io.FilterInputStream;
import io.imagecheck.internal.blob.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts bytes and fails once a limit is passed, so a decompression bomb stops at the
 * {@code layer-bytes} limit (this layer) or the {@code image-bytes} limit (all layers of the image, a
 * counter shared by their scanners) instead of running for hours.
 *
 * <p>Not thread-safe.
 */
final class CountingInputStream extends FilterInputStream {

  private final long limit;
  private final AtomicLong imageCount;
  private final long imageLimit;
  private final String source;
  private final String what;
  private long count;

  CountingInputStream(InputStream in, long limit, AtomicLong imageCount, long imageLimit, String source,
      String what) {
    super(in);
    this.limit = limit;
    this.imageCount = imageCount;
    this.imageLimit = imageLimit;
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
      add(n);
    }
    return n;
  }

  /**
   * Counts bytes that a layer yields without reading them (a sparse file's holes).
   *
   * @param n the number of bytes
   * @throws LimitExceededException when the layer or the image passes its limit
   */
  void add(long n) throws LimitExceededException {
    count += n;
    if (count > limit || count < 0) {
      throw new LimitExceededException(source, what, "layer-bytes", limit);
    }
    long total = imageCount.addAndGet(n);
    if (total > imageLimit || total < 0) {
      throw new LimitExceededException(source, what + " (all layers: more than " + imageLimit + " bytes)",
          "image-bytes", imageLimit);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    return Streams.skipByReading(this, n);
  }

  long count() {
    return count;
  }
}
