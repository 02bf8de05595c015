package io.imagecheck.hostile;

import static io.imagecheck.testing.registry.HostileProxy.pathContains;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.source.DigestMismatchException;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.ImageSourceException;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.source.RegistryException;
import io.imagecheck.source.RegistryUnauthorizedException;
import io.imagecheck.source.SizeMismatchException;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.sources.SourceOptions;
import io.imagecheck.sources.registry.RegistryOptions;
import io.imagecheck.sources.registry.auth.Credentials;
import io.imagecheck.sources.registry.auth.MalformedChallengeException;
import io.imagecheck.testing.registry.HostileProxy;
import io.imagecheck.testing.registry.LeftoverThreads;
import io.imagecheck.testing.registry.RegistryProcess;
import io.imagecheck.testing.registry.RegistryTestImages;
import io.imagecheck.testing.registry.TokenIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9's registry threats against a real {@code docker-registry} behind a {@link HostileProxy}: bodies
 * longer or shorter than advertised, endless bodies, slow drips, redirect loops, https→http redirects,
 * plain-HTTP token realms, malformed {@code WWW-Authenticate} challenges, huge headers and error bodies of
 * any shape. Each ends in a typed exception whose message names the source and the problem, in bounded
 * time, with no {@code imagecheck-*} or {@code HttpClient-*} thread left once the source is closed (and,
 * from {@link HostileTestSupport}, nothing written).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HostileRegistryIT extends HostileTestSupport {

  private static final String REPO = "lab/busybox";
  private static final String MANIFEST = "/v2/" + REPO + "/manifests/latest";

  @TempDir static Path shared;
  static RegistryProcess plain;
  static RegistryProcess token;
  static TokenIssuer issuer;
  static Digest layer;
  static long layerSize;
  static List<String> expected;

  private final List<HostileProxy> proxies = new ArrayList<>();
  private Set<Long> threads;

  @BeforeAll
  static void startRegistries() throws IOException {
    Path storage = shared.resolve("storage");
    plain = RegistryProcess.plain(storage, shared.resolve("plain"));
    RegistryTestImages.push(plain.host());
    issuer = TokenIssuer.start(Files.createDirectories(shared.resolve("issuer")), "tokuser", "tokpass");
    token = RegistryProcess.token(storage, shared.resolve("token"), issuer);
    String layout = "oci:" + RegistryTestImages.build().resolve("busybox.oci") + ":latest";
    try (ImageSource local = ImageSources.open(layout)) {
      Image image = local.image();
      layer = image.layers().get(0).digest();
      layerSize = image.layers().get(0).size();
      expected = paths(image);
    }
  }

  @AfterAll
  static void stopRegistries() {
    for (AutoCloseable c : new AutoCloseable[] {token, issuer, plain}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep stopping the others
      }
    }
  }

  @BeforeEach
  void snapshotThreads() {
    threads = LeftoverThreads.snapshot();
  }

  @AfterEach
  void noThreadLeft() throws InterruptedException {
    proxies.forEach(HostileProxy::close);
    assertThat(LeftoverThreads.after(threads)).as("imagecheck and HTTP client threads left after the source closed")
        .isEmpty();
  }

  // ------------------------------------------------------------------------------------------ helpers

  private HostileProxy proxy(RegistryProcess registry) throws IOException {
    return proxy(URI.create("http://" + registry.host()));
  }

  private HostileProxy proxy(URI upstream) throws IOException {
    HostileProxy p = HostileProxy.plain(upstream);
    proxies.add(p);
    return p;
  }

  private HostileProxy tlsProxy(RegistryProcess registry) throws IOException {
    HostileProxy p = HostileProxy.tls(URI.create("http://" + registry.host()), tmp.resolve("tls" + proxies.size()));
    proxies.add(p);
    return p;
  }

  /** Options for a proxy: plain ones are named insecure, TLS ones trusted through their CA; short timeouts. */
  private RegistryOptions.Builder options(HostileProxy p) {
    RegistryOptions.Builder b = RegistryOptions.builder()
        .environment(Map.of("HOME", tmp.resolve("home").toString()))
        .readTimeout(Duration.ofSeconds(1))
        .maxAttempts(2)
        .retryDelay(Duration.ofMillis(50), Duration.ofSeconds(1));
    return p.base().startsWith("https:") ? b.certDir(p.certDir()) : b.insecureRegistry(p.host());
  }

  private static SourceOptions source(RegistryOptions.Builder registry) {
    return SourceOptions.builder().registry(registry.build()).build();
  }

  private static SourceOptions source(RegistryOptions.Builder registry, ReadLimits limits) {
    return SourceOptions.builder().registry(registry.build()).limits(limits).build();
  }

  private static String ref(HostileProxy p) {
    return "docker://" + p.host() + "/" + REPO + ":latest";
  }

  /** Opens the image and reads every layer into the merged view. */
  private static List<String> read(String ref, SourceOptions options) throws IOException {
    try (ImageSource s = ImageSources.open(ref, options)) {
      return paths(s.image());
    }
  }

  private static List<String> paths(Image image) throws IOException {
    return FileSystemViews.read(image).entries().stream().map(FileEntry::path).sorted().toList();
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** What every failure message must be: the source (the repository, or the reference) first, one short line. */
  private static Consumer<ImageSourceException> namesSource(HostileProxy p) {
    return e -> {
      assertThat(e.getMessage()).matches("\\Qdocker://" + p.host() + "/" + REPO + "\\E(:latest)?: .*");
      assertThat(e.getMessage()).hasSizeLessThan(600).doesNotContain("\n", "\r", "\u001b");
    };
  }

  // ------------------------------------------------------------------------------------------ threads

  private static List<String> httpWorkers() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive()
        && t.getName().startsWith("imagecheck-http-")).map(Thread::getName).sorted().toList();
  }

  @Test
  void should_end_its_http_worker_threads_when_the_source_closes_without_waiting_for_garbage_collection()
      throws IOException, InterruptedException {
    // GIVEN an image read through a docker:// source, which owns its registry client
    HostileProxy p = proxy(plain);
    List<String> before = httpWorkers();
    List<String> during;
    try (ImageSource s = ImageSources.open(ref(p), source(options(p)))) {
      assertThat(paths(s.image())).isEqualTo(expected);
      during = new ArrayList<>(httpWorkers());
      during.removeAll(before);
    }
    // WHEN it has been closed THEN the client's worker threads end within a second, without a garbage collection
    assertThat(during).as("worker threads of the registry client").isNotEmpty();
    long deadline = System.nanoTime() + 1_000_000_000L;
    List<String> alive;
    do {
      alive = new ArrayList<>(httpWorkers());
      alive.retainAll(during);
      Thread.sleep(10);
    } while (!alive.isEmpty() && System.nanoTime() < deadline);
    assertThat(alive).isEmpty();
  }

  // ------------------------------------------------------------------------------------------ lengths

  @Test
  void should_read_the_image_when_bytes_follow_the_content_length_of_a_manifest_and_a_blob() throws IOException {
    // GIVEN a proxy that sends junk after the advertised Content-Length of the manifest and of the layer
    HostileProxy p = proxy(plain);
    byte[] junk = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n{}\n".getBytes(StandardCharsets.US_ASCII);
    p.on("longer", pathContains("/manifests/latest"), Integer.MAX_VALUE,
        HostileProxy.bodyLongerThanContentLength(junk));
    p.on("longer-blob", pathContains("/blobs/" + layer), Integer.MAX_VALUE,
        HostileProxy.bodyLongerThanContentLength(junk));
    // WHEN the image is read
    List<String> actual = read(ref(p), source(options(p)));
    // THEN the extra bytes are never part of a document: the same files as the local layout
    assertThat(actual).isEqualTo(expected);
    assertThat(p.answeredBy("longer")).isGreaterThanOrEqualTo(1);
    assertThat(p.answeredBy("longer-blob")).isEqualTo(1);
  }

  @Test
  void should_fail_typed_when_a_manifest_body_is_shorter_than_its_content_length() throws IOException {
    // GIVEN a proxy that sends half of the manifest under its full Content-Length and hangs up
    HostileProxy p = proxy(plain);
    p.on("shorter", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.bodyShorterThanContentLength());
    // WHEN / THEN
    assertThatThrownBy(() -> read(ref(p), source(options(p))))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(200);
          assertThat(e.operation()).isEqualTo("pull manifest latest");
          assertThat(e.getMessage()).contains("pull manifest latest: the response body broke off: ");
        })
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
  }

  @Test
  void should_fail_typed_when_a_blob_body_is_always_shorter_than_its_content_length() throws IOException {
    // GIVEN the layer is always cut off before its Content-Length
    HostileProxy p = proxy(plain);
    p.on("shorter", pathContains("/blobs/" + layer), Integer.MAX_VALUE, HostileProxy.bodyShorterThanContentLength());
    // WHEN / THEN the download is resumed, then fails naming the blob
    assertThatThrownBy(() -> read(ref(p), source(options(p))))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage())
            .contains("pull blob " + layer + ": download broke off after "))
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
    assertThat(p.answeredBy("shorter")).isEqualTo(2);
    assertThat(p.seen()).anySatisfy(s -> assertThat(s.range()).matches("bytes=[1-9][0-9]*-"));
  }

  @Test
  void should_fail_with_a_size_mismatch_when_a_blob_is_longer_than_its_descriptor() throws IOException {
    // GIVEN the layer comes with 1000 more bytes (and a Content-Length that counts them)
    HostileProxy p = proxy(plain);
    p.on("extended", pathContains("/blobs/" + layer), Integer.MAX_VALUE, HostileProxy.bodyExtended(new byte[1000]));
    // WHEN / THEN
    assertThatThrownBy(() -> read(ref(p), source(options(p))))
        .isInstanceOfSatisfying(SizeMismatchException.class, e -> assertThat(e.getMessage())
            .contains(layer.toString()).contains("has more than " + layerSize + " bytes"))
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
  }

  @Test
  void should_fail_with_a_size_mismatch_when_a_blob_is_shorter_than_its_descriptor() throws IOException {
    // GIVEN every answer for the layer is complete by its Content-Length but only half of what was asked
    HostileProxy p = proxy(plain);
    p.on("cut", pathContains("/blobs/" + layer), Integer.MAX_VALUE, HostileProxy.bodyCut());
    // WHEN / THEN the download is resumed once (Range), then the size check fails
    assertThatThrownBy(() -> read(ref(p), source(options(p))))
        .isInstanceOfSatisfying(SizeMismatchException.class, e -> assertThat(e.getMessage())
            .contains(layer.toString()).contains("bytes, descriptor says " + layerSize))
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
    assertThat(p.answeredBy("cut")).isEqualTo(2);
  }

  @Test
  void should_fail_with_a_digest_mismatch_when_a_manifest_is_longer_than_its_digest() throws IOException {
    // GIVEN the manifest by tag comes with a trailing space (still JSON), under the registry's Docker-Content-Digest
    HostileProxy p = proxy(plain);
    p.on("extended", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.bodyExtended(new byte[] {' '}));
    // WHEN / THEN
    assertThatThrownBy(() -> read(ref(p), source(options(p))))
        .isInstanceOfSatisfying(DigestMismatchException.class, e -> assertThat(e.getMessage())
            .contains("manifest latest (Docker-Content-Digest header)"))
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
  }

  // ------------------------------------------------------------------------------------------ endless

  @Test
  void should_stop_an_endless_manifest_at_manifest_bytes() throws IOException {
    // GIVEN a manifest body that never ends (no Content-Length), and manifest-bytes=64k
    HostileProxy p = proxy(plain);
    p.on("endless", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.endless(200,
        "application/vnd.oci.image.manifest.v1+json", -1, "{\"a\":[".getBytes(StandardCharsets.US_ASCII)));
    long t0 = System.nanoTime();
    // WHEN / THEN
    assertThatThrownBy(() -> read(ref(p), source(options(p), ReadLimits.defaults().with("manifest-bytes", 64 << 10))))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> {
          assertThat(e.limit()).isEqualTo("manifest-bytes");
          assertThat(e.getMessage()).contains("manifest latest exceeds the limit manifest-bytes=65536");
        })
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
    assertThat(millisSince(t0)).isLessThan(10_000);
  }

  @Test
  void should_refuse_a_manifest_whose_content_length_passes_manifest_bytes_before_reading_it() throws IOException {
    // GIVEN a manifest that declares a terabyte
    HostileProxy p = proxy(plain);
    p.on("huge", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.endless(200,
        "application/vnd.oci.image.manifest.v1+json", 1L << 40, new byte[] {' '}));
    // WHEN / THEN
    assertThatThrownBy(() -> read(ref(p), source(options(p))))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.getMessage())
            .contains("manifest latest (1099511627776 bytes) exceeds the limit manifest-bytes=4194304"))
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
  }

  @Test
  void should_stop_an_endless_blob_one_byte_after_its_descriptor_size() throws IOException {
    // GIVEN a layer body of zeros that never ends
    HostileProxy p = proxy(plain);
    p.on("endless", pathContains("/blobs/" + layer), Integer.MAX_VALUE,
        HostileProxy.endless(200, "application/octet-stream", -1, new byte[] {0}));
    long t0 = System.nanoTime();
    // WHEN the compressed layer is read THEN it stops at the descriptor's size
    try (ImageSource s = ImageSources.open(ref(p), source(options(p)))) {
      Image image = s.image();
      assertThatThrownBy(() -> {
        try (InputStream in = image.layers().get(0).openCompressed()) {
          in.transferTo(OutputStream.nullOutputStream());
        }
      }).isInstanceOfSatisfying(SizeMismatchException.class, e -> assertThat(e.getMessage())
          .contains("has more than " + layerSize + " bytes"))
          .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
    }
    assertThat(millisSince(t0)).isLessThan(10_000);
  }

  @Test
  void should_read_only_http_error_bytes_of_an_endless_error_body() throws IOException {
    // GIVEN a 404 whose text body never ends
    HostileProxy p = proxy(plain);
    p.on("endless", pathContains("/manifests/latest"), Integer.MAX_VALUE,
        HostileProxy.endless(404, "text/plain", -1, "no such manifest ".getBytes(StandardCharsets.US_ASCII)));
    long t0 = System.nanoTime();
    // WHEN / THEN the first bytes become a short message
    assertThatThrownBy(() -> read(ref(p), source(options(p))))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.getMessage()).contains("pull manifest latest: no such manifest no such").endsWith("(HTTP 404)");
        })
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
    assertThat(millisSince(t0)).isLessThan(10_000);
  }

  // ------------------------------------------------------------------------------------------ slow drip

  @Test
  void should_fail_a_manifest_that_drips_one_byte_a_second_after_one_read_timeout() throws IOException {
    // GIVEN the manifest body arrives one byte a second (it would take minutes, and never stalls for the 2 s
    // read timeout)
    HostileProxy p = proxy(plain);
    p.on("drip", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.drip(Duration.ofSeconds(1), false));
    long t0 = System.nanoTime();
    // WHEN / THEN
    assertThatThrownBy(() -> read(ref(p), source(options(p).readTimeout(Duration.ofSeconds(2)))))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.getMessage()).contains("pull manifest latest: the response body broke off: the response drips (")
              .contains("at least 65536 bytes must arrive per 2000 ms read timeout)");
          assertThat(e).hasRootCauseInstanceOf(HttpTimeoutException.class);
        })
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
    assertThat(millisSince(t0)).isLessThan(8_000);
  }

  @Test
  void should_fail_headers_that_drip_one_byte_a_second_after_the_read_timeout_of_each_attempt() throws IOException {
    // GIVEN the manifest's status line and headers arrive one byte a second
    HostileProxy p = proxy(plain);
    p.on("drip", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.drip(Duration.ofSeconds(1), true));
    long t0 = System.nanoTime();
    // WHEN / THEN two attempts of 2 s each
    assertThatThrownBy(() -> read(ref(p), source(options(p).readTimeout(Duration.ofSeconds(2)))))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isZero();
          assertThat(e.getMessage())
              .contains("pull manifest latest: no response after 2 attempts: HttpTimeoutException");
        })
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
    assertThat(p.answeredBy("drip")).isEqualTo(2);
    assertThat(millisSince(t0)).isLessThan(10_000);
  }

  @Test
  void should_fail_a_blob_that_drips_one_byte_a_second_after_the_allowed_attempts() throws IOException {
    // GIVEN the layer arrives one byte a second, every time
    HostileProxy p = proxy(plain);
    p.on("drip", pathContains("/blobs/" + layer), Integer.MAX_VALUE, HostileProxy.drip(Duration.ofSeconds(1), false));
    long t0 = System.nanoTime();
    // WHEN / THEN one resume, then a typed failure naming the blob
    assertThatThrownBy(() -> read(ref(p), source(options(p).readTimeout(Duration.ofSeconds(2)))))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.getMessage()).contains("pull blob " + layer + ": download broke off after ")
              .contains(" bytes: the response drips (");
          assertThat(e).hasRootCauseInstanceOf(HttpTimeoutException.class);
        })
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
    assertThat(p.answeredBy("drip")).isEqualTo(2);
    assertThat(millisSince(t0)).isLessThan(12_000);
  }

  // ------------------------------------------------------------------------------------------ redirects

  @Test
  void should_stop_a_redirect_loop_at_the_default_redirects_limit() throws IOException {
    // GIVEN the manifest redirects to itself forever
    HostileProxy p = proxy(plain);
    p.on("loop", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.redirect(302, r -> r.target()));
    // WHEN / THEN after 1 + 10 requests
    assertThatThrownBy(() -> read(ref(p), source(options(p))))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.getMessage())
            .contains("pull manifest latest: redirects exceeds the limit redirects=10"))
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
    assertThat(p.answeredBy("loop")).isEqualTo(11);
  }

  @Test
  void should_stop_a_two_url_redirect_loop_at_a_lowered_limit_and_follow_a_chain_within_a_raised_one()
      throws IOException {
    // GIVEN the manifest bounces between two URLs (308 and 301, relative Locations)
    HostileProxy p = proxy(plain);
    p.on("ping-pong", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.redirect(308,
        r -> r.target().endsWith("?b") ? "latest?a" : "/v2/" + REPO + "/manifests/latest?b"));
    // WHEN / THEN redirects=3 stops it after 4 requests
    assertThatThrownBy(() -> read(ref(p), source(options(p), ReadLimits.defaults().with("redirects", 3))))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.limit()).isEqualTo("redirects"));
    assertThat(p.answeredBy("ping-pong")).isEqualTo(4);
    // GIVEN a chain of 12 redirects that ends at the manifest
    HostileProxy chain = proxy(plain);
    chain.on("chain", pathContains("/manifests/latest"), 12, HostileProxy.redirect(307, r -> MANIFEST + "?hop="
        + chain.answeredBy("chain")));
    // WHEN redirects=12 THEN the image is read
    assertThat(read(ref(chain), source(options(chain), ReadLimits.defaults().with("redirects", 12))))
        .isEqualTo(expected);
  }

  @Test
  void should_refuse_a_redirect_from_https_to_plain_http() throws IOException {
    // GIVEN a TLS registry that redirects the layer to plain http on another proxy
    HostileProxy tls = tlsProxy(plain);
    HostileProxy http = proxy(plain);
    tls.on("downgrade", pathContains("/blobs/" + layer), Integer.MAX_VALUE,
        HostileProxy.redirect(307, r -> http.base() + r.target()));
    // WHEN / THEN
    assertThatThrownBy(() -> read(ref(tls), source(options(tls))))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(307);
          assertThat(e.getMessage()).contains("pull blob " + layer
              + ": refusing a redirect from https to plain http (127.0.0.1) (HTTP 307)");
        })
        .satisfies(e -> namesSource(tls).accept((ImageSourceException) e));
    assertThat(http.seen()).isEmpty();
    assertThat(tls.answeredBy("downgrade")).isEqualTo(1);
  }

  // ------------------------------------------------------------------------------------------ token realms

  @Test
  void should_withhold_credentials_from_a_plain_http_token_realm_of_a_registry_not_named_insecure()
      throws IOException {
    // GIVEN a TLS (verified) front of the token registry, whose Bearer realm is http://127.0.0.1:PORT/token
    HostileProxy tls = tlsProxy(token);
    int before = issuer.authorization().size();
    RegistryOptions.Builder o = options(tls).credentials(tls.host(), new Credentials("tokuser", "tokpass"));
    // WHEN / THEN the source fails with a clear error and the realm never saw the credentials
    assertThatThrownBy(() -> read(ref(tls), source(o)))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.operation()).startsWith("get a token for repository:" + REPO + ":pull from http://127.0.0.1:");
          assertThat(e.getMessage()).contains("refusing to send credentials to a plain-HTTP token realm (name the "
              + "registry insecure to allow it)").doesNotContain("tokpass");
        })
        .satisfies(e -> namesSource(tls).accept((ImageSourceException) e));
    assertThat(issuer.authorization().subList(before, issuer.authorization().size())).doesNotContain(true);
    // WHEN the same registry is named insecure THEN the credentials go to the realm and the image is read
    assertThat(read(ref(tls), source(o.insecureRegistry(tls.host())))).isEqualTo(expected);
    assertThat(issuer.authorization().subList(before, issuer.authorization().size())).contains(true);
  }

  @Test
  void should_ask_a_plain_http_token_realm_anonymously_when_there_are_no_credentials() throws IOException {
    // GIVEN the same TLS front and no credentials
    HostileProxy tls = tlsProxy(token);
    int before = issuer.authorization().size();
    // WHEN / THEN the anonymous token has no access: unauthorized, and no Authorization ever reached the realm
    assertThatThrownBy(() -> read(ref(tls), source(options(tls))))
        .isInstanceOfSatisfying(RegistryUnauthorizedException.class, e -> assertThat(e.status()).isEqualTo(401))
        .satisfies(e -> namesSource(tls).accept((ImageSourceException) e));
    assertThat(issuer.authorization().subList(before, issuer.authorization().size())).isNotEmpty().containsOnly(false);
  }

  static Stream<Arguments> hostileTokenRealms() {
    return Stream.of(
        Arguments.of("huge-headers", HostileProxy.withHeaders("X-Filler", "a".repeat(100_000)),
            LimitExceededException.class, "token response headers from http://127.0.0.1:"),
        Arguments.of("endless-token", HostileProxy.endless(200, "application/json", -1,
            "{\"token\":\"".getBytes(StandardCharsets.US_ASCII)), LimitExceededException.class,
            "exceeds the limit manifest-bytes=4194304"),
        Arguments.of("endless-refusal", HostileProxy.endless(401, "text/html", -1,
            "<p>".getBytes(StandardCharsets.US_ASCII)), RegistryUnauthorizedException.class,
            "the token realm refused the credentials (HTTP 401)"),
        Arguments.of("not-json", HostileProxy.respond(200, "<html>token</html>".getBytes(StandardCharsets.US_ASCII),
            "Content-Type", "text/html"), RegistryException.class, "the token response is not JSON (HTTP 200)"),
        Arguments.of("no-token", HostileProxy.respond(200, "{\"token\":{\"a\":1},\"access_token\":[\"x\"]}"
            .getBytes(StandardCharsets.US_ASCII), "Content-Type", "application/json"), RegistryException.class,
            "the token response has no usable token (HTTP 200)"),
        Arguments.of("header-in-token", HostileProxy.respond(200, "{\"token\":\"abc\\r\\nX-Evil: 1\"}"
            .getBytes(StandardCharsets.US_ASCII), "Content-Type", "application/json"), RegistryException.class,
            "the token response has no usable token (HTTP 200)"),
        Arguments.of("drip", HostileProxy.drip(Duration.ofSeconds(1), false), RegistryException.class,
            "no answer from the token realm: no response after 2 attempts: HttpTimeoutException"),
        Arguments.of("redirect", HostileProxy.redirect(307, r -> "http://127.0.0.1:1/token"), RegistryException.class,
            "the token realm failed (HTTP 307)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileTokenRealms")
  void should_fail_typed_and_bounded_whatever_the_token_realm_answers(String name, HostileProxy.Behavior realm,
      Class<? extends ImageSourceException> type, String problem) throws IOException {
    // GIVEN the token registry, whose challenge is rewritten to send clients to a hostile proxy of its realm
    URI issuerBase = URI.create(issuer.realm()).resolve("/");
    HostileProxy auth = proxy(issuerBase);
    auth.on(name, pathContains("/token"), Integer.MAX_VALUE, realm);
    HostileProxy p = proxy(token);
    String realmBase = issuerBase.toString().replaceAll("/$", "");
    p.on("rewrite", r -> true, Integer.MAX_VALUE, HostileProxy.rewriteHeader("WWW-Authenticate", realmBase,
        auth.base()));
    RegistryOptions.Builder o = options(p).readTimeout(Duration.ofSeconds(2))
        .credentials(p.host(), new Credentials("tokuser", "tokpass"));
    long t0 = System.nanoTime();
    // WHEN / THEN
    assertThatThrownBy(() -> read(ref(p), source(o)))
        .isInstanceOf(type)
        .satisfies(e -> {
          assertThat(e.getMessage()).contains(problem).doesNotContain("tokpass");
          namesSource(p).accept((ImageSourceException) e);
        });
    assertThat(auth.answeredBy(name)).isPositive();
    assertThat(millisSince(t0)).isLessThan(15_000);
  }

  // ------------------------------------------------------------------------------------------ challenges

  static Stream<Arguments> malformedChallenges() {
    return Stream.of(
        Arguments.of("Bearer realm=\"https://auth.example/token", "unterminated quoted string starting at offset 13"),
        Arguments.of("Bearer service=\"registry\",scope=\"x\"", "Bearer challenge without a realm"),
        Arguments.of("Bearer realm=\"/token\",service=\"registry\"",
            "Bearer realm is not an absolute http(s) URL: /token"),
        Arguments.of("Bearer realm=\"ftp://auth.example/token\"", "Bearer realm is not an absolute http(s) URL"),
        Arguments.of("Bearer realm=\"https://a/t\",realm=\"https://b/t\"", "parameter realm appears twice"),
        // "realm=" is a token68 (as in "Negotiate abc="), so this Bearer challenge has no realm parameter
        Arguments.of("Bearer realm=", "Bearer challenge without a realm"),
        Arguments.of("Bearer realm=,service=\"x\"", "unexpected '=' at offset 21"),
        Arguments.of("Bearer realm=\"https://a/t\" service=\"x\"", "expected ',' after parameter realm"),
        Arguments.of(", ,", "empty header"),
        Arguments.of("Bearer realm=\"https://a/" + "x".repeat(20_000) + "\"",
            "WWW-Authenticate header is longer than 16384 characters"),
        Arguments.of("Bearer realm=\"https://a/" + "%41".repeat(10) + "\"\t\t,," + "scope=\"" + "\\".repeat(3),
            "unterminated quoted string"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("malformedChallenges")
  void should_fail_with_a_malformed_challenge_exception(String header, String problem) throws IOException {
    // GIVEN a registry whose /v2/ ping answers 401 with a malformed WWW-Authenticate header
    HostileProxy p = proxy(plain);
    p.on("challenge", r -> r.path().equals("/v2/"), Integer.MAX_VALUE, HostileProxy.respond(401,
        "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes(StandardCharsets.US_ASCII),
        "Content-Type", "application/json", "WWW-Authenticate", header));
    RegistryOptions.Builder o = options(p).credentials(p.host(), new Credentials("tokuser", "tokpass"));
    // WHEN / THEN
    assertThatThrownBy(() -> read(ref(p), source(o)))
        .isInstanceOfSatisfying(MalformedChallengeException.class, e -> assertThat(e.getMessage()).contains(problem))
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
  }

  // ------------------------------------------------------------------------------------------ headers

  @Test
  void should_stop_headers_over_http_header_bytes_and_read_them_when_the_limit_is_raised() throws IOException {
    // GIVEN the manifest comes with a 100 KB header
    HostileProxy p = proxy(plain);
    p.on("huge", pathContains("/manifests/latest"), Integer.MAX_VALUE,
        HostileProxy.withHeaders("X-Filler", "a".repeat(100_000)));
    // WHEN / THEN the default 64 KiB stops it
    assertThatThrownBy(() -> read(ref(p), source(options(p))))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> {
          assertThat(e.limit()).isEqualTo("http-header-bytes");
          assertThat(e.getMessage()).contains("pull manifest latest: response headers (");
        })
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
    // WHEN http-header-bytes=256k THEN the image is read
    assertThat(read(ref(p), source(options(p), ReadLimits.defaults().with("http-header-bytes", 256 << 10))))
        .isEqualTo(expected);
  }

  @Test
  void should_stop_ten_thousand_small_headers_at_http_header_bytes() throws IOException {
    // GIVEN the manifest comes with 10,000 headers of 10 bytes
    HostileProxy p = proxy(plain);
    String[] many = new String[20_000];
    for (int i = 0; i < 10_000; i++) {
      many[2 * i] = "X-" + i;
      many[2 * i + 1] = "v";
    }
    p.on("many", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.withHeaders(many));
    // WHEN / THEN
    assertThatThrownBy(() -> read(ref(p), source(options(p))))
        .isInstanceOfSatisfying(LimitExceededException.class,
            e -> assertThat(e.limit()).isEqualTo("http-header-bytes"));
  }

  @Test
  void should_fail_typed_when_headers_pass_what_the_jdk_http_client_accepts() throws IOException {
    // GIVEN a 1 MiB header and http-header-bytes raised to 4 MiB: java.net.http refuses headers over
    // jdk.http.maxHeaderSize (384 KiB by default) before the library sees them
    HostileProxy p = proxy(plain);
    p.on("huge", pathContains("/manifests/latest"), Integer.MAX_VALUE,
        HostileProxy.withHeaders("X-Filler", "a".repeat(1 << 20)));
    // WHEN / THEN
    assertThatThrownBy(() -> read(ref(p), source(options(p), ReadLimits.defaults().with("http-header-bytes", 4 << 20))))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage())
            .contains("pull manifest latest: no response after 2 attempts: ProtocolException (Header size too big"))
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
  }

  // ------------------------------------------------------------------------------------------ error bodies

  @Test
  void should_read_as_much_of_an_error_body_as_http_error_bytes_says() throws IOException {
    // GIVEN a 404 whose JSON body of 10,001 error codes is 120 KB
    HostileProxy p = proxy(plain);
    p.on("codes", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.respond(404,
        ("{\"errors\":[" + "{\"code\":\"C\"},".repeat(10_000) + "{\"code\":\"C\",\"message\":\"last\"}]}")
            .getBytes(StandardCharsets.US_ASCII), "Content-Type", "application/json"));
    // WHEN the default 64 KiB is read THEN the cut JSON gives only the status
    assertThatThrownBy(() -> read(ref(p), source(options(p))))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCodes()).isEmpty());
    // WHEN http-error-bytes=256k THEN the whole body is read: 16 codes are kept, and its message
    ReadLimits raised = ReadLimits.defaults().with("http-error-bytes", 256 << 10);
    assertThatThrownBy(() -> read(ref(p), source(options(p), raised)))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.errorCodes()).hasSize(16).containsOnly("C");
          assertThat(e.getMessage()).contains("pull manifest latest: last (HTTP 404) [C, C, ");
        });
  }

  static Stream<Arguments> errorBodies() {
    byte[] binary = new byte[4096];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31);
    }
    return Stream.of(
        Arguments.of("html", 404, "text/html", ("<html><head><title>404</title></head>\n<body><h1>Not Found</h1>\n"
            + "<script>alert(1)</script></body></html>").getBytes(StandardCharsets.UTF_8),
            "pull manifest latest: <html><head><title>404</title></head> <body><h1>Not Found</h1>", List.of()),
        Arguments.of("binary", 404, "application/octet-stream", binary, "pull manifest latest: not found", List.of()),
        Arguments.of("binary-as-text", 400, "text/plain", binary, "pull manifest latest: ", List.of()),
        Arguments.of("huge", 400, "text/plain", "x".repeat(10 << 20).getBytes(StandardCharsets.US_ASCII),
            "pull manifest latest: xxxxxxxxxx", List.of()),
        Arguments.of("invalid-json", 404, "application/json",
            "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"bad".getBytes(StandardCharsets.UTF_8),
            "pull manifest latest: not found (HTTP 404)", List.of()),
        Arguments.of("errors-object", 404, "application/json",
            "{\"errors\":{\"code\":7}}".getBytes(StandardCharsets.UTF_8),
            "pull manifest latest: not found (HTTP 404)", List.of()),
        Arguments.of("wrong-types", 404, "application/json",
            "{\"errors\":[{\"code\":[\"X\"],\"message\":{\"a\":1}},{\"code\":null}]}".getBytes(StandardCharsets.UTF_8),
            "pull manifest latest: not found (HTTP 404)", List.of()),
        Arguments.of("escapes", 404, "application/json",
            ("{\"errors\":[{\"code\":\"DENIED\\u001b[31m\",\"message\":\"line1\\nline2\\u001b[2J\"},"
                + "{\"code\":\"OK_CODE\"}]}")
                .getBytes(StandardCharsets.UTF_8),
            "pull manifest latest: line1 line2 [2J (HTTP 404) [OK_CODE]", List.of("OK_CODE")),
        Arguments.of("deep-json", 404, "application/json", ("{\"errors\":" + "[".repeat(100_000))
            .getBytes(StandardCharsets.US_ASCII), "pull manifest latest: not found (HTTP 404)", List.of()),
        // 4,001 codes in 48 KB: the first 16 are kept
        Arguments.of("many-codes", 404, "application/json", ("{\"errors\":[" + "{\"code\":\"C\"},".repeat(4_000)
            + "{\"code\":\"C\"}]}").getBytes(StandardCharsets.US_ASCII),
            "pull manifest latest: not found (HTTP 404) [C, C,", java.util.Collections.nCopies(16, "C")),
        // the same past http-error-bytes: the cut JSON is not read, the status alone must do
        Arguments.of("too-many-codes", 404, "application/json", ("{\"errors\":["
            + "{\"code\":\"C\"},".repeat(10_000) + "{\"code\":\"C\"}]}").getBytes(StandardCharsets.US_ASCII),
            "pull manifest latest: not found (HTTP 404)", List.of()),
        Arguments.of("server-error", 500, "text/html", "<h1>502 Bad Gateway</h1>".getBytes(StandardCharsets.US_ASCII),
            "pull manifest latest: <h1>502 Bad Gateway</h1> (HTTP 500)", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorBodies")
  void should_fail_with_the_status_and_a_bounded_message_for_any_error_body(String name, int status, String type,
      byte[] body, String message, List<String> codes) throws IOException {
    // GIVEN the manifest answers an error with this body
    HostileProxy p = proxy(plain);
    p.on(name, pathContains("/manifests/latest"), Integer.MAX_VALUE,
        HostileProxy.respond(status, body, "Content-Type", type));
    // WHEN / THEN
    assertThatThrownBy(() -> read(ref(p), source(options(p))))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(status);
          assertThat(e.getMessage()).contains(message);
          assertThat(e.errorCodes()).isEqualTo(codes);
          assertThat(e.errorCodes()).hasSizeLessThanOrEqualTo(16);
          assertThat(e.getMessage().chars().filter(c -> c < 0x20 || c == 0x7f)).isEmpty();
        })
        .satisfies(e -> namesSource(p).accept((ImageSourceException) e));
  }
}
