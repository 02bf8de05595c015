package io.imagecheck.internal.blob;

import io.imagecheck.source.LimitExceededException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Whole reads of small documents (manifests, configs, JSON files in archives) with a size cap, so a
 * hostile source cannot make the reader allocate without bound.
 *
 * <p>Thread-safe (stateless).
 */
public final class BoundedReads {

  private BoundedReads() {}

  /**
   * Reads a stream to its end, failing as soon as it is longer than {@code max} bytes.
   *
   * @param in the stream (not closed)
   * @param max the largest accepted length
   * @param source the source, for messages
   * @param what what is read, for messages
   * @param limitName the {@code ReadLimits} name of the cap
   * @return the bytes
   * @throws IOException when reading fails
   * @throws LimitExceededException when the stream is longer than {@code max}
   */
  public static byte[] readAll(InputStream in, long max, String source, String what, String limitName)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, 8192));
    byte[] buf = new byte[8192];
    long total = 0;
    int n;
    while ((n = in.read(buf)) >= 0) {
      total += n;
      if (total > max) {
        throw new LimitExceededException(source, what, limitName, max);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
