package io.imagecheck.internal.blob;

import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageSourceException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns a decoder's failures (JDK {@code ZipException}/{@code EOFException}, aircompressor's
 * unchecked {@code MalformedInputException}) into {@link ImageFormatException}s that name the source
 * and the blob, so no stack trace from inside a decoder reaches the user. Failures that already are
 * {@link ImageSourceException}s (e.g. a digest mismatch from the stream underneath) pass unchanged.
 *
 * <p>Not thread-safe.
 */
final class TranslatingInputStream extends FilterInputStream {

  private final String source;
  private final String what;

  TranslatingInputStream(InputStream in, String source, String what) {
    super(in);
    this.source = source;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (IOException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return in.skip(n);
    } catch (IOException | RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public int available() throws IOException {
    try {
      return in.available();
    } catch (IOException | RuntimeException e) {
      throw translate(e);
    }
  }

  private IOException translate(Exception e) {
    if (e instanceof ImageSourceException ise) {
      return ise;
    }
    if (e.getCause() instanceof ImageSourceException ise) {
      return ise;
    }
    String detail = e instanceof EOFException ? "truncated" : "corrupt (" + e.getMessage() + ")";
    return new ImageFormatException(source, what + " is " + detail, e);
  }
}
