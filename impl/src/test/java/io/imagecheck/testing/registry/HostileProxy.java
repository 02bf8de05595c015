package io.imagecheck.testing.registry;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A hostile HTTP/1.1 server in front of a real registry, on raw sockets (so it can misbehave as
 * {@code HttpServer} cannot): a request that matches a rule gets the rule's {@link Behavior}, which may
 * forward the request to the registry and then lie about the answer (a body longer or shorter than its
 * {@code Content-Length}, an endless body, one byte a second, huge headers, a redirect, any status
 * and body); every other request is forwarded unchanged. Plain or TLS (a certificate for
 * {@code localhost} and {@code 127.0.0.1} made with {@code openssl}, whose CA file is in
 * {@link #certDir()}{@code /localhost:PORT/ca.crt}, as {@code --cert-dir} expects).
 *
 * <p>Records every request (method, target, and whether it carried {@code Authorization}, never the
 * value). Its threads are named {@code hostile-proxy-*}. Close it to stop every connection.
 */
public final class HostileProxy implements AutoCloseable {

  /**
   * A request as the proxy read it.
   *
   * @param method the method
   * @param target the path and query
   * @param headers the headers, names in lower case (first value of each)
   */
  public record Request(String method, String target, Map<String, String> headers) {
    /** @return the path without the query */
    public String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }
  }

  /**
   * A response from the registry behind the proxy, read whole.
   *
   * @param status the status
   * @param headers the headers, without the framing ones ({@code Content-Length}, {@code Transfer-Encoding},
   *     {@code Connection}, {@code Keep-Alive})
   * @param body the body (empty for {@code HEAD})
   * @param contentLength the registry's {@code Content-Length}, or -1
   */
  public record Upstream(int status, List<String[]> headers, byte[] body, long contentLength) {}

  /**
   * A request the proxy saw.
   *
   * @param method the method
   * @param target the path and query
   * @param authorization whether an {@code Authorization} header was sent
   * @param range the {@code Range} header, or empty
   * @param rule the name of the rule applied, or empty
   */
  public record Seen(String method, String target, boolean authorization, String range, String rule) {}

  /** What the proxy does with a matching request: write any bytes, then keep or close the connection. */
  @FunctionalInterface
  public interface Behavior {
    /**
     * Answers.
     *
     * @param exchange the request and the connection
     * @return true to read another request on the connection, false to close it
     * @throws IOException when the connection breaks (the client gave up: normal for hostile answers)
     */
    boolean answer(Exchange exchange) throws IOException;
  }

  private record Rule(String name, Predicate<Request> when, AtomicInteger remaining, Behavior behavior) {}

  private static final Set<String> HOP = Set.of("host", "connection", "keep-alive", "te", "upgrade", "http2-settings",
      "proxy-connection", "content-length", "transfer-encoding", "expect");
  private static final int MAX_HEAD = 1 << 20;

  private final ServerSocket server;
  private final URI upstream;
  private final boolean tls;
  private final Path certDir;
  private final ExecutorService threads;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private HostileProxy(ServerSocket server, URI upstream, boolean tls, Path certDir) {
    this.server = server;
    this.upstream = upstream;
    this.tls = tls;
    this.certDir = certDir;
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "hostile-proxy-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    threads.execute(this::accept);
  }

  /**
   * Starts a plain-HTTP proxy.
   *
   * @param upstream the registry, e.g. {@code http://127.0.0.1:5000}
   * @return the running proxy, at {@code 127.0.0.1:PORT}
   * @throws IOException when it cannot listen
   */
  public static HostileProxy plain(URI upstream) throws IOException {
    ServerSocket s = new ServerSocket(0, 64, InetAddress.getByName("127.0.0.1"));
    return new HostileProxy(s, upstream, false, Path.of(""));
  }

  /**
   * Starts a TLS proxy with a fresh self-signed certificate for {@code localhost} and {@code 127.0.0.1}.
   *
   * @param upstream the registry, e.g. {@code http://127.0.0.1:5000}
   * @param dir a directory for the key, the certificate and the {@code certs.d} tree
   * @return the running proxy, at {@code localhost:PORT}
   * @throws IOException when openssl fails or it cannot listen
   */
  public static HostileProxy tls(URI upstream, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path key = dir.resolve("tls.key");
    Path crt = dir.resolve("tls.crt");
    Path p12 = dir.resolve("tls.p12");
    Commands.run(Duration.ofSeconds(60), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
        key.toString(), "-out", crt.toString(), "-days", "2", "-subj", "/CN=localhost", "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1");
    Commands.run(Duration.ofSeconds(60), "openssl", "pkcs12", "-export", "-in", crt.toString(), "-inkey",
        key.toString(), "-out", p12.toString(), "-passout", "pass:changeit", "-name", "proxy");
    ServerSocket s;
    try (InputStream in = Files.newInputStream(p12)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, "changeit".toCharArray());
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, "changeit".toCharArray());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      s = ctx.getServerSocketFactory().createServerSocket(0, 64, InetAddress.getByName("127.0.0.1"));
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
    Path certs = dir.resolve("certs.d");
    Files.createDirectories(certs.resolve("localhost:" + s.getLocalPort()));
    Files.copy(crt, certs.resolve("localhost:" + s.getLocalPort()).resolve("ca.crt"));
    return new HostileProxy(s, upstream, true, certs);
  }

  /** @return {@code 127.0.0.1:PORT} (plain) or {@code localhost:PORT} (TLS) */
  public String host() {
    return (tls ? "localhost:" : "127.0.0.1:") + server.getLocalPort();
  }

  /** @return {@code http://HOST} or {@code https://HOST} */
  public String base() {
    return (tls ? "https://" : "http://") + host();
  }

  /** @return the certificate directory for {@code --cert-dir} (TLS only) */
  public Path certDir() {
    return certDir;
  }

  /**
   * Adds a rule; the first rule that matches a request and has uses left answers it.
   *
   * @param name the rule's name, recorded in {@link #seen()}
   * @param when which requests
   * @param times how many matching requests get it ({@code Integer.MAX_VALUE} for all)
   * @param behavior what to answer
   * @return this proxy
   */
  public HostileProxy on(String name, Predicate<Request> when, int times, Behavior behavior) {
    rules.add(new Rule(name, when, new AtomicInteger(times), behavior));
    return this;
  }

  /**
   * Matches requests whose path contains a string.
   *
   * @param part e.g. {@code /manifests/}
   * @return the predicate
   */
  public static Predicate<Request> pathContains(String part) {
    return r -> r.path().contains(part);
  }

  /** @return the requests seen so far */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  /**
   * Counts the requests that a rule answered.
   *
   * @param rule the rule's name
   * @return how many
   */
  public long answeredBy(String rule) {
    return seen.stream().filter(s -> s.rule().equals(rule)).count();
  }

  // ------------------------------------------------------------------------------------------ behaviors

  /** @return forwards unchanged */
  public static Behavior forward() {
    return ex -> {
      ex.send(ex.forward());
      return true;
    };
  }

  /**
   * Answers with a fixed status, headers and body (with a correct {@code Content-Length}).
   *
   * @param status the status
   * @param body the body
   * @param headers header names and values, alternating
   * @return the behavior
   */
  public static Behavior respond(int status, byte[] body, String... headers) {
    return ex -> {
      ex.send(new Upstream(status, pairs(headers), body, -1));
      return true;
    };
  }

  /**
   * Forwards, adding headers to the answer.
   *
   * @param headers header names and values, alternating
   * @return the behavior
   */
  public static Behavior withHeaders(String... headers) {
    return ex -> {
      Upstream u = ex.forward();
      List<String[]> all = new ArrayList<>(u.headers());
      all.addAll(pairs(headers));
      ex.send(new Upstream(u.status(), all, u.body(), u.contentLength()));
      return true;
    };
  }

  /**
   * Forwards, replacing a string in the values of one header of the answer (e.g. the realm of a
   * {@code WWW-Authenticate} challenge).
   *
   * @param header the header name, any case
   * @param from the string to replace
   * @param to the replacement
   * @return the behavior
   */
  public static Behavior rewriteHeader(String header, String from, String to) {
    return ex -> {
      Upstream u = ex.forward();
      List<String[]> all = new ArrayList<>();
      for (String[] h : u.headers()) {
        all.add(h[0].equalsIgnoreCase(header) ? new String[] {h[0], h[1].replace(from, to)} : h);
      }
      ex.send(new Upstream(u.status(), all, u.body(), u.contentLength()));
      return true;
    };
  }

  /**
   * Forwards, then sends the whole body and more bytes than its {@code Content-Length} says, and closes.
   *
   * @param extra the bytes after the body
   * @return the behavior
   */
  public static Behavior bodyLongerThanContentLength(byte[] extra) {
    return ex -> {
      Upstream u = ex.forward();
      ex.head(u.status(), u.headers(), "Content-Length: " + u.body().length);
      ex.out().write(u.body());
      ex.out().write(extra);
      ex.out().flush();
      return false;
    };
  }

  /**
   * Forwards, then sends half of the body under the full {@code Content-Length}, and closes.
   *
   * @return the behavior
   */
  public static Behavior bodyShorterThanContentLength() {
    return ex -> {
      Upstream u = ex.forward();
      ex.head(u.status(), u.headers(), "Content-Length: " + u.body().length);
      ex.out().write(u.body(), 0, u.body().length / 2);
      ex.out().flush();
      return false;
    };
  }

  /**
   * Forwards, then sends a body with bytes added at its end, under a {@code Content-Length} that counts
   * them (a blob or manifest longer than its descriptor says).
   *
   * @param extra the bytes added
   * @return the behavior
   */
  public static Behavior bodyExtended(byte[] extra) {
    return ex -> {
      Upstream u = ex.forward();
      byte[] b = java.util.Arrays.copyOf(u.body(), u.body().length + extra.length);
      System.arraycopy(extra, 0, b, u.body().length, extra.length);
      ex.send(new Upstream(u.status(), u.headers(), b, -1));
      return true;
    };
  }

  /**
   * Forwards, then sends only the first half of the body under a matching {@code Content-Length} (a
   * complete answer, shorter than the descriptor says).
   *
   * @return the behavior
   */
  public static Behavior bodyCut() {
    return ex -> {
      Upstream u = ex.forward();
      ex.send(new Upstream(u.status(), u.headers(), java.util.Arrays.copyOf(u.body(), u.body().length / 2), -1));
      return true;
    };
  }

  /**
   * Answers a status and then a body that never ends (no {@code Content-Length}, the connection closes
   * "at the end"), until the client goes away.
   *
   * @param status the status
   * @param contentType the content type
   * @param declaredLength a {@code Content-Length} to declare anyway, or -1 for none
   * @param pattern the bytes repeated forever
   * @return the behavior
   */
  public static Behavior endless(int status, String contentType, long declaredLength, byte[] pattern) {
    return ex -> {
      ex.head(status, List.<String[]>of(new String[] {"Content-Type", contentType}),
          declaredLength >= 0 ? "Content-Length: " + declaredLength : "Connection: close");
      byte[] block = new byte[64 * 1024];
      for (int i = 0; i < block.length; i++) {
        block[i] = pattern[i % pattern.length];
      }
      while (true) {
        ex.out().write(block);
      }
    };
  }

  /**
   * Forwards, then sends the answer one byte at a time with a pause after each: from the first byte of
   * the status line, or from the first byte of the body.
   *
   * @param pause the pause after each byte
   * @param headersToo whether the status line and headers drip too
   * @return the behavior
   */
  public static Behavior drip(Duration pause, boolean headersToo) {
    return ex -> {
      Upstream u = ex.forward();
      byte[] head = ex.headBytes(u.status(), u.headers(), "Content-Length: " + u.body().length);
      if (headersToo) {
        ex.drip(head, pause);
      } else {
        ex.out().write(head);
        ex.out().flush();
      }
      ex.drip(u.body(), pause);
      return false;
    };
  }

  /**
   * Answers a redirect.
   *
   * @param status e.g. 302
   * @param location the {@code Location} for a request
   * @return the behavior
   */
  public static Behavior redirect(int status, java.util.function.Function<Request, String> location) {
    return ex -> {
      ex.send(new Upstream(status, List.<String[]>of(new String[] {"Location", location.apply(ex.request())}),
          new byte[0], -1));
      return true;
    };
  }

  private static List<String[]> pairs(String... nameValues) {
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i + 1 < nameValues.length; i += 2) {
      out.add(new String[] {nameValues[i], nameValues[i + 1]});
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------ exchange

  /** One request on a client connection. */
  public final class Exchange {
    private final Request request;
    private final OutputStream out;

    Exchange(Request request, OutputStream out) {
      this.request = request;
      this.out = out;
    }

    /** @return the request */
    public Request request() {
      return request;
    }

    /** @return the raw connection to the client */
    public OutputStream out() {
      return out;
    }

    /**
     * Forwards the request to the registry and reads its answer whole.
     *
     * @return the answer
     * @throws IOException when the registry cannot be reached
     */
    public Upstream forward() throws IOException {
      return HostileProxy.this.forward(request);
    }

    /**
     * Sends an answer with a correct {@code Content-Length} (or the registry's, for {@code HEAD}).
     *
     * @param u the answer
     * @throws IOException when the client went away
     */
    public void send(Upstream u) throws IOException {
      long length = request.method().equals("HEAD") && u.contentLength() >= 0 ? u.contentLength() : u.body().length;
      head(u.status(), u.headers(), "Content-Length: " + length);
      if (!request.method().equals("HEAD")) {
        out.write(u.body());
      }
      out.flush();
    }

    /**
     * Writes a status line and headers.
     *
     * @param status the status
     * @param headers the headers
     * @param framing one more header line, e.g. {@code Content-Length: 12}
     * @throws IOException when the client went away
     */
    public void head(int status, List<String[]> headers, String framing) throws IOException {
      out.write(headBytes(status, headers, framing));
      out.flush();
    }

    byte[] headBytes(int status, List<String[]> headers, String framing) {
      StringBuilder b = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
      for (String[] h : headers) {
        b.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
      b.append(framing).append("\r\n\r\n");
      return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    void drip(byte[] bytes, Duration pause) throws IOException {
      for (byte x : bytes) {
        out.write(x);
        out.flush();
        sleep(pause.toMillis());
      }
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 206 -> "Partial Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 303 -> "See Other";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 500 -> "Internal Server Error";
      default -> "Status";
    };
  }

  // ------------------------------------------------------------------------------------------ serving

  private void accept() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return;
      }
      open.add(s);
      threads.execute(() -> serve(s));
    }
  }

  private void serve(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      while (!closed) {
        Request r = readRequest(in);
        if (r == null) {
          return;
        }
        Rule rule = match(r);
        seen.add(new Seen(r.method(), r.target(), r.headers().containsKey("authorization"),
            r.headers().getOrDefault("range", ""), rule == null ? "" : rule.name()));
        Behavior b = rule == null ? forward() : rule.behavior();
        if (!b.answer(new Exchange(r, out))) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away (normal for hostile answers) or the proxy is closing
    } finally {
      open.remove(s);
    }
  }

  private Rule match(Request r) {
    for (Rule rule : rules) {
      if (rule.when().test(r) && rule.remaining().getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
        return rule;
      }
    }
    return null;
  }

  private static Request readRequest(InputStream in) throws IOException {
    byte[] head = readHead(in);
    if (head == null) {
      return null;
    }
    String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] first = lines[0].split(" ");
    if (first.length < 3) {
      throw new IOException("bad request line");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      if (c > 0) {
        headers.putIfAbsent(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
      }
    }
    long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
    in.skipNBytes(length);
    String target = first[1];
    if (target.startsWith("http://") || target.startsWith("https://")) {
      URI u = URI.create(target);
      target = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
    return new Request(first[0], target, headers);
  }

  /** Reads up to and without the blank line that ends a head; null at a clean end of stream. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (b.size() == 0) {
          return null;
        }
        throw new EOFException("end of stream in a head");
      }
      if (b.size() == 0 && c == 0x16) {
        // A TLS ClientHello on the plain port (a client probing https first): hang up at once.
        return null;
      }
      b.write(c);
      state = switch (state) {
        case 0, 2 -> c == '\r' ? state + 1 : 0;
        case 1 -> c == '\n' ? 2 : c == '\r' ? 1 : 0;
        case 3 -> c == '\n' ? 4 : c == '\r' ? 1 : 0;
        default -> 0;
      };
      if (state == 4) {
        byte[] all = b.toByteArray();
        return java.util.Arrays.copyOf(all, all.length - 4);
      }
      if (b.size() > MAX_HEAD) {
        throw new IOException("head too long");
      }
    }
  }

  private Upstream forward(Request r) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 5000);
      s.setSoTimeout(30_000);
      StringBuilder b = new StringBuilder(r.method()).append(' ').append(r.target()).append(" HTTP/1.1\r\n")
          .append("Host: ").append(upstream.getRawAuthority()).append("\r\n");
      for (Map.Entry<String, String> h : r.headers().entrySet()) {
        if (!HOP.contains(h.getKey())) {
          b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
      }
      b.append("Connection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] head = readHead(in);
      if (head == null) {
        throw new EOFException("the registry closed the connection");
      }
      String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      List<String[]> headers = new ArrayList<>();
      long length = -1;
      boolean chunked = false;
      for (int i = 1; i < lines.length; i++) {
        int c = lines[i].indexOf(':');
        if (c <= 0) {
          continue;
        }
        String name = lines[i].substring(0, c).trim();
        String value = lines[i].substring(c + 1).trim();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("content-length")) {
          length = Long.parseLong(value);
        } else if (lower.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        } else if (!HOP.contains(lower)) {
          headers.add(new String[] {name, value});
        }
      }
      byte[] body;
      if (r.method().equals("HEAD") || status == 204 || status == 304) {
        body = new byte[0];
      } else if (chunked) {
        body = readChunked(in);
      } else if (length >= 0) {
        body = in.readNBytes((int) length);
      } else {
        body = in.readAllBytes();
      }
      return new Upstream(status, headers, body, length);
    }
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String line = readLine(in);
      int semi = line.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // trailers
        }
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  private static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("proxy closing");
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    threads.shutdownNow();
  }

  /** @return "HostileProxy[host]" */
  @Override
  public String toString() {
    return "HostileProxy[" + host() + "]";
  }
}
