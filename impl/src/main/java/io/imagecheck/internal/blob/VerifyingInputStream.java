package io.imagecheck.internal.blob;

import io.imagecheck.image.Digest;
import io.imagecheck.source.DigestMismatchException;
import io.imagecheck.source.SizeMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A stream that hashes everything it passes on and, at end of stream, fails with a
 * {@link DigestMismatchException} when the bytes do not have the expected digest, or with a
 * {@link SizeMismatchException} when there are more or fewer bytes than expected. More bytes than
 * expected fail as soon as the excess is read, so an endless body is cut off.
 *
 * <p>Unlike {@link java.security.DigestInputStream}, {@link #skip(long)} reads (and hashes) what it
 * skips, so skipping cannot bypass verification. {@code mark}/{@code reset} are not supported.
 *
 * <p>Not thread-safe (a stream is read by one thread at a time).
 */
public final class VerifyingInputStream extends FilterInputStream {

  private final String source;
  private final String what;
  private final Digest expected;
  private final long expectedSize;
  private final MessageDigest md;
  private long count;
  private boolean verified;

  /**
   * Wraps a stream.
   *
   * @param in the raw bytes
   * @param source the source, for messages
   * @param what what is read, for messages, e.g. {@code blob sha256:ab12...}
   * @param expected the expected digest
   * @param expectedSize the expected size, or -1 when unknown
   */
  public VerifyingInputStream(InputStream in, String source, String what, Digest expected, long expectedSize) {
    super(in);
    this.source = source;
    this.what = what;
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.md = expected.newMessageDigest();
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
    int n = in.read(b, off, len);
    if (n < 0) {
      verify();
      return -1;
    }
    md.update(b, off, n);
    count += n;
    if (expectedSize >= 0 && count > expectedSize) {
      throw new SizeMismatchException(source, what, expectedSize, count);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Read what is skipped so that it is hashed: skipping must never bypass verification.
    return Streams.skipByReading(this, n);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {
    // not supported: a reset would hash bytes twice
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported by a verifying stream");
  }

  /**
   * Reads the rest of the stream so that the digest check runs.
   *
   * @throws IOException when reading fails or the content does not verify
   */
  public void drain() throws IOException {
    byte[] buf = new byte[65536];
    while (read(buf, 0, buf.length) >= 0) {
      // keep reading: the check runs at end of stream
    }
  }

  /**
   * Tells whether the end of the stream was reached and the content verified.
   *
   * @return true after a successful check
   */
  public boolean verified() {
    return verified;
  }

  /**
   * The number of bytes read so far.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  private void verify() throws IOException {
    if (verified) {
      return;
    }
    if (expectedSize >= 0 && count != expectedSize) {
      throw new SizeMismatchException(source, what, expectedSize, count);
    }
    Digest actual = Digest.of(expected.algorithm(), md.digest());
    if (!actual.equals(expected)) {
      throw new DigestMismatchException(source, what, expected, actual);
    }
    verified = true;
  }
}
