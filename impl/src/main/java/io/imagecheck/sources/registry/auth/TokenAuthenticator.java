package io.imagecheck.sources.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageSourceException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.source.RegistryException;
import io.imagecheck.source.RegistryUnauthorizedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry Bearer token flow (the distribution "token" auth): after a {@code Bearer} challenge,
 * asks the challenge's {@code realm} for a token for the {@code service} and the needed scopes
 * ({@code repository:NAME:pull}), with Basic credentials when there are some (an identity token is
 * exchanged with the OAuth2 {@code refresh_token} grant instead), and caches the token per realm,
 * service, scope and user until shortly before it expires.
 *
 * <p>Credentials are never sent to a plain-HTTP realm unless the registry itself was named insecure.
 * Tokens are checked to be printable header values. Thread-safe.
 */
public final class TokenAuthenticator {

  private static final System.Logger LOG = System.getLogger(TokenAuthenticator.class.getName());
  /** The lifetime the distribution spec assumes when a token response has no {@code expires_in}. */
  private static final long DEFAULT_EXPIRY_SECONDS = 60;
  private static final int MAX_TOKEN_LENGTH = 32 * 1024;

  /** Sends one HTTP request for the authenticator (the registry client supplies TLS, proxy and limits). */
  @FunctionalInterface
  public interface Transport {
    /**
     * Sends a request and reads the (bounded) body.
     *
     * @param request the request
     * @param source the image source the token is for, for messages
     * @param limits the read limits: {@code http-header-bytes} for the headers, {@code manifest-bytes} for
     *     a token, {@code http-error-bytes} for an error body
     * @return the status and body
     * @throws IOException when no response could be had, or it passes a limit
     */
    Response send(HttpRequest request, String source, ReadLimits limits) throws IOException;
  }

  /**
   * A token endpoint's answer.
   *
   * @param statusCode the HTTP status
   * @param body the body (bounded by the transport)
   */
  public record Response(int statusCode, byte[] body) {
    /**
     * Copies the body.
     *
     * @param statusCode the HTTP status
     * @param body the body (bounded by the transport)
     */
    public Response {
      body = body.clone();
    }

    /**
     * The body.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] body() {
      return body.clone();
    }
  }

  /** A cached token. */
  private record Token(String value, Instant expires) {}

  private final Transport transport;
  private final Clock clock;
  private final Duration requestTimeout;
  private final String userAgent;
  private final Map<String, Token> cache = new ConcurrentHashMap<>();

  /**
   * Creates an authenticator.
   *
   * @param transport sends the token requests
   * @param clock the clock for expiry
   * @param requestTimeout the timeout of one token request
   * @param userAgent the {@code User-Agent} header
   */
  public TokenAuthenticator(Transport transport, Clock clock, Duration requestTimeout, String userAgent) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
  }

  /**
   * Describes a token request, for error messages.
   *
   * @param realm the realm
   * @param scope the scope
   * @return e.g. {@code get a token for repository:lab/busybox:pull from http://127.0.0.1:5003/token}
   */
  public static String describeAction(String realm, String scope) {
    return "get a token for " + scope + " from " + stripQuery(realm);
  }

  /**
   * The {@code Authorization} header value for a Bearer challenge, from the cache or the realm.
   *
   * @param registry the registry host, for messages
   * @param repository the repository, for messages
   * @param challenge the {@code Bearer} challenge
   * @param scope the scope to ask for, e.g. {@code repository:lab/busybox:pull} (the challenge's own
   *     {@code scope} is asked for too when it differs)
   * @param credentials the credentials, if any
   * @param allowPlainHttp whether credentials may go to a plain-HTTP realm (insecure registry)
   * @param limits the read limits for the realm's response
   * @return {@code Bearer TOKEN}
   * @throws RegistryUnauthorizedException when the realm refuses the credentials
   * @throws RegistryException when the realm cannot be reached or answers with something else than a token
   * @throws IOException when the challenge is malformed or the response passes a limit
   */
  public String authorization(String registry, String repository, Challenge challenge, String scope,
      Optional<Credentials> credentials, boolean allowPlainHttp, ReadLimits limits) throws IOException {
    String key = key(challenge, scope, credentials);
    Token t = cache.get(key);
    if (t != null && clock.instant().isBefore(t.expires())) {
      return "Bearer " + t.value();
    }
    t = fetch(registry, repository, challenge, scope, credentials, allowPlainHttp, limits);
    cache.put(key, t);
    return "Bearer " + t.value();
  }

  /**
   * Forgets the cached token for a challenge and scope (after the registry refused it).
   *
   * @param challenge the challenge
   * @param scope the scope
   * @param credentials the credentials it was fetched with
   */
  public void invalidate(Challenge challenge, String scope, Optional<Credentials> credentials) {
    cache.remove(key(challenge, scope, credentials));
  }

  /** Forgets every cached token. */
  public void clear() {
    cache.clear();
  }

  private static String key(Challenge challenge, String scope, Optional<Credentials> credentials) {
    return challenge.param("realm").orElse("") + "\n" + challenge.param("service").orElse("") + "\n" + scope
        + "\n" + credentials.map(Credentials::username).orElse("");
  }

  private Token fetch(String registry, String repository, Challenge challenge, String scope,
      Optional<Credentials> credentials, boolean allowPlainHttp, ReadLimits limits) throws IOException {
    String source = "docker://" + registry + "/" + repository;
    String realm = challenge.param("realm").orElseThrow(() -> new MalformedChallengeException(source,
        "Bearer challenge without a realm"));
    URI realmUri;
    try {
      realmUri = new URI(realm);
    } catch (java.net.URISyntaxException e) {
      throw new MalformedChallengeException(source, "Bearer realm is not a URI: " + stripQuery(realm));
    }
    String scheme = realmUri.getScheme() == null ? "" : realmUri.getScheme().toLowerCase(Locale.ROOT);
    if (!realmUri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || realmUri.getHost() == null) {
      throw new MalformedChallengeException(source, "Bearer realm is not an absolute http(s) URL: "
          + stripQuery(realm));
    }
    String action = describeAction(realm, scope);
    if (scheme.equals("http") && credentials.isPresent() && !allowPlainHttp) {
      throw new RegistryException(registry, repository, action, 0, List.of(),
          "refusing to send credentials to a plain-HTTP token realm (name the registry insecure to allow it)", null);
    }
    StringBuilder query = new StringBuilder();
    challenge.param("service").ifPresent(s -> append(query, "service", s));
    append(query, "scope", scope);
    challenge.param("scope").filter(s -> !s.equals(scope)).ifPresent(s -> append(query, "scope", s));
    HttpRequest.Builder b = HttpRequest.newBuilder().timeout(requestTimeout).header("User-Agent", userAgent)
        .header("Accept", "application/json");
    if (credentials.isPresent() && credentials.get().isIdentityToken()) {
      StringBuilder form = new StringBuilder();
      append(form, "grant_type", "refresh_token");
      challenge.param("service").ifPresent(s -> append(form, "service", s));
      append(form, "scope", scope);
      append(form, "client_id", "imagecheck");
      append(form, "refresh_token", credentials.get().secret());
      b.uri(realmUri).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8));
    } else {
      String sep = realmUri.getRawQuery() == null ? "?" : "&";
      b.uri(URI.create(realmUri.toString() + sep + query)).GET();
      credentials.ifPresent(c -> b.header("Authorization", BasicAuthenticator.authorization(c)));
    }
    LOG.log(Level.DEBUG, "{0}: {1}{2}", source, action, credentials.isPresent() ? " (with credentials)" : "");
    Response r;
    try {
      r = transport.send(b.build(), source, limits);
    } catch (ImageSourceException | InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      throw new RegistryException(registry, repository, action, 0, List.of(), "no answer from the token realm: "
          + e.getMessage(), e);
    }
    int status = r.statusCode();
    if (status == 401 || status == 403) {
      throw new RegistryUnauthorizedException(registry, repository, action, status, List.of(),
          credentials.isPresent() ? "the token realm refused the credentials" : "the token realm requires credentials",
          null);
    }
    if (status != 200) {
      throw new RegistryException(registry, repository, action, status, List.of(), "the token realm failed", null);
    }
    JsonNode node;
    try {
      node = Json.readTree(r.body(), 8, source, "token response");
    } catch (ImageFormatException e) {
      throw new RegistryException(registry, repository, action, status, List.of(),
          "the token response is not JSON", null);
    }
    String token = node.path("token").asText("");
    if (token.isEmpty()) {
      token = node.path("access_token").asText("");
    }
    if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || !printable(token)) {
      throw new RegistryException(registry, repository, action, status, List.of(),
          "the token response has no usable token", null);
    }
    long expiresIn = node.path("expires_in").canConvertToLong() ? node.path("expires_in").asLong(0) : 0;
    if (expiresIn <= 0) {
      expiresIn = DEFAULT_EXPIRY_SECONDS;
    }
    Instant issued = clock.instant();
    // Renew a little early: a token that expires in flight makes a request fail with 401.
    long margin = Math.min(30, expiresIn / 10);
    return new Token(token, issued.plusSeconds(Math.max(1, expiresIn - margin)));
  }

  private static boolean printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static void append(StringBuilder b, String name, String value) {
    if (b.length() > 0) {
      b.append('&');
    }
    b.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String stripQuery(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
