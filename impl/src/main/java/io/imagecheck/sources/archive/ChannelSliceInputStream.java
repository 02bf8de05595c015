package io.imagecheck.sources.archive;

import java.io.EOFException;
import io.imagecheck.internal.blob.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A stream over a byte range of a file channel using positional reads, so several members of one
 * archive can be read at once from different threads without sharing a file position.
 *
 * <p>Not thread-safe itself (one reader per stream); the channel is shared and not closed.
 */
final class ChannelSliceInputStream extends InputStream {

  private final FileChannel channel;
  private long position;
  private final long end;

  ChannelSliceInputStream(FileChannel channel, long offset, long length) {
    this.channel = channel;
    this.position = offset;
    this.end = offset + length;
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
    long remaining = end - position;
    if (remaining <= 0) {
      return -1;
    }
    int want = (int) Math.min(len, remaining);
    int n = channel.read(ByteBuffer.wrap(b, off, want), position);
    if (n < 0) {
      throw new EOFException("archive is truncated: member ends at byte " + end + " but the file is shorter");
    }
    position += n;
    return n;
  }

  /** @return the position in the channel of the next byte this stream reads */
  long position() {
    return position;
  }

  @Override
  public long skip(long n) {
    long s = Math.max(0, Math.min(n, end - position));
    position += s;
    return s;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, end - position));
  }
}
