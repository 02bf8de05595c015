package io.imagecheck.sources.registry;

import io.imagecheck.internal.blob.BoundedReads;
import io.imagecheck.source.ImageSourceException;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.source.RegistryException;
import io.imagecheck.source.RegistryUnauthorizedException;
import io.imagecheck.sources.registry.auth.BasicAuthenticator;
import io.imagecheck.sources.registry.auth.Challenge;
import io.imagecheck.sources.registry.auth.CredentialStore;
import io.imagecheck.sources.registry.auth.Credentials;
import io.imagecheck.sources.registry.auth.TokenAuthenticator;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Sends requests to registries: finds the scheme with a {@code /v2/} ping (plain HTTP only for
 * registries named insecure), answers {@code 401} challenges with Basic or Bearer credentials,
 * retries HTTP 429/5xx and connection failures with exponential backoff (honouring
 * {@code Retry-After}), follows redirects itself so that the {@code Authorization} header goes only to
 * the registry host and an https→http downgrade is refused, and bounds headers.
 *
 * <p>Thread-safe: one HTTP client per TLS configuration is shared by every request (connection reuse).
 */
final class RegistryTransport {

  private static final System.Logger LOG = System.getLogger(RegistryTransport.class.getName());
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  /** Numbers the threads of the HTTP clients' executors. */
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** An HTTP client and the executor this transport gave it, shut down on {@link #close()}. */
  private record Client(HttpClient http, ExecutorService executor) {}

  /** What a {@code /v2/} ping learned about a registry host. */
  private static final class HostState {
    final URI base;
    final boolean insecure;
    volatile @Nullable Challenge challenge;

    HostState(URI base, boolean insecure, @Nullable Challenge challenge) {
      this.base = base;
      this.insecure = insecure;
      this.challenge = challenge;
    }
  }

  private final RegistryOptions options;
  private final CredentialStore credentials;
  private final TokenAuthenticator tokens;
  private final EnvironmentProxySelector proxy;
  private final Clock clock;
  private final Map<String, HostState> hosts = new ConcurrentHashMap<>();
  private final Map<String, Object> hostLocks = new ConcurrentHashMap<>();
  /** HTTP clients by TLS configuration, with the executors they run on; guarded by itself. */
  private final Map<String, Client> clients = new HashMap<>();

  RegistryTransport(RegistryOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
    this.credentials = CredentialStore.create(options.credentials(), options.authFile().orElse(null),
        options.environment());
    this.proxy = new EnvironmentProxySelector(options.proxy().orElse(null), options.environment());
    this.tokens = new TokenAuthenticator(this::sendTokenRequest, clock, options.readTimeout(), options.userAgent());
  }

  RegistryOptions options() {
    return options;
  }

  /**
   * Sends a request, with authentication, retries and redirects.
   *
   * @param endpoint where
   * @param request what
   * @return the response, any status but 401/403; the caller closes it
   * @throws RegistryUnauthorizedException when the registry refuses the credentials (or there are none)
   * @throws RegistryException when no response could be had after every attempt
   * @throws IOException for limits and malformed challenges
   */
  RegistryResponse send(Endpoint endpoint, RegistryRequest request) throws IOException {
    HostState state = ping(endpoint, request);
    return withRetries(endpoint, request, () -> sendAuthenticated(state, endpoint, request));
  }

  /** One attempt. */
  private interface Attempt {
    RegistryResponse run() throws IOException;
  }

  private RegistryResponse withRetries(Endpoint endpoint, RegistryRequest request, Attempt attempt)
      throws IOException {
    IOException last = null;
    int max = options.maxAttempts();
    for (int i = 1; i <= max; i++) {
      RegistryResponse r;
      try {
        r = attempt.run();
      } catch (ImageSourceException | SSLException | InterruptedIOException e) {
        throw e instanceof SSLException ssl ? new RegistryException(endpoint.registry(), request.repository(),
            request.operation(), 0, List.of(), "TLS failure: " + ssl.getMessage(), ssl) : e;
      } catch (IOException e) {
        last = e;
        if (i < max) {
          Duration d = backoff(i);
          LOG.log(Level.DEBUG, "{0}: {1}: {2}; retrying in {3} ms (attempt {4} of {5})", endpoint.registry(),
              request.operation(), describe(e), d.toMillis(), i + 1, max);
          sleep(d);
        }
        continue;
      }
      if (retryable(r.status()) && i < max) {
        Duration d = retryAfter(r.headers()).map(this::capped).orElse(backoff(i));
        LOG.log(Level.DEBUG, "{0}: {1}: HTTP {2}; retrying in {3} ms (attempt {4} of {5})", endpoint.registry(),
            request.operation(), r.status(), d.toMillis(), i + 1, max);
        r.close();
        sleep(d);
        continue;
      }
      return r;
    }
    throw new RegistryException(endpoint.registry(), request.repository(), request.operation(), 0, List.of(),
        "no response after " + max + " attempt" + (max == 1 ? "" : "s") + ": " + describe(last), last);
  }

  private static String describe(@Nullable IOException e) {
    if (e == null) {
      return "unknown failure";
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : " (" + RegistryResponse.printable(m) + ")");
  }

  static boolean retryable(int status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  private Duration backoff(int attempt) {
    long base = options.retryDelay().toMillis();
    long ms = base << Math.min(attempt - 1, 20);
    return capped(Duration.ofMillis(ms));
  }

  private Duration capped(Duration d) {
    return d.compareTo(options.maxRetryDelay()) > 0 ? options.maxRetryDelay() : d;
  }

  /**
   * Parses {@code Retry-After}: delay seconds or an HTTP date.
   *
   * @param headers the response headers
   * @return the delay, when the header is present and valid
   */
  Optional<Duration> retryAfter(HttpHeaders headers) {
    Optional<String> v = headers.firstValue("retry-after");
    if (v.isEmpty()) {
      return Optional.empty();
    }
    String s = v.get().trim();
    if (s.matches("[0-9]{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(s)));
    }
    try {
      ZonedDateTime t = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), t.toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static void sleep(Duration d) throws InterruptedIOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  // ---------------------------------------------------------------- ping

  private HostState ping(Endpoint endpoint, RegistryRequest first) throws IOException {
    HostState s = hosts.get(endpoint.host());
    if (s != null) {
      return s;
    }
    synchronized (hostLocks.computeIfAbsent(endpoint.host(), k -> new Object())) {
      s = hosts.get(endpoint.host());
      if (s != null) {
        return s;
      }
      boolean insecure = options.isInsecure(endpoint.registry()) || options.isInsecure(endpoint.host());
      RegistryRequest req = new RegistryRequest("GET", first.repository(), "/v2/", Map.of(), describePing(endpoint),
          first.limits());
      URI https = URI.create("https://" + endpoint.host() + "/v2/");
      RegistryResponse r;
      URI base = URI.create("https://" + endpoint.host());
      if (insecure) {
        try {
          // A plain-HTTP server may never answer a TLS hello: probe with a short timeout.
          Duration probe = options.readTimeout().compareTo(PROBE_TIMEOUT) < 0 ? options.readTimeout() : PROBE_TIMEOUT;
          r = exchange(https, req, null, endpoint, probe);
        } catch (ImageSourceException e) {
          throw e;
        } catch (IOException e) {
          // An insecure registry that does not speak TLS: use plain HTTP, as docker and skopeo do.
          LOG.log(Level.DEBUG, "{0}: https failed ({1}); trying plain http", endpoint.host(), describe(e));
          base = URI.create("http://" + endpoint.host());
          URI http = URI.create(base + "/v2/");
          r = withRetries(endpoint, req, () -> exchange(http, req, null, endpoint));
        }
      } else {
        r = withRetries(endpoint, req, () -> exchange(https, req, null, endpoint));
      }
      Challenge challenge = null;
      try (RegistryResponse pinged = r) {
        if (pinged.status() == 401) {
          challenge = choose(Challenge.parseAll(pinged.headers().allValues("www-authenticate"),
              source(endpoint, req)));
        } else if (pinged.status() != 200) {
          RegistryException e = pinged.error(endpoint, req);
          throw new RegistryException(endpoint.registry(), req.repository(), req.operation(), pinged.status(),
              e.errorCodes(),
              base + "/v2/ answered HTTP " + pinged.status() + ", so this is not an OCI Distribution API endpoint", null);
        }
      }
      s = new HostState(base, insecure, challenge);
      hosts.put(endpoint.host(), s);
      LOG.log(Level.DEBUG, "{0}: {1}, {2}", endpoint.host(), base.getScheme(),
          challenge == null ? "no authentication" : challenge.scheme() + " authentication");
      return s;
    }
  }

  private static String describePing(Endpoint endpoint) {
    return "check the API version of " + endpoint.host();
  }

  private static String source(Endpoint endpoint, RegistryRequest request) {
    return "docker://" + endpoint.registry() + (request.repository().isEmpty() ? "" : "/" + request.repository());
  }

  // ---------------------------------------------------------------- authentication

  private RegistryResponse sendAuthenticated(HostState state, Endpoint endpoint, RegistryRequest request)
      throws IOException {
    URI uri = URI.create(state.base + request.path());
    Challenge known = state.challenge;
    String auth = known == null ? null : authorize(state, known, endpoint, request);
    RegistryResponse r = exchange(uri, request, auth, endpoint);
    if (r.status() == 401) {
      List<Challenge> cs = Challenge.parseAll(r.headers().allValues("www-authenticate"), source(endpoint, request));
      RegistryException refused = r.error(endpoint, request);
      Challenge c = choose(cs);
      if (c == null) {
        throw refused;
      }
      Optional<Credentials> creds = credentials.find(endpoint.registry(), request.repository());
      if (auth != null && c.is("bearer")) {
        tokens.invalidate(c, request.scope(), creds);
      } else if (auth != null && c.equals(known)) {
        throw refused;
      }
      state.challenge = c;
      String again = authorize(state, c, endpoint, request);
      if (again == null) {
        throw new RegistryUnauthorizedException(endpoint.registry(), request.repository(), request.operation(), 401,
            refused.errorCodes(), "the registry requires credentials and none were found (give --creds or "
            + "--authfile, or log in with skopeo/docker)", null);
      }
      r = exchange(uri, request, again, endpoint);
      if (r.status() == 401 || r.status() == 403) {
        throw r.error(endpoint, request);
      }
    } else if (r.status() == 403) {
      throw r.error(endpoint, request);
    }
    return r;
  }

  private static @Nullable Challenge choose(List<Challenge> challenges) {
    for (Challenge c : challenges) {
      if (c.is("bearer")) {
        return c;
      }
    }
    for (Challenge c : challenges) {
      if (c.is("basic")) {
        return c;
      }
    }
    return null;
  }

  private @Nullable String authorize(HostState state, Challenge c, Endpoint endpoint, RegistryRequest request)
      throws IOException {
    Optional<Credentials> creds = credentials.find(endpoint.registry(), request.repository());
    if (c.is("bearer")) {
      return tokens.authorization(endpoint.registry(), request.repository(), c, request.scope(), creds,
          state.insecure || state.base.getScheme().equals("http"), request.limits());
    }
    if (c.is("basic") && creds.isPresent() && !creds.get().isIdentityToken()) {
      return BasicAuthenticator.authorization(creds.get());
    }
    return null;
  }

  // ---------------------------------------------------------------- one exchange, following redirects

  private RegistryResponse exchange(URI start, RegistryRequest request, @Nullable String authorization,
      Endpoint endpoint) throws IOException {
    return exchange(start, request, authorization, endpoint, options.readTimeout());
  }

  private RegistryResponse exchange(URI start, RegistryRequest request, @Nullable String authorization,
      Endpoint endpoint, Duration timeout) throws IOException {
    URI uri = start;
    String method = request.method();
    int redirects = 0;
    String registryAuthority = start.getScheme() + "://" + start.getRawAuthority();
    while (true) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
          .method(method, HttpRequest.BodyPublishers.noBody()).header("User-Agent", options.userAgent());
      request.headers().forEach(b::header);
      boolean sameHost = registryAuthority.equalsIgnoreCase(uri.getScheme() + "://" + uri.getRawAuthority());
      if (authorization != null && sameHost) {
        // Credentials and tokens go only to the host that asked for them, never to blob storage.
        b.header("Authorization", authorization);
      }
      if ("http".equalsIgnoreCase(uri.getScheme())) {
        b.version(HttpClient.Version.HTTP_1_1);
      }
      HttpResponse<InputStream> resp = sendRaw(client(uri), b.build(), request.operation());
      LOG.log(Level.DEBUG, "{0} {1} -> {2}", method, withoutQuery(uri), resp.statusCode());
      checkHeaders(resp, endpoint, request);
      int status = resp.statusCode();
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        resp.body().close();
        Optional<String> location = resp.headers().firstValue("location");
        if (location.isEmpty()) {
          throw new RegistryException(endpoint.registry(), request.repository(), request.operation(), status,
              List.of(), "redirect without a Location header", null);
        }
        if (++redirects > request.limits().redirects()) {
          throw new LimitExceededException(source(endpoint, request), request.operation() + ": redirects",
              "redirects", request.limits().redirects());
        }
        URI next;
        try {
          next = uri.resolve(new URI(location.get().trim()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
          throw new RegistryException(endpoint.registry(), request.repository(), request.operation(), status,
              List.of(), "redirect to a malformed Location", null);
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || next.getHost() == null) {
          throw new RegistryException(endpoint.registry(), request.repository(), request.operation(), status,
              List.of(), "redirect to an unsupported location (" + scheme + ")", null);
        }
        if ("https".equalsIgnoreCase(uri.getScheme()) && scheme.equals("http")) {
          throw new RegistryException(endpoint.registry(), request.repository(), request.operation(), status,
              List.of(), "refusing a redirect from https to plain http (" + next.getHost() + ")", null);
        }
        if (status == 303 && !method.equals("HEAD")) {
          method = "GET";
        }
        uri = next;
        continue;
      }
      return new RegistryResponse(status, resp.headers(), uri, resp.body());
    }
  }

  private static String withoutQuery(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
  }

  private void checkHeaders(HttpResponse<InputStream> resp, Endpoint endpoint, RegistryRequest request)
      throws IOException {
    long total = headerBytes(resp.headers());
    if (total > request.limits().httpHeaderBytes()) {
      resp.body().close();
      throw new LimitExceededException(source(endpoint, request), request.operation() + ": response headers ("
          + total + " bytes)", "http-header-bytes", request.limits().httpHeaderBytes());
    }
  }

  /** The size of the headers as sent ({@code name: value CRLF}). */
  private static long headerBytes(HttpHeaders headers) {
    long total = 0;
    for (Map.Entry<String, List<String>> e : headers.map().entrySet()) {
      for (String v : e.getValue()) {
        total += e.getKey().length() + v.length() + 4;
      }
    }
    return total;
  }

  private HttpResponse<InputStream> sendRaw(HttpClient client, HttpRequest req, String what) throws IOException {
    try {
      return client.send(req, TimedBodySubscriber.handler(options.readTimeout(), what));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted: " + what);
    }
  }

  // ---------------------------------------------------------------- token requests

  private TokenAuthenticator.Response sendTokenRequest(HttpRequest request, String source, ReadLimits limits)
      throws IOException {
    IOException last = null;
    for (int i = 1; i <= options.maxAttempts(); i++) {
      HttpRequest r = "http".equalsIgnoreCase(request.uri().getScheme())
          ? HttpRequest.newBuilder(request, (n, v) -> true).version(HttpClient.Version.HTTP_1_1).build() : request;
      try {
        HttpResponse<InputStream> resp = sendRaw(client(r.uri()), r, "token request");
        String realm = withoutQuery(r.uri());
        long headerBytes = headerBytes(resp.headers());
        if (headerBytes > limits.httpHeaderBytes()) {
          resp.body().close();
          throw new LimitExceededException(source, "token response headers from " + realm + " (" + headerBytes
              + " bytes)", "http-header-bytes", limits.httpHeaderBytes());
        }
        byte[] body;
        try (InputStream in = resp.body()) {
          // A token is a document read whole; an error body is only looked at, never needed whole.
          body = resp.statusCode() == 200
              ? BoundedReads.readAll(in, limits.manifestBytes(), source, "token response from " + realm,
                  "manifest-bytes")
              : in.readNBytes(limits.httpErrorBytes());
        }
        if (retryable(resp.statusCode()) && i < options.maxAttempts()) {
          sleep(retryAfter(resp.headers()).map(this::capped).orElse(backoff(i)));
          continue;
        }
        return new TokenAuthenticator.Response(resp.statusCode(), body);
      } catch (ImageSourceException | SSLException | InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        last = e;
        if (i < options.maxAttempts()) {
          sleep(backoff(i));
        }
      }
    }
    throw new IOException("no response after " + options.maxAttempts() + " attempt"
        + (options.maxAttempts() == 1 ? "" : "s") + ": " + describe(last), last);
  }

  // ---------------------------------------------------------------- HTTP clients

  private HttpClient client(URI uri) throws IOException {
    String host = uri.getRawAuthority();
    boolean insecure = options.isInsecure(host);
    List<java.nio.file.Path> cas = insecure ? List.of() : TlsContexts.caFiles(host, options.certDir().orElse(null));
    String key = insecure ? "insecure" : "verify:" + cas;
    synchronized (clients) {
      Client c = clients.get(key);
      if (c != null) {
        return c.http();
      }
      SSLContext ctx = insecure ? TlsContexts.insecure() : TlsContexts.verifying(cas);
      // The client's own default executor keeps idle threads until the client is garbage-collected (or a
      // minute); this one is shut down on close, and lets an idle thread go after two seconds even when the
      // client is never closed.
      ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS,
          new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "imagecheck-http-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      HttpClient.Builder b = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_2)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(options.connectTimeout())
          .sslContext(ctx)
          .executor(executor);
      if (proxy.active()) {
        b.proxy(proxy);
      }
      Client created = new Client(b.build(), executor);
      clients.put(key, created);
      return created.http();
    }
  }

  /** Forgets cached hosts and tokens. */
  void forgetHosts() {
    hosts.clear();
    tokens.clear();
  }

  /**
   * Forgets cached hosts and tokens, shuts down the executors of the HTTP clients and drops them (a later
   * request makes new ones). Java 17's {@code HttpClient} cannot be closed: its selector thread
   * ({@code HttpClient-N-SelectorManager}) ends by itself a few seconds after the client has been
   * garbage-collected, with every connection it kept.
   */
  void close() {
    synchronized (clients) {
      for (Client c : clients.values()) {
        c.executor().shutdown();
      }
      clients.clear();
    }
    forgetHosts();
  }

  /** The headers map type used by callers that add a header. */
  static Map<String, String> headers(String... nameValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < nameValues.length; i += 2) {
      m.put(nameValues[i], nameValues[i + 1]);
    }
    return m;
  }
}
