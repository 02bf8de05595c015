package io.imagecheck.internal.fs;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Feeds one stream to several consumers at once, each on its own thread with a bounded queue of
 * chunks, for large files that more than one visitor wants (the layer is read once, and the file is
 * never held whole in memory). A consumer that stops reading early is detached so it cannot stall the
 * others.
 *
 * <p>Thread-safe (stateless).
 */
final class Fanout {

  /** A consumer of one copy of the stream. */
  interface Consumer {
    void accept(int index, InputStream in) throws IOException;
  }

  private static final int CHUNK = 65536;
  private static final byte[] END = new byte[0];

  private Fanout() {}

  static void run(ExecutorService pool, InputStream source, int copies, Consumer consumer) throws IOException {
    List<Pipe> pipes = new ArrayList<>(copies);
    List<Future<?>> futures = new ArrayList<>(copies);
    for (int i = 0; i < copies; i++) {
      Pipe p = new Pipe();
      pipes.add(p);
      int index = i;
      futures.add(pool.submit(() -> {
        try {
          consumer.accept(index, p);
        } finally {
          p.detach();
        }
        return null;
      }));
    }
    try {
      byte[] buf = new byte[CHUNK];
      int n;
      while ((n = source.read(buf, 0, buf.length)) >= 0) {
        if (n == 0) {
          continue;
        }
        byte[] copy = java.util.Arrays.copyOf(buf, n);
        for (Pipe p : pipes) {
          p.put(copy);
        }
      }
    } finally {
      for (Pipe p : pipes) {
        p.put(END);
      }
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while visitors read a file", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new IOException("a visitor failed: " + e.getCause(), e.getCause());
      }
    }
  }

  /** One consumer's queue of chunks, read as a stream. */
  private static final class Pipe extends InputStream {
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(8);
    private volatile boolean detached;
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    void put(byte[] chunk) throws IOException {
      try {
        while (!detached) {
          if (queue.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while feeding a visitor", e);
      }
    }

    void detach() {
      detached = true;
      queue.clear();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
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
        try {
          current = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while reading a file", e);
        }
        pos = 0;
        if (current == END) {
          ended = true;
          return -1;
        }
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
