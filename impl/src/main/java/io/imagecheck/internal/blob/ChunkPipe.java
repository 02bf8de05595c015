package io.imagecheck.internal.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A bounded queue of byte chunks between one producer thread and one reader, read as a stream. The
 * producer {@link #put(byte[])}s chunks and ends with {@link #end(Throwable)}; the reader reads until
 * the end, where a producer failure is rethrown as the same exception object. Either side can
 * {@link #detach()}: the producer then drops its chunks instead of blocking, so a reader that stops
 * early never stalls the producer.
 *
 * <p>A pipe may recycle its chunks: once the reader has copied out all of a chunk, the chunk goes to
 * the {@code recycler} given at construction, so a producer that owns its chunks can reuse them instead
 * of allocating a new array per chunk (a 500 MB layer is 2,000 chunks of 256 KiB).
 *
 * <p>One producer thread and one reader thread; the flag that detaches is safe to set from any thread.
 */
public final class ChunkPipe extends InputStream {

  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> queue;
  private final @Nullable Consumer<byte[]> recycler;
  private volatile boolean detached;
  private volatile @Nullable Throwable failure;
  private byte[] current = new byte[0];
  private int pos;
  private boolean ended;

  /**
   * Creates a pipe.
   *
   * @param depth how many chunks may wait
   */
  public ChunkPipe(int depth) {
    this(depth, null);
  }

  /**
   * Creates a pipe that hands every chunk the reader is done with to a recycler.
   *
   * @param depth how many chunks may wait
   * @param recycler called on the reader's thread with each fully read chunk, or null; the reader
   *     never touches a chunk again after handing it over
   */
  public ChunkPipe(int depth, @Nullable Consumer<byte[]> recycler) {
    this.queue = new ArrayBlockingQueue<>(depth);
    this.recycler = recycler;
  }

  /**
   * Hands a chunk to the reader, waiting while the queue is full, unless the pipe is detached.
   *
   * @param chunk the bytes (not copied: the producer must not reuse the array unless it comes back
   *     through the recycler)
   * @return false when the pipe was detached and the chunk dropped
   * @throws InterruptedIOException when the producer thread is interrupted
   */
  public boolean put(byte[] chunk) throws InterruptedIOException {
    try {
      while (!detached) {
        if (queue.offer(chunk, 20, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while passing data between threads");
    }
  }

  /**
   * Ends the stream, with the producer's failure if it had one.
   *
   * @param producerFailure what went wrong on the producer side, or null
   */
  public void end(@Nullable Throwable producerFailure) {
    failure = producerFailure;
    try {
      put(END);
    } catch (InterruptedIOException e) {
      // the reader, if any, is gone with the interrupt
    }
  }

  /** Stops waiting for the reader: later chunks are dropped and the queue is cleared. */
  public void detach() {
    detached = true;
    queue.clear();
  }

  /**
   * Tells whether the pipe was detached.
   *
   * @return true after {@link #detach()}
   */
  public boolean detached() {
    return detached;
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
    while (pos >= current.length) {
      if (ended) {
        return -1;
      }
      byte[] done = current;
      try {
        current = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for data from another thread");
      }
      pos = 0;
      if (recycler != null && done.length > 0) {
        recycler.accept(done);
      }
      if (current == END) {
        ended = true;
        rethrow();
        return -1;
      }
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return pos < current.length ? current.length - pos : 0;
  }

  private void rethrow() throws IOException {
    Throwable t = failure;
    if (t == null) {
      return;
    }
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    throw new IOException(t);
  }
}
