package io.imagecheck.cli;

import static io.imagecheck.testing.registry.HostileProxy.pathContains;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Digest;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testing.registry.HostileProxy;
import io.imagecheck.testing.registry.LeftoverThreads;
import io.imagecheck.testing.registry.RegistryProcess;
import io.imagecheck.testing.registry.RegistryTestImages;
import io.imagecheck.testing.registry.TokenIssuer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's registry threats through the command line: a real {@code docker-registry} behind impl's
 * {@link HostileProxy}. Every failure is exit status 2 and one stderr line
 * {@code imagecheck: docker://HOST/REPO: problem} without a stack trace (unless {@code --debug}),
 * {@code --limit} raises the limit that stopped it, credentials never appear, and no
 * {@code imagecheck-*} or {@code HttpClient-*} thread is left after the command.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HostileRegistryCliIT {

  private static final String REPO = "lab/busybox";

  @TempDir static Path shared;
  static RegistryProcess plain;
  static RegistryProcess token;
  static TokenIssuer issuer;
  static Digest layer;
  static long layerSize;
  static Path authFile;

  @TempDir Path tmp;
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
      layer = local.image().layers().get(0).digest();
      layerSize = local.image().layers().get(0).size();
    }
    // no credentials from the machine's Docker or containers configuration
    authFile = Files.writeString(shared.resolve("auth.json"), "{}", StandardCharsets.UTF_8);
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
    assertThat(LeftoverThreads.after(threads)).as("imagecheck and HTTP client threads left after the command")
        .isEmpty();
  }

  private HostileProxy proxy(RegistryProcess registry) throws IOException {
    HostileProxy p = HostileProxy.plain(URI.create("http://" + registry.host()));
    proxies.add(p);
    return p;
  }

  private HostileProxy tlsProxy(RegistryProcess registry) throws IOException {
    HostileProxy p = HostileProxy.tls(URI.create("http://" + registry.host()), tmp.resolve("tls" + proxies.size()));
    proxies.add(p);
    return p;
  }

  private static String ref(HostileProxy p) {
    return "docker://" + p.host() + "/" + REPO + ":latest";
  }

  /** {@code ls REF --authfile EMPTY} plus the flags a plain proxy needs ({@code --tls-verify=false}) and more. */
  private static String[] ls(HostileProxy p, String... more) {
    List<String> args = new ArrayList<>(List.of("ls", ref(p), "--authfile", authFile.toString()));
    if (!p.base().startsWith("https:")) {
      args.add("--tls-verify=false");
    }
    args.addAll(Arrays.asList(more));
    return args.toArray(String[]::new);
  }

  /** Runs a command that must fail, checks the one-line contract, and returns the line. */
  private static String fails(HostileProxy p, String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.code()).as(String.join(" ", args) + "\n" + run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).as("stderr").hasSize(1);
    String line = run.errLines().get(0);
    assertThat(line).matches("\\Qimagecheck: docker://" + p.host() + "/" + REPO + "\\E(:latest)?: .+")
        .doesNotContain("internal error", "\tat ", "tokpass");
    return line;
  }

  private static void passes(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.code()).as(String.join(" ", args) + "\n" + run.err()).isZero();
    assertThat(run.out()).contains("/bin/busybox");
  }

  @Test
  void should_stop_an_endless_manifest_at_manifest_bytes() throws IOException {
    // GIVEN a manifest body that never ends
    HostileProxy p = proxy(plain);
    p.on("endless", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.endless(200,
        "application/vnd.oci.image.manifest.v1+json", -1, "{\"a\":[".getBytes(StandardCharsets.US_ASCII)));
    // WHEN / THEN
    assertThat(fails(p, ls(p, "--limit", "manifest-bytes=64k"))).endsWith(": manifest latest exceeds the limit "
        + "manifest-bytes=65536 (raise it with ReadLimits or --limit manifest-bytes=N)");
  }

  @Test
  void should_fail_in_one_line_when_bodies_are_shorter_or_longer_than_advertised() throws IOException {
    // GIVEN a manifest cut short of its Content-Length
    HostileProxy p = proxy(plain);
    p.on("shorter", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.bodyShorterThanContentLength());
    // WHEN / THEN
    assertThat(fails(p, ls(p))).contains(": pull manifest latest: the response body broke off: ")
        .endsWith("(HTTP 200)");
    // GIVEN a layer longer than its descriptor
    HostileProxy q = proxy(plain);
    q.on("extended", pathContains("/blobs/" + layer), Integer.MAX_VALUE, HostileProxy.bodyExtended(new byte[1000]));
    // WHEN / THEN
    assertThat(fails(q, ls(q))).contains(layer + " has more than " + layerSize + " bytes, descriptor says "
        + layerSize);
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void should_fail_a_manifest_that_drips_one_byte_a_second_after_the_default_read_timeout() throws IOException {
    // GIVEN a manifest body that arrives one byte a second (about 10 minutes for this manifest)
    HostileProxy p = proxy(plain);
    p.on("drip", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.drip(Duration.ofSeconds(1), false));
    long t0 = System.nanoTime();
    // WHEN / THEN one 60 s read timeout of waiting, then a one-line failure
    assertThat(fails(p, ls(p))).contains(": pull manifest latest: the response body broke off: the response drips (")
        .contains("at least 65536 bytes must arrive per 60000 ms read timeout)");
    assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(59_000L, 120_000L);
  }

  @Test
  void should_stop_redirect_loops_at_the_redirects_limit_and_follow_a_chain_within_a_raised_one() throws IOException {
    // GIVEN a redirect loop
    HostileProxy p = proxy(plain);
    p.on("loop", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.redirect(302, r -> r.target()));
    // WHEN / THEN
    assertThat(fails(p, ls(p))).endsWith(": pull manifest latest: redirects exceeds the limit redirects=10 "
        + "(raise it with ReadLimits or --limit redirects=N)");
    // GIVEN a chain of 11 redirects to the manifest
    HostileProxy chain = proxy(plain);
    chain.on("chain", pathContains("/manifests/latest"), 11,
        HostileProxy.redirect(307, r -> "/v2/" + REPO + "/manifests/latest?hop=" + chain.answeredBy("chain")));
    // WHEN / THEN it fails at the default, and passes with --limit redirects=11
    assertThat(fails(chain, ls(chain))).contains("exceeds the limit redirects=10");
    passes(ls(chain, "--limit", "redirects=11"));
  }

  @Test
  void should_refuse_a_redirect_from_https_to_plain_http() throws IOException {
    // GIVEN a verified TLS registry that redirects the layer to plain http
    HostileProxy tls = tlsProxy(plain);
    HostileProxy http = proxy(plain);
    tls.on("downgrade", pathContains("/blobs/" + layer), Integer.MAX_VALUE,
        HostileProxy.redirect(307, r -> http.base() + r.target()));
    // WHEN / THEN
    assertThat(fails(tls, ls(tls, "--cert-dir", tls.certDir().toString())))
        .contains(": pull blob " + layer + ": refusing a redirect from https to plain http (127.0.0.1) (HTTP 307)");
    assertThat(http.seen()).isEmpty();
  }

  @Test
  void should_withhold_credentials_from_a_plain_http_token_realm_unless_the_registry_is_insecure() throws IOException {
    // GIVEN a verified TLS front of the token registry, whose realm is plain http, and --creds
    HostileProxy tls = tlsProxy(token);
    int before = issuer.authorization().size();
    // WHEN / THEN
    assertThat(fails(tls, ls(tls, "--cert-dir", tls.certDir().toString(), "--creds", "tokuser:tokpass")))
        .contains(": get a token for repository:" + REPO + ":pull from http://127.0.0.1:")
        .endsWith(": refusing to send credentials to a plain-HTTP token realm (name the registry insecure to allow "
            + "it)");
    assertThat(issuer.authorization().subList(before, issuer.authorization().size())).doesNotContain(true);
    // WHEN the registry is named insecure (--tls-verify=false) THEN the credentials go and the image is listed
    passes("ls", ref(tls), "--authfile", authFile.toString(), "--tls-verify=false", "--creds", "tokuser:tokpass");
    assertThat(issuer.authorization().subList(before, issuer.authorization().size())).contains(true);
  }

  @Test
  void should_fail_in_one_line_on_a_malformed_challenge() throws IOException {
    // GIVEN a /v2/ ping answered 401 with an unterminated quoted realm
    HostileProxy p = proxy(plain);
    p.on("challenge", r -> r.path().equals("/v2/"), Integer.MAX_VALUE, HostileProxy.respond(401, new byte[0],
        "WWW-Authenticate", "Bearer realm=\"https://auth.example/token"));
    // WHEN / THEN
    assertThat(fails(p, ls(p, "--creds", "tokuser:tokpass")))
        .endsWith(": malformed WWW-Authenticate header: unterminated quoted string starting at offset 13");
  }

  @Test
  void should_stop_huge_headers_at_http_header_bytes_and_pass_when_the_limit_is_raised() throws IOException {
    // GIVEN a manifest answer with a 100 KB header
    HostileProxy p = proxy(plain);
    p.on("huge", pathContains("/manifests/latest"), Integer.MAX_VALUE,
        HostileProxy.withHeaders("X-Filler", "a".repeat(100_000)));
    // WHEN / THEN
    assertThat(fails(p, ls(p))).contains(": pull manifest latest: response headers (")
        .endsWith("exceeds the limit http-header-bytes=65536 (raise it with ReadLimits or --limit "
            + "http-header-bytes=N)");
    passes(ls(p, "--limit", "http-header-bytes=256k"));
  }

  @Test
  void should_print_an_error_body_as_one_escaped_line_and_the_stack_trace_only_with_debug() throws IOException {
    // GIVEN a 404 whose text body has an escape sequence, a newline and a right-to-left override
    HostileProxy p = proxy(plain);
    p.on("error", pathContains("/manifests/latest"), Integer.MAX_VALUE, HostileProxy.respond(404,
        "not \u001b[2Jhere\nreally \u202egnp.exe".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain"));
    // WHEN / THEN
    assertThat(fails(p, ls(p))).endsWith(": pull manifest latest: not  [2Jhere really \\u202Egnp.exe (HTTP 404)");
    CliRun debug = CliRun.of(ls(p, "--debug"));
    assertThat(debug.code()).isEqualTo(2);
    assertThat(debug.err()).contains("\tat io.imagecheck.");
    assertThat(debug.errLines()).last().asString().startsWith("imagecheck: docker://" + p.host() + "/" + REPO + ": ");
  }
}
