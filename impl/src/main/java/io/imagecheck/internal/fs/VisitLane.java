package io.imagecheck.internal.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs one layer's content visits on a thread of their own, one file after the other in the order the
 * layer's reader hands them over, so that visitors (secret patterns, binary detectors, package parsers)
 * work while the reader goes on inflating, hashing and walking the tar. Without it the reader's thread
 * does both, and on two cores the visitors' time adds to the layer's.
 *
 * <p>Only files already read whole into an array go to the lane; their arrays wait in its queue. The
 * bytes waiting are bounded by a {@link Semaphore} shared by the view's layers ({@link #budget(int)}):
 * the reader blocks when the lane is that far behind, so memory stays bounded whatever the layer holds.
 *
 * <p>Used by one reader thread; {@link #finish()} or {@link #close()} ends the lane's thread.
 */
final class VisitLane implements AutoCloseable {

  private final ExecutorService thread;
  private final Semaphore waiting;
  private @Nullable Future<?> last;
  private volatile @Nullable Throwable failure;

  /**
   * Creates a lane.
   *
   * @param name the name of the lane's thread
   * @param waiting the shared bound on bytes waiting in lanes (see {@link #budget(int)})
   */
  VisitLane(String name, Semaphore waiting) {
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
    this.thread = Executors.newSingleThreadExecutor(factory);
    this.waiting = waiting;
  }

  /**
   * The shared bound for a view's lanes: room for the largest file a lane takes, twice.
   *
   * @param largestFile the largest file handed to a lane
   * @return the semaphore
   */
  static Semaphore budget(int largestFile) {
    return new Semaphore(2 * largestFile);
  }

  /**
   * Queues the visits of one file, waiting while too many bytes are queued.
   *
   * @param bytes the size of the file's array
   * @param task the visits; they record their own results and visitor errors
   * @throws IOException when a visit before this one failed with an unexpected exception, or when interrupted
   */
  void submit(int bytes, Runnable task) throws IOException {
    rethrowIfDone();
    try {
      waiting.acquire(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while content visitors were behind");
    }
    try {
      last = thread.submit(() -> {
        try {
          task.run();
        } catch (Throwable t) {
          if (failure == null) {
            failure = t;
          }
        } finally {
          waiting.release(bytes);
        }
      });
    } catch (RuntimeException e) {
      waiting.release(bytes);
      throw e;
    }
  }

  private void rethrowIfDone() throws IOException {
    Throwable t = failure;
    if (t instanceof Error err) {
      throw err;
    }
    if (t != null) {
      throw new IOException("content visitors failed: " + t, t);
    }
  }

  /**
   * Waits for every queued visit, then ends the lane's thread.
   *
   * @throws IOException when a visit failed with an unexpected exception, or when interrupted
   */
  void finish() throws IOException {
    thread.shutdown();
    drain();
  }

  /**
   * Waits for every queued visit; the reader calls it before it visits a file itself, so that each
   * visitor's results stay in file order.
   *
   * @throws IOException when a visit failed with an unexpected exception, or when interrupted
   */
  void drain() throws IOException {
    Future<?> f = last;
    if (f != null) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for content visitors");
      } catch (java.util.concurrent.ExecutionException e) {
        // the task wrapper catches everything: not reached
        throw new IOException("content visitors failed: " + e.getCause(), e.getCause());
      }
    }
    rethrowIfDone();
  }

  /** Drops queued visits and waits briefly for the running one, so that no lane thread outlives its scan. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        System.getLogger(VisitLane.class.getName()).log(System.Logger.Level.WARNING,
            "a content visitor did not stop within 10 s of its layer's scan ending");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
