package io.imagecheck.internal.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * Helpers the project's filter streams share, so each implements only its bulk {@code read}.
 *
 * <p>Thread-safe (stateless).
 */
public final class Streams {

  private Streams() {}

  /**
   * Reads one byte through a stream's bulk {@code read(byte[], int, int)}.
   *
   * @param in the stream
   * @return the byte, or -1 at the end
   * @throws IOException when reading fails
   */
  public static int readByte(InputStream in) throws IOException {
    byte[] one = new byte[1];
    int n;
    do {
      n = in.read(one, 0, 1);
    } while (n == 0);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  /**
   * Skips by reading, so that whatever the stream does with the bytes it passes on (hashing, counting)
   * also happens to skipped bytes; {@link java.security.DigestInputStream#skip(long)} is the cautionary
   * tale.
   *
   * @param in the stream
   * @param n how many bytes to skip
   * @return how many were skipped (fewer only at the end of the stream)
   * @throws IOException when reading fails
   */
  public static long skipByReading(InputStream in, long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
    long skipped = 0;
    while (skipped < n) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }
}
