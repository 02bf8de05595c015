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
 * data arrives for the stall timeout. {@code java.net.http} times out only the wait for the headers;
 * a body that stops in the middle would block {@code BodyHandlers.ofInputStream()} forever.
 *
 * <p>It asks the connection for one batch of buffers at a time, so at most one batch is held in
 * memory. Closing the stream cancels the exchange.
 */
final class TimedBodySubscriber implements HttpResponse.BodySubscriber<InputStream> {

  private static final Object END = new Object();

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
      buffers = ((List<ByteBuffer>) o).iterator();
      Flow.Subscription s = subscription;
      if (s != null) {
        s.request(1);
      }
      return true;
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
