package io.imagecheck.internal.blob;

import io.imagecheck.source.ImageFormatException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Watches the zstd frames that pass through it and refuses a frame whose window, the history a decoder
 * must keep, is larger than {@link #MAX_WINDOW} bytes, before the decoder sees the frame. aircompressor
 * sizes its history buffer from the frame header (the window, or the declared content size of a
 * single-segment frame) and grows it 128 KiB at a time, copying it whole each time: a 2 GiB window made of
 * cheap RLE blocks would take gigabytes of heap and hours of copying. Container tools write windows of at
 * most 8 MiB (Go's klauspost/compress, which containerd, BuildKit and containers/image use, and zstd up to
 * level 19); aircompressor cannot decode compressed blocks with larger windows anyway.
 *
 * <p>The guard follows the frame structure only (frame headers, block headers, checksums, skippable
 * frames, any number of frames); it neither decodes nor changes a byte. Anything it does not understand
 * is left to the decoder to reject.
 *
 * <p>Not thread-safe (one reader).
 */
final class ZstdFrameGuard extends FilterInputStream {

  /** The largest window accepted (32 MiB: four times what container tools write). */
  static final long MAX_WINDOW = 32L << 20;

  private static final int MAGIC = 0xFD2FB528;

  private enum State { MAGIC, SKIPPABLE_SIZE, SKIP, DESCRIPTOR, HEADER_REST, BLOCK_HEADER, CHECKSUM, OFF }

  private final String source;
  private final String what;
  private State state = State.MAGIC;
  /** Bytes collected for the field being read (little-endian). */
  private long field;
  /** The frame header after its descriptor: window descriptor, dictionary id, content size (up to 13). */
  private final byte[] headerBytes = new byte[13];
  private int fieldBytes;
  private int fieldWanted;
  /** Bytes to pass over without looking (block content, skippable frame content, checksums). */
  private long skip;
  private State afterSkip = State.MAGIC;
  private int descriptor;
  private int frames;

  ZstdFrameGuard(InputStream in, String source, String what) {
    super(in);
    this.source = source;
    this.what = what;
    expect(4);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      consume(b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    for (int i = 0; i < n && state != State.OFF; ) {
      if (state == State.SKIP) {
        long take = Math.min(skip, n - i);
        skip -= take;
        i += (int) take;
        if (skip == 0) {
          enter(afterSkip);
        }
      } else {
        consume(b[off + i] & 0xff);
        i++;
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Read what is skipped so that the frame structure is followed.
    byte[] buf = new byte[8192];
    long done = 0;
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void expect(int bytes) {
    field = 0;
    fieldBytes = 0;
    fieldWanted = bytes;
  }

  private void enter(State s) {
    state = s;
    switch (s) {
      case MAGIC, SKIPPABLE_SIZE, CHECKSUM -> expect(4);
      case DESCRIPTOR -> expect(1);
      case BLOCK_HEADER -> expect(3);
      default -> {
        // HEADER_REST sets its own length; SKIP and OFF read no field
      }
    }
  }

  private void consume(int b) throws ImageFormatException {
    if (state == State.OFF) {
      return;
    }
    if (state == State.SKIP) {
      if (--skip == 0) {
        enter(afterSkip);
      }
      return;
    }
    if (fieldBytes < 8) {
      field |= ((long) b) << (8 * fieldBytes);
    }
    if (fieldBytes < headerBytes.length) {
      headerBytes[fieldBytes] = (byte) b;
    }
    if (++fieldBytes < fieldWanted) {
      return;
    }
    switch (state) {
      case MAGIC -> magic((int) field);
      case SKIPPABLE_SIZE -> skipThen(field, State.MAGIC);
      case DESCRIPTOR -> descriptor((int) field);
      case HEADER_REST -> header();
      case BLOCK_HEADER -> block((int) field);
      case CHECKSUM -> enter(State.MAGIC);
      default -> state = State.OFF;
    }
  }

  private void magic(int magic) {
    if (magic == MAGIC) {
      frames++;
      enter(State.DESCRIPTOR);
    } else if ((magic & 0xFFFFFFF0) == 0x184D2A50) {
      enter(State.SKIPPABLE_SIZE);
    } else {
      // not zstd (or trailing garbage): the decoder says what is wrong
      state = State.OFF;
    }
  }

  private void skipThen(long bytes, State next) {
    if (bytes == 0) {
      enter(next);
    } else {
      skip = bytes;
      afterSkip = next;
      state = State.SKIP;
    }
  }

  private void descriptor(int d) {
    descriptor = d;
    boolean singleSegment = (d & 0x20) != 0;
    if ((d & 0x08) != 0) {
      // reserved bit set: invalid, the decoder rejects it
      state = State.OFF;
      return;
    }
    int fcsFlag = d >>> 6;
    int fcsBytes = fcsFlag == 0 ? (singleSegment ? 1 : 0) : fcsFlag == 1 ? 2 : fcsFlag == 2 ? 4 : 8;
    int dictFlag = d & 3;
    int dictBytes = dictFlag == 3 ? 4 : dictFlag;
    int rest = (singleSegment ? 0 : 1) + dictBytes + fcsBytes;
    if (rest == 0) {
      // single segment without a content size field: impossible (the field is then 1 byte), kept for safety
      enter(State.BLOCK_HEADER);
      return;
    }
    state = State.HEADER_REST;
    expect(rest);
  }

  private void header() throws ImageFormatException {
    int d = descriptor;
    boolean singleSegment = (d & 0x20) != 0;
    int fcsFlag = d >>> 6;
    int fcsBytes = fcsFlag == 0 ? (singleSegment ? 1 : 0) : fcsFlag == 1 ? 2 : fcsFlag == 2 ? 4 : 8;
    int dictFlag = d & 3;
    int dictBytes = dictFlag == 3 ? 4 : dictFlag;
    long window;
    if (singleSegment) {
      // no window descriptor: the window is the content, Frame_Content_Size after the dictionary id
      long fcs = 0;
      for (int i = fcsBytes - 1; i >= 0; i--) {
        fcs = (fcs << 8) | (headerBytes[dictBytes + i] & 0xff);
      }
      window = fcsBytes == 2 ? fcs + 256 : fcs;
    } else {
      int wd = headerBytes[0] & 0xff;
      int exponent = wd >>> 3;
      int mantissa = wd & 7;
      long base = 1L << (10 + exponent);
      window = base + (base / 8) * mantissa;
    }
    if (window < 0 || window > MAX_WINDOW) {
      throw new ImageFormatException(source, what + " (zstd) frame " + frames + " needs a window of "
          + (window < 0 ? "more than 2^63" : Long.toString(window)) + " bytes; imagecheck decodes windows of up to "
          + MAX_WINDOW + " bytes (container tools write at most 8 MiB)");
    }
    enter(State.BLOCK_HEADER);
  }

  private void block(int header) {
    boolean last = (header & 1) != 0;
    int type = (header >>> 1) & 3;
    long size = header >>> 3;
    State next = last ? ((descriptor & 0x04) != 0 ? State.CHECKSUM : State.MAGIC) : State.BLOCK_HEADER;
    if (type == 3) {
      state = State.OFF;
      return;
    }
    skipThen(type == 1 ? 1 : size, next);
  }
}
