package io.imagecheck.testing.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP proxy in front of a real registry that injects faults into matching requests: HTTP 500,
 * HTTP 429 with {@code Retry-After}, a truncated body, wrong bytes, a redirect to another host, and a
 * body that stalls. Everything else is forwarded unchanged. A request with an absolute URI (a client
 * that uses this as its {@code HTTP_PROXY}) is forwarded to that URI. Records what it saw (never the
 * header values, only whether {@code Authorization} was sent).
 */
public final class FaultProxy implements AutoCloseable {

  /** The faults. */
  public enum Kind {
    /** Answer 500 without forwarding. */
    STATUS_500,
    /** Answer 429 with {@code Retry-After: 1} without forwarding. */
    STATUS_429,
    /** Forward, then send only half of the body and close the connection. */
    TRUNCATE,
    /** Forward, then flip the last byte of the body. */
    WRONG_BYTES,
    /** Answer 307 to the redirect base with the same path. */
    REDIRECT,
    /** Answer 302 to this proxy itself with the same path (a redirect loop). */
    REDIRECT_LOOP,
    /** Forward, send half of the body, then stall for {@link #STALL_MILLIS} and close. */
    STALL
  }

  /** How long a stalled response stalls. */
  public static final long STALL_MILLIS = 4000;

  /**
   * A request the proxy saw.
   *
   * @param method the method
   * @param path the path and query
   * @param authorization whether an {@code Authorization} header was sent
   * @param range the {@code Range} header, or empty
   * @param fault the fault applied, or null
   */
  public record Seen(String method, String path, boolean authorization, String range, Kind fault) {}

  private record Rule(String pathContains, Kind kind, AtomicInteger remaining) {}

  private static final Set<String> SKIP_REQUEST = Set.of("host", "connection", "content-length", "expect", "upgrade",
      "http2-settings", "te", "keep-alive", "transfer-encoding");
  private static final Set<String> SKIP_RESPONSE = Set.of("content-length", "transfer-encoding", "connection",
      "date", "keep-alive");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final URI upstream;
  private final String redirectBase;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  private FaultProxy(URI upstream, String redirectBase) throws IOException {
    this.upstream = upstream;
    this.redirectBase = redirectBase;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a proxy.
   *
   * @param upstream the registry, e.g. {@code http://127.0.0.1:5000}
   * @param redirectBase where {@link Kind#REDIRECT} points, e.g. {@code http://localhost:6000}
   * @return the running proxy
   * @throws IOException when it cannot listen
   */
  public static FaultProxy start(URI upstream, String redirectBase) throws IOException {
    return new FaultProxy(upstream, redirectBase);
  }

  /** @return {@code 127.0.0.1:PORT} */
  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Adds a fault for the next {@code times} requests whose path contains a string.
   *
   * @param pathContains e.g. {@code /blobs/sha256:ab12}
   * @param kind the fault
   * @param times how many matching requests get it ({@code Integer.MAX_VALUE} for all)
   */
  public void fault(String pathContains, Kind kind, int times) {
    rules.add(new Rule(pathContains, kind, new AtomicInteger(times)));
  }

  /** @return the requests seen so far */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  private Kind match(String path) {
    for (Rule r : rules) {
      if (path.contains(r.pathContains()) && r.remaining().getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        return r.kind();
      }
    }
    return null;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath()
          + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
      String method = ex.getRequestMethod();
      Kind fault = match(path);
      String range = ex.getRequestHeaders().getFirst("Range");
      seen.add(new Seen(method, path, ex.getRequestHeaders().containsKey("Authorization"), range == null ? ""
          : range, fault));
      if (fault == Kind.STATUS_500 || fault == Kind.STATUS_429) {
        byte[] body = ("{\"errors\":[{\"code\":\"" + (fault == Kind.STATUS_500 ? "UNKNOWN" : "TOOMANYREQUESTS")
            + "\",\"message\":\"injected fault\"}]}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        if (fault == Kind.STATUS_429) {
          ex.getResponseHeaders().add("Retry-After", "1");
        }
        ex.sendResponseHeaders(fault == Kind.STATUS_500 ? 500 : 429, body.length);
        ex.getResponseBody().write(body);
        return;
      }
      if (fault == Kind.REDIRECT || fault == Kind.REDIRECT_LOOP) {
        ex.getResponseHeaders().add("Location", (fault == Kind.REDIRECT ? redirectBase : "http://" + host()) + path);
        ex.sendResponseHeaders(fault == Kind.REDIRECT ? 307 : 302, -1);
        return;
      }
      // An absolute request URI means a client uses this as its HTTP proxy: forward to where it asked.
      URI target = ex.getRequestURI().isAbsolute() ? ex.getRequestURI() : URI.create(upstream + path);
      HttpRequest.Builder b = HttpRequest.newBuilder(target)
          .method(method, HttpRequest.BodyPublishers.noBody());
      for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
        if (!SKIP_REQUEST.contains(h.getKey().toLowerCase(Locale.ROOT))) {
          for (String v : h.getValue()) {
            b.header(h.getKey(), v);
          }
        }
      }
      HttpResponse<byte[]> r;
      try {
        r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
        if (!SKIP_RESPONSE.contains(h.getKey().toLowerCase(Locale.ROOT)) && !h.getKey().startsWith(":")) {
          for (String v : h.getValue()) {
            ex.getResponseHeaders().add(h.getKey(), v);
          }
        }
      }
      byte[] body = r.body();
      if (method.equals("HEAD")) {
        r.headers().firstValue("content-length").ifPresent(v -> ex.getResponseHeaders().add("Content-Length", v));
        ex.sendResponseHeaders(r.statusCode(), -1);
        return;
      }
      if (fault == Kind.WRONG_BYTES && body.length > 0) {
        body[body.length - 1] ^= 0x55;
      }
      ex.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
      OutputStream out = ex.getResponseBody();
      if (fault == Kind.TRUNCATE || fault == Kind.STALL) {
        out.write(body, 0, body.length / 2);
        out.flush();
        if (fault == Kind.STALL) {
          try {
            Thread.sleep(STALL_MILLIS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        // Closing with bytes missing makes the server drop the connection: the client sees a short body.
        return;
      }
      out.write(body);
    } catch (IOException e) {
      // the short write of TRUNCATE/STALL ends here
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
