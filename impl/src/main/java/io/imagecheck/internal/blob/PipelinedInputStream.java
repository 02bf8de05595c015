package io.imagecheck.internal.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs one stage of a decoding pipeline on its own thread: the producer thread reads the source
 * (which may itself be a decoder) in 256 KiB chunks into a small bounded queue, and the reader takes
 * them. Chaining two of these (read + blob digest | inflate | diff_id digest + tar walk) keeps all
 * stages busy at once, which is what brings a layer scan down to the cost of inflating alone (see
 * the performance notes in the README).
 *
 * <p>A failure on the producer thread is rethrown to the reader, as the same exception object, on its
 * next read (so a {@code DigestMismatchException} keeps its type). {@link #close()} stops the producer,
 * closes the source on the producer's thread and waits for it: no thread outlives the stream.
 *
 * <p>The reading side is not thread-safe (one reader); the producer is internal.
 */
public final class PipelinedInputStream extends InputStream {

  /** What to do on the producer thread once the source is exhausted (e.g. drain a verifying stream). */
  @FunctionalInterface
  public interface EndAction {
    /**
     * Runs after the source returned end of stream, before the reader sees it.
     *
     * @throws IOException when the action fails; the reader gets the exception
     */
    void run() throws IOException;
  }

  private static final int CHUNK = 256 * 1024;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private static final int DEPTH = 4;

  /**
   * Chunks the reader is done with, for the producer to fill again: with the queue's {@value #DEPTH},
   * the one being read and the one being filled, a stream allocates about six chunks in all.
   */
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH + 2);
  private final ChunkPipe pipe = new ChunkPipe(DEPTH, chunk -> {
    if (chunk.length == CHUNK) {
      free.offer(chunk);
    }
  });
  private final Thread producer;
  private volatile boolean closed;

  /**
   * Starts the producer thread.
   *
   * @param source what the producer reads; closed by the producer when it stops
   * @param atEnd run on the producer thread after the source's end of stream, or null
   * @param name a short name for the thread
   */
  public PipelinedInputStream(InputStream source, @Nullable EndAction atEnd, String name) {
    this.producer = new Thread(() -> produce(source, atEnd), "imagecheck-" + name + "-" + THREADS.incrementAndGet());
    producer.setDaemon(true);
    producer.start();
  }

  private void produce(InputStream source, @Nullable EndAction atEnd) {
    Throwable failure = null;
    try (InputStream in = source) {
      while (!closed) {
        byte[] buf = free.poll();
        if (buf == null) {
          buf = new byte[CHUNK];
        }
        int n = in.readNBytes(buf, 0, CHUNK);
        if (n == 0) {
          break;
        }
        if (!pipe.put(n == CHUNK ? buf : java.util.Arrays.copyOf(buf, n))) {
          return;
        }
        if (n < CHUNK) {
          break;
        }
      }
      if (!closed && atEnd != null) {
        atEnd.run();
      }
    } catch (Throwable t) {
      failure = t;
    }
    pipe.end(failure);
  }

  @Override
  public int read() throws IOException {
    return Streams.readByte(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return pipe.read(b, off, len);
  }

  @Override
  public int available() {
    return pipe.available();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    pipe.detach();
    try {
      producer.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while stopping a pipeline stage");
    }
  }
}
