package io.imagecheck.sources.registry;

import io.imagecheck.sources.registry.auth.Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How to talk to registries: credentials, TLS, proxies, mirrors, concurrency, timeouts and retries.
 * Safe by default: TLS is verified and plain HTTP refused unless a registry is named insecure;
 * credentials come from the Docker and containers configuration files when none are given.
 *
 * <pre>{@code
 * RegistryOptions options = RegistryOptions.builder()
 *     .credentials("registry.example:5000", Credentials.parse("alice:s3cret"))
 *     .certDir(Path.of("certs.d"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows a secret.
 */
public final class RegistryOptions {

  private static final RegistryOptions DEFAULTS = builder().build();

  private final Map<String, Credentials> credentials;
  private final @Nullable Path authFile;
  private final @Nullable Path certDir;
  private final Set<String> insecureRegistries;
  private final Map<String, List<String>> mirrors;
  private final @Nullable URI proxy;
  private final Map<String, String> environment;
  private final int blobConcurrency;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxAttempts;
  private final Duration retryDelay;
  private final Duration maxRetryDelay;
  private final BlobProgressListener progress;
  private final String userAgent;

  private RegistryOptions(Builder b) {
    this.credentials = Collections.unmodifiableMap(new LinkedHashMap<>(b.credentials));
    this.authFile = b.authFile;
    this.certDir = b.certDir;
    this.insecureRegistries = Collections.unmodifiableSet(new LinkedHashSet<>(b.insecureRegistries));
    Map<String, List<String>> m = new LinkedHashMap<>();
    b.mirrors.forEach((k, v) -> m.put(k, List.copyOf(v)));
    this.mirrors = Collections.unmodifiableMap(m);
    this.proxy = b.proxy;
    this.environment = b.environment == null ? System.getenv() : Map.copyOf(b.environment);
    this.blobConcurrency = b.blobConcurrency;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.maxAttempts = b.maxAttempts;
    this.retryDelay = b.retryDelay;
    this.maxRetryDelay = b.maxRetryDelay;
    this.progress = b.progress;
    this.userAgent = b.userAgent;
  }

  /**
   * The defaults: credentials from the configuration files, verified TLS, proxies from the
   * environment, 4 concurrent blob downloads, 30 s connect and 60 s stall timeouts, 4 attempts.
   *
   * @return the defaults
   */
  public static RegistryOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Explicit credentials by registry host ({@code *} for any registry).
   *
   * @return host to credentials
   */
  public Map<String, Credentials> credentials() {
    return credentials;
  }

  /**
   * The auth file that replaces the default configuration files ({@code --authfile}).
   *
   * @return the file, if set
   */
  public Optional<Path> authFile() {
    return Optional.ofNullable(authFile);
  }

  /**
   * The certificate directory ({@code --cert-dir}): {@code DIR/<host>/*.crt}, or {@code DIR/*.crt}.
   *
   * @return the directory, if set
   */
  public Optional<Path> certDir() {
    return Optional.ofNullable(certDir);
  }

  /**
   * Registries reached without TLS verification, or over plain HTTP when they do not speak TLS.
   *
   * @return host names with port, e.g. {@code localhost:5000} ({@code *} for every registry)
   */
  public Set<String> insecureRegistries() {
    return insecureRegistries;
  }

  /**
   * Tells whether a registry was named insecure.
   *
   * @param registry the registry host, e.g. {@code localhost:5000}
   * @return true when TLS verification is off for it
   */
  public boolean isInsecure(String registry) {
    String r = registry.toLowerCase(Locale.ROOT);
    return insecureRegistries.contains("*") || insecureRegistries.contains(r);
  }

  /**
   * Mirrors by registry host, tried in order before the registry itself.
   *
   * @return host to mirror hosts
   */
  public Map<String, List<String>> mirrors() {
    return mirrors;
  }

  /**
   * The explicit proxy, replacing {@code HTTPS_PROXY}/{@code HTTP_PROXY}.
   *
   * @return the proxy URL, if set
   */
  public Optional<URI> proxy() {
    return Optional.ofNullable(proxy);
  }

  /**
   * The environment read for proxies, configuration file locations and credential helpers.
   *
   * @return variable to value (the process environment unless replaced)
   */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * The most blob downloads open at once, per client. A thread that already holds a blob stream is
   * never made to wait for another (no deadlock when one reader opens several layers).
   *
   * @return at least 1
   */
  public int blobConcurrency() {
    return blobConcurrency;
  }

  /**
   * The connect timeout.
   *
   * @return the timeout
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * How long a response may stall: waiting for headers, or between two pieces of a body.
   *
   * @return the timeout
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * The attempts per request (HTTP 429, 5xx and connection failures are retried).
   *
   * @return at least 1
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The first retry delay; it doubles with each attempt.
   *
   * @return the delay
   */
  public Duration retryDelay() {
    return retryDelay;
  }

  /**
   * The longest wait before a retry, also for a {@code Retry-After} header.
   *
   * @return the cap
   */
  public Duration maxRetryDelay() {
    return maxRetryDelay;
  }

  /**
   * The blob progress listener.
   *
   * @return the listener
   */
  public BlobProgressListener progress() {
    return progress;
  }

  /**
   * The {@code User-Agent} header.
   *
   * @return the user agent
   */
  public String userAgent() {
    return userAgent;
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.credentials.putAll(credentials);
    b.authFile = authFile;
    b.certDir = certDir;
    b.insecureRegistries.addAll(insecureRegistries);
    mirrors.forEach((k, v) -> b.mirrors.put(k, new ArrayList<>(v)));
    b.proxy = proxy;
    b.environment = environment;
    b.blobConcurrency = blobConcurrency;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.maxAttempts = maxAttempts;
    b.retryDelay = retryDelay;
    b.maxRetryDelay = maxRetryDelay;
    b.progress = progress;
    b.userAgent = userAgent;
    return b;
  }

  @Override
  public String toString() {
    return "RegistryOptions[credentials=" + credentials.keySet() + ", authFile=" + authFile + ", certDir=" + certDir
        + ", insecure=" + insecureRegistries + ", mirrors=" + mirrors + ", proxy=" + (proxy == null ? null
        : proxy.getHost() + ":" + proxy.getPort()) + ", blobConcurrency=" + blobConcurrency + ", connectTimeout="
        + connectTimeout + ", readTimeout=" + readTimeout + ", maxAttempts=" + maxAttempts + "]";
  }

  /** A mutable builder for {@link RegistryOptions}; not thread-safe. */
  public static final class Builder {
    private final Map<String, Credentials> credentials = new LinkedHashMap<>();
    private @Nullable Path authFile;
    private @Nullable Path certDir;
    private final Set<String> insecureRegistries = new LinkedHashSet<>();
    private final Map<String, List<String>> mirrors = new LinkedHashMap<>();
    private @Nullable URI proxy;
    private @Nullable Map<String, String> environment;
    private int blobConcurrency = 4;
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration readTimeout = Duration.ofSeconds(60);
    private int maxAttempts = 4;
    private Duration retryDelay = Duration.ofMillis(500);
    private Duration maxRetryDelay = Duration.ofSeconds(30);
    private BlobProgressListener progress = BlobProgressListener.NONE;
    private String userAgent = "imagecheck/0.1";

    private Builder() {}

    /**
     * Sets the credentials for one registry.
     *
     * @param registry the registry host as in references, e.g. {@code localhost:5001}; {@code *} for any
     * @param value the credentials
     * @return this builder
     */
    public Builder credentials(String registry, Credentials value) {
      credentials.put(registry.toLowerCase(Locale.ROOT), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the credentials for any registry ({@code --creds}).
     *
     * @param value the credentials
     * @return this builder
     */
    public Builder credentials(Credentials value) {
      return credentials("*", value);
    }

    /**
     * Reads credentials from this file only ({@code --authfile}), instead of the default files.
     *
     * @param value an {@code auth.json} or Docker {@code config.json}, or null for the defaults
     * @return this builder
     */
    public Builder authFile(@Nullable Path value) {
      authFile = value;
      return this;
    }

    /**
     * Sets the certificate directory ({@code --cert-dir}).
     *
     * @param value a directory with {@code <host>/ca.crt} sub-directories or {@code *.crt} files, or null
     * @return this builder
     */
    public Builder certDir(@Nullable Path value) {
      certDir = value;
      return this;
    }

    /**
     * Names a registry insecure: TLS is not verified, and plain HTTP is used when it does not speak
     * TLS ({@code --tls-verify=false}).
     *
     * @param registry the registry host with port, or {@code *} for every registry
     * @return this builder
     */
    public Builder insecureRegistry(String registry) {
      insecureRegistries.add(registry.toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * Adds a mirror for a registry, tried before the registry (and before mirrors added later).
     *
     * @param registry the registry host, e.g. {@code docker.io}
     * @param mirror the mirror host and port
     * @return this builder
     */
    public Builder mirror(String registry, String mirror) {
      mirrors.computeIfAbsent(registry.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(Objects.requireNonNull(mirror, "mirror"));
      return this;
    }

    /**
     * Sets an explicit HTTP proxy, replacing {@code HTTPS_PROXY}/{@code HTTP_PROXY}.
     *
     * @param value e.g. {@code http://proxy:3128}, or null for the environment
     * @return this builder
     */
    public Builder proxy(@Nullable URI value) {
      proxy = value;
      return this;
    }

    /**
     * Replaces the environment read for proxies, configuration files and credential helpers.
     *
     * @param value variable to value
     * @return this builder
     */
    public Builder environment(Map<String, String> value) {
      environment = Map.copyOf(value);
      return this;
    }

    /**
     * Sets the most blob downloads open at once.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder blobConcurrency(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("blob concurrency must be at least 1, got " + value);
      }
      blobConcurrency = value;
      return this;
    }

    /**
     * Sets the connect timeout.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration value) {
      connectTimeout = positive(value, "connect timeout");
      return this;
    }

    /**
     * Sets how long a response may stall.
     *
     * @param value a positive duration
     * @return this builder
     */
    public Builder readTimeout(Duration value) {
      readTimeout = positive(value, "read timeout");
      return this;
    }

    /**
     * Sets the attempts per request.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("max attempts must be at least 1, got " + value);
      }
      maxAttempts = value;
      return this;
    }

    /**
     * Sets the first retry delay and the cap on any retry delay.
     *
     * @param first the first delay (doubled per attempt)
     * @param max the longest delay, also for {@code Retry-After}
     * @return this builder
     */
    public Builder retryDelay(Duration first, Duration max) {
      if (first.isNegative() || max.isNegative()) {
        throw new IllegalArgumentException("negative retry delay");
      }
      retryDelay = first;
      maxRetryDelay = max;
      return this;
    }

    /**
     * Sets the blob progress listener.
     *
     * @param value the listener
     * @return this builder
     */
    public Builder progress(BlobProgressListener value) {
      progress = Objects.requireNonNull(value, "progress");
      return this;
    }

    /**
     * Sets the {@code User-Agent} header.
     *
     * @param value the user agent
     * @return this builder
     */
    public Builder userAgent(String value) {
      userAgent = Objects.requireNonNull(value, "userAgent");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public RegistryOptions build() {
      return new RegistryOptions(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
      return d;
    }
  }
}
