package io.imagecheck.sources.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} that fails with an {@link HttpTimeoutException} when no
 * data arrives for the stall timeout, or when it drips: when, over a stall timeout's worth of waiting
 * for the network, less than {@link #MIN_BYTES_PER_PERIOD} arrive. {@code java.net.http} times out only
 * the wait for the headers; a body that stops in the middle would block
 * {@code BodyHandlers.ofInputStream()} forever, and one that sends a byte a second would never stall.
 * Only time spent waiting for data counts, so a reader that is slow itself (it asks for the next
 * batch only when it has taken the last one) is never taken for a slow server.
 *
 * <p>It asks the connection for one batch of buffers at a time, so at most one batch is held in
 * memory. Closing the stream cancels the exchange.
 */
final class TimedBodySubscriber implements HttpResponse.BodySubscriber<InputStream> {

  private static final Object END = new Object();
  /**
   * The least a body must deliver per stall timeout spent waiting for it: about 1 KiB/s with the default
   * 60 s, so a 4 MiB manifest takes at most about an hour and a byte-a-second drip fails after one period.
   */
  static final long MIN_BYTES_PER_PERIOD = 64 * 1024;

  /** A failure delivered by the HTTP client. */
  private record Failure(Throwable cause) {}

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Duration stallTimeout;
  private final String what;
  private volatile Flow.@org.jspecify.annotations.Nullable Subscription subscription;
  private final Body body = new Body();

  TimedBodySubscriber(Duration stallTimeout, String what) {
    this.stallTimeout = stallTimeout;
    this.what = what;
  }

  static HttpResponse.BodyHandler<InputStream> handler(Duration stallTimeout, String what) {
    return info -> new TimedBodySubscriber(stallTimeout, what);
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return CompletableFuture.completedStage(body);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (body.closed) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    queue.add(item);
  }

  @Override
  public void onError(Throwable throwable) {
    queue.add(new Failure(throwable));
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  /** The stream handed to the reader. Not thread-safe (one reader at a time). */
  private final class Body extends InputStream {
    private volatile boolean closed;
    private boolean ended;
    private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
    private ByteBuffer current = ByteBuffer.allocate(0);
    /** Nanoseconds spent waiting for the network in the current period. */
    private long waited;
    /** Bytes that arrived in the current period. */
    private long arrived;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException(what + ": stream closed");
      }
      if (len == 0) {
        return 0;
      }
      while (!current.hasRemaining()) {
        if (buffers.hasNext()) {
          current = buffers.next();
          continue;
        }
        if (ended) {
          return -1;
        }
        if (!next()) {
          return -1;
        }
      }
      int n = Math.min(len, current.remaining());
      current.get(b, off, n);
      return n;
    }

    @SuppressWarnings("unchecked")
    private boolean next() throws IOException {
      Object o;
      long start = System.nanoTime();
      try {
        o = queue.poll(stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new InterruptedIOException(what + ": interrupted");
      }
      if (o == null) {
        close();
        throw new HttpTimeoutException(what + ": no data received for " + stallTimeout.toMillis() + " ms");
      }
      if (o == END) {
        ended = true;
        return false;
      }
      if (o instanceof Failure f) {
        ended = true;
        Throwable t = f.cause();
        throw t instanceof IOException io ? new IOException(what + ": " + io.getMessage(), io)
            : new IOException(what + ": " + t, t);
      }
      List<ByteBuffer> batch = (List<ByteBuffer>) o;
      drip(System.nanoTime() - start, batch);
      buffers = batch.iterator();
      Flow.Subscription s = subscription;
      if (s != null) {
        s.request(1);
      }
      return true;
    }

    /** Counts a batch against the minimum rate, and fails when a whole period of waiting brought too little. */
    private void drip(long waitedNanos, List<ByteBuffer> batch) throws IOException {
      for (ByteBuffer b : batch) {
        arrived += b.remaining();
      }
      waited += waitedNanos;
      if (waited < stallTimeout.toNanos()) {
        return;
      }
      if (arrived < MIN_BYTES_PER_PERIOD) {
        long ms = waited / 1_000_000;
        long bytes = arrived;
        close();
        throw new HttpTimeoutException(what + ": the response drips (" + bytes + " bytes in " + ms
            + " ms of waiting; at least " + MIN_BYTES_PER_PERIOD + " bytes must arrive per "
            + stallTimeout.toMillis() + " ms read timeout)");
      }
      waited = 0;
      arrived = 0;
    }

    @Override
    public int available() {
      return current.remaining();
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      Flow.Subscription s = subscription;
      if (s != null && !ended) {
        s.cancel();
      }
      queue.clear();
    }
  }
}
