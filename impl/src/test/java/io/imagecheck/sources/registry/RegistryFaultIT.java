package io.imagecheck.sources.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.source.DigestMismatchException;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.RegistryException;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.sources.SourceOptions;
import io.imagecheck.sources.registry.auth.Credentials;
import io.imagecheck.testing.registry.BlobStorageServer;
import io.imagecheck.testing.registry.FaultProxy;
import io.imagecheck.testing.registry.RegistryProcess;
import io.imagecheck.testing.registry.RegistryTestImages;
import io.imagecheck.testing.registry.TokenIssuer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests: a small proxy in front of a real token-auth {@code docker-registry} injects HTTP 500,
 * HTTP 429 with {@code Retry-After}, truncated and wrong blob bodies, a redirect to another host and a
 * stalled body; the client must retry, resume, verify, drop credentials and time out as specified.
 */
class RegistryFaultIT {

  @TempDir
  static Path tmp;
  static RegistryProcess registry;
  static TokenIssuer issuer;
  static Path busyboxLayout;
  static Digest layer;
  static List<ImageFacts> expected;

  FaultProxy proxy;
  BlobStorageServer storage;

  @BeforeAll
  static void start() throws IOException {
    Path storageDir = tmp.resolve("storage");
    try (RegistryProcess plain = RegistryProcess.plain(storageDir, tmp.resolve("plain"))) {
      RegistryTestImages.push(plain.host());
    }
    issuer = TokenIssuer.start(Files.createDirectories(tmp.resolve("issuer")), "tokuser", "tokpass");
    registry = RegistryProcess.token(storageDir, tmp.resolve("token"), issuer);
    busyboxLayout = RegistryTestImages.build().resolve("busybox.oci");
    try (ImageSource local = ImageSources.open("oci:" + busyboxLayout + ":latest")) {
      layer = local.image().layers().get(0).digest();
      expected = ImageFacts.all(local);
    }
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  @BeforeEach
  void startProxy() throws IOException {
    storage = BlobStorageServer.start(busyboxLayout);
    proxy = FaultProxy.start(URI.create("http://" + registry.host()), storage.base());
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
    storage.close();
  }

  private SourceOptions options(int attempts) {
    return SourceOptions.builder().registry(RegistryOptions.builder()
        .environment(Map.of("HOME", tmp.resolve("home").toString()))
        .insecureRegistry(proxy.host())
        .credentials(proxy.host(), new Credentials("tokuser", "tokpass"))
        .readTimeout(Duration.ofSeconds(1))
        .maxAttempts(attempts)
        .retryDelay(Duration.ofMillis(50), Duration.ofSeconds(5))
        .build()).build();
  }

  private List<ImageFacts> read(SourceOptions options) throws IOException {
    try (ImageSource s = ImageSources.open("docker://" + proxy.host() + "/lab/busybox:latest", options)) {
      return ImageFacts.all(s);
    }
  }

  private long count(String pathPart, FaultProxy.Kind fault) {
    return proxy.seen().stream().filter(s -> s.path().contains(pathPart) && s.fault() == fault).count();
  }

  @Test
  void should_retry_after_a_500_and_succeed() throws IOException {
    // GIVEN the manifest answers 500 once
    proxy.fault("/manifests/latest", FaultProxy.Kind.STATUS_500, 1);
    // WHEN the image is read
    List<ImageFacts> actual = read(options(3));
    // THEN the request was retried and the image is the same as the local layout
    assertThat(actual).isEqualTo(expected);
    assertThat(count("/manifests/latest", FaultProxy.Kind.STATUS_500)).isEqualTo(1);
    assertThat(count("/manifests/latest", null)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void should_wait_for_retry_after_on_429() throws IOException {
    // GIVEN the layer blob answers 429 with Retry-After: 1 once (the client's own backoff is 50 ms)
    proxy.fault("/blobs/" + layer, FaultProxy.Kind.STATUS_429, 1);
    // WHEN the image is read
    long t0 = System.nanoTime();
    List<ImageFacts> actual = read(options(3));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    // THEN it waited about a second before the retry, and succeeded
    assertThat(actual).isEqualTo(expected);
    assertThat(ms).isGreaterThanOrEqualTo(950);
    assertThat(count("/blobs/" + layer, FaultProxy.Kind.STATUS_429)).isEqualTo(1);
  }

  @Test
  void should_not_retry_a_404() {
    // GIVEN a tag that does not exist
    // WHEN it is opened THEN it fails at once with the registry's code, after one request
    assertThatThrownBy(() -> ImageSources.open("docker://" + proxy.host() + "/lab/busybox:nope", options(4)))
        .isInstanceOfSatisfying(RegistryException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.errorCodes()).containsExactly("MANIFEST_UNKNOWN");
          assertThat(e.operation()).isEqualTo("pull manifest nope");
        });
    // the /v2/ ping already gave the challenge, so the one authenticated request was not repeated
    assertThat(proxy.seen().stream().filter(s -> s.path().endsWith("/manifests/nope")).count()).isEqualTo(1);
  }

  @Test
  void should_resume_a_truncated_blob_with_a_range_request() throws IOException {
    // GIVEN the layer blob is cut off in the middle once
    proxy.fault("/blobs/" + layer, FaultProxy.Kind.TRUNCATE, 1);
    // WHEN the image is read
    List<ImageFacts> actual = read(options(3));
    // THEN the download resumed from where it broke off and verified
    assertThat(actual).isEqualTo(expected);
    assertThat(proxy.seen()).anySatisfy(s -> {
      assertThat(s.path()).contains("/blobs/" + layer);
      assertThat(s.range()).matches("bytes=[1-9][0-9]*-");
    });
  }

  @Test
  void should_fail_when_a_blob_stays_truncated() throws IOException {
    // GIVEN the layer blob is always cut off
    proxy.fault("/blobs/" + layer, FaultProxy.Kind.TRUNCATE, Integer.MAX_VALUE);
    try (ImageSource s = ImageSources.open("docker://" + proxy.host() + "/lab/busybox:latest", options(2))) {
      Image image = s.image();
      // WHEN the layer is read THEN it fails naming the blob, after the allowed attempts
      assertThatThrownBy(() -> drain(image))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("pull blob " + layer)
          .hasMessageContaining("broke off");
    }
  }

  @Test
  void should_fail_with_digest_mismatch_on_wrong_bytes() throws IOException {
    // GIVEN the layer blob's last byte is changed on the way
    proxy.fault("/blobs/" + layer, FaultProxy.Kind.WRONG_BYTES, Integer.MAX_VALUE);
    try (ImageSource s = ImageSources.open("docker://" + proxy.host() + "/lab/busybox:latest", options(2))) {
      Image image = s.image();
      // WHEN the compressed layer is read THEN the digest check fails
      assertThatThrownBy(() -> {
        try (InputStream in = image.layers().get(0).openCompressed()) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
      }).isInstanceOfSatisfying(DigestMismatchException.class, e -> assertThat(e.expected()).isEqualTo(layer));
    }
  }

  @Test
  void should_follow_a_redirect_to_another_host_without_the_authorization_header() throws IOException {
    // GIVEN the registry redirects the layer blob to blob storage on another host
    proxy.fault("/blobs/" + layer, FaultProxy.Kind.REDIRECT, Integer.MAX_VALUE);
    // WHEN the image is read
    List<ImageFacts> actual = read(options(2));
    // THEN the blob came from the storage host, which never saw the registry's token
    assertThat(actual).isEqualTo(expected);
    assertThat(storage.authorization()).isNotEmpty().containsOnly(false);
    assertThat(proxy.seen()).anySatisfy(s -> {
      assertThat(s.path()).contains("/blobs/" + layer);
      assertThat(s.authorization()).isTrue();
    });
  }

  @Test
  void should_stop_following_redirects_at_the_redirects_limit() {
    // GIVEN the manifest redirects to itself forever, and a limit of 3 redirects
    proxy.fault("/manifests/latest", FaultProxy.Kind.REDIRECT_LOOP, Integer.MAX_VALUE);
    SourceOptions o = options(2).toBuilder().limits(io.imagecheck.source.ReadLimits.defaults().with("redirects", 3))
        .build();
    // WHEN the image is opened THEN the limit stops it, by name, after 4 requests
    assertThatThrownBy(() -> ImageSources.open("docker://" + proxy.host() + "/lab/busybox:latest", o))
        .isInstanceOfSatisfying(io.imagecheck.source.LimitExceededException.class,
            e -> assertThat(e.limit()).isEqualTo("redirects"));
    assertThat(count("/manifests/latest", FaultProxy.Kind.REDIRECT_LOOP)).isEqualTo(4);
  }

  @Test
  void should_time_out_a_stalled_body() throws IOException {
    // GIVEN the layer blob stops sending in the middle, every time
    proxy.fault("/blobs/" + layer, FaultProxy.Kind.STALL, Integer.MAX_VALUE);
    try (ImageSource s = ImageSources.open("docker://" + proxy.host() + "/lab/busybox:latest", options(2))) {
      Image image = s.image();
      long t0 = System.nanoTime();
      // WHEN the layer is read THEN it times out (1 s per attempt, 2 attempts), well before the stall ends
      assertThatThrownBy(() -> drain(image))
          .isInstanceOf(RegistryException.class)
          .hasRootCauseInstanceOf(HttpTimeoutException.class);
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(FaultProxy.STALL_MILLIS + 1000);
    }
  }

  @Test
  void should_send_requests_through_the_proxy_named_by_http_proxy_unless_no_proxy_exempts_the_host()
      throws IOException {
    // GIVEN HTTP_PROXY/HTTPS_PROXY naming the proxy (used here as a plain forward proxy), registry reached directly
    Map<String, String> env = new java.util.HashMap<>(Map.of("HOME", tmp.resolve("home").toString(),
        "HTTP_PROXY", "http://" + proxy.host(), "https_proxy", "http://" + proxy.host()));
    RegistryOptions.Builder b = RegistryOptions.builder().insecureRegistry(registry.host())
        .credentials(registry.host(), new Credentials("tokuser", "tokpass")).readTimeout(Duration.ofSeconds(2));
    String ref = "docker://" + registry.host() + "/lab/busybox:latest";
    // WHEN the image is read
    List<ImageFacts> viaProxy;
    try (ImageSource s = ImageSources.open(ref, SourceOptions.builder().registry(b.environment(env).build()).build())) {
      viaProxy = ImageFacts.all(s);
    }
    // THEN every registry request went through the proxy
    assertThat(viaProxy).isEqualTo(expected);
    assertThat(proxy.seen()).anySatisfy(s -> assertThat(s.path()).contains("/blobs/" + layer));
    // WHEN NO_PROXY names the registry's address THEN the proxy sees nothing more
    int seen = proxy.seen().size();
    env.put("NO_PROXY", "localhost,127.0.0.1");
    try (ImageSource s = ImageSources.open(ref, SourceOptions.builder().registry(b.environment(env).build()).build())) {
      assertThat(ImageFacts.all(s)).isEqualTo(expected);
    }
    assertThat(proxy.seen()).hasSize(seen);
  }

  private static void drain(Image image) throws IOException {
    try (InputStream in = image.layers().get(0).openUncompressed()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
