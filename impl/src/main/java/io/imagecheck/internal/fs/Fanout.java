package io.imagecheck.internal.fs;

import io.imagecheck.internal.blob.ChunkPipe;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

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

  private Fanout() {}

  static void run(ExecutorService pool, InputStream source, int copies, Consumer consumer) throws IOException {
    List<ChunkPipe> pipes = new ArrayList<>(copies);
    List<Future<?>> futures = new ArrayList<>(copies);
    for (int i = 0; i < copies; i++) {
      ChunkPipe p = new ChunkPipe(8);
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
        for (ChunkPipe p : pipes) {
          p.put(copy);
        }
      }
    } finally {
      for (ChunkPipe p : pipes) {
        p.end(null);
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
}
