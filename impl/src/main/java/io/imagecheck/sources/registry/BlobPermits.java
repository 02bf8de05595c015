package io.imagecheck.sources.registry;

import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the blob downloads one client has open at once, without deadlocks: a thread that already
 * holds an open blob stream never waits for another permit (a merged filesystem may open several
 * layers from one thread), and a thread that waits longer than the stall timeout goes over the bound
 * with a warning rather than hanging.
 *
 * <p>Thread-safe.
 */
final class BlobPermits {

  private static final System.Logger LOG = System.getLogger(BlobPermits.class.getName());

  private final Semaphore permits;
  private final int max;
  private final Duration maxWait;
  private final Map<Thread, Integer> holders = new ConcurrentHashMap<>();

  BlobPermits(int max, Duration maxWait) {
    this.permits = new Semaphore(max, true);
    this.max = max;
    this.maxWait = maxWait;
  }

  /** A permit (or a pass over the bound), released with {@link #release()}. */
  final class Permit {
    private final Thread owner;
    private final boolean counted;
    private boolean released;

    Permit(Thread owner, boolean counted) {
      this.owner = owner;
      this.counted = counted;
    }

    void release() {
      if (released) {
        return;
      }
      released = true;
      holders.computeIfPresent(owner, (t, n) -> n <= 1 ? null : n - 1);
      if (counted) {
        permits.release();
      }
    }
  }

  Permit acquire(String what) throws InterruptedIOException {
    Thread me = Thread.currentThread();
    boolean counted;
    if (holders.getOrDefault(me, 0) > 0) {
      counted = permits.tryAcquire();
    } else {
      try {
        counted = permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting to " + what);
      }
      if (!counted) {
        LOG.log(Level.WARNING, "{0}: waited {1} ms for one of {2} blob downloads to end; going over the bound",
            what, maxWait.toMillis(), max);
      }
    }
    holders.merge(me, 1, Integer::sum);
    return new Permit(me, counted);
  }
}
