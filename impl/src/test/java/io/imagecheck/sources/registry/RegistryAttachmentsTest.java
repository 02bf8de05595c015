package io.imagecheck.sources.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.source.DockerReference;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link RegistryAttachments} against an in-process registry that has a cosign {@code .sig}
 * tag and answers the referrers API with 405 (unsupported), so the {@code sha256-<hex>} tag is read.
 */
class RegistryAttachmentsTest {

  private static final Digest SUBJECT = Digest.sha256("subject".getBytes(StandardCharsets.UTF_8));
  private static final String TAG = "sha256-" + SUBJECT.hex();
  private static final String BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json";
  private static final byte[] SIG = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
      + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":2,\"digest\":\""
      + Digest.sha256("{}".getBytes(StandardCharsets.UTF_8)) + "\"},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
  private static final byte[] INDEX = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
      + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":321,\"digest\":\"sha256:"
      + "b1".repeat(32) + "\",\"artifactType\":\"" + BUNDLE + "\"},{\"mediaType\":\"application/vnd.oci.image.manifest"
      + ".v1+json\",\"size\":322,\"digest\":\"sha256:" + "b2".repeat(32) + "\",\"artifactType\":\"" + BUNDLE + "\"}]}")
      .getBytes(StandardCharsets.UTF_8);

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      requests.add(ex.getRequestMethod() + " " + path);
      byte[] body;
      String type;
      if (path.equals("/v2/")) {
        body = "{}".getBytes(StandardCharsets.UTF_8);
        type = "application/json";
      } else if (path.equals("/v2/lab/app/manifests/" + TAG + ".sig")) {
        body = SIG;
        type = "application/vnd.oci.image.manifest.v1+json";
      } else if (path.equals("/v2/lab/app/manifests/" + TAG)) {
        body = INDEX;
        type = "application/vnd.oci.image.index.v1+json";
      } else if (path.startsWith("/v2/lab/app/referrers/")) {
        ex.sendResponseHeaders(405, -1);
        return;
      } else {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      ex.getResponseHeaders().add("Content-Type", type);
      ex.getResponseHeaders().add("Docker-Content-Digest", Digest.sha256(body).toString());
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
        ex.sendResponseHeaders(200, -1);
        return;
      }
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private RegistryAttachments attachments(ReadLimits limits) {
    String host = "127.0.0.1:" + server.getAddress().getPort();
    RegistryClient client = RegistryClient.create(RegistryOptions.builder().insecureRegistry(host)
        .environment(Map.of()).maxAttempts(1).readTimeout(Duration.ofSeconds(2)).build());
    return new RegistryAttachments(client.repository(DockerReference.parse(host + "/lab/app"), limits));
  }

  @Test
  void should_list_the_cosign_tag_and_the_referrers_of_the_tag_fallback_when_the_api_is_unsupported()
      throws IOException {
    // GIVEN
    RegistryAttachments a = attachments(ReadLimits.defaults());
    // WHEN
    List<Descriptor> found = a.manifests(SUBJECT);
    // THEN
    assertThat(found).extracting(d -> d.refName().orElse("")).containsExactly(TAG + ".sig", "referrer in " + TAG,
        "referrer in " + TAG);
    assertThat(found.get(0).digest()).isEqualTo(Digest.sha256(SIG));
    assertThat(found.get(1).artifactType()).contains(BUNDLE);
    assertThat(requests).contains("HEAD /v2/lab/app/manifests/" + TAG + ".sig", "HEAD /v2/lab/app/manifests/"
        + TAG + ".att", "HEAD /v2/lab/app/manifests/" + TAG + ".sbom", "GET /v2/lab/app/referrers/" + SUBJECT,
        "GET /v2/lab/app/manifests/" + TAG);
  }

  @Test
  void should_stop_at_the_referrers_limit() {
    // GIVEN three candidates, a limit of two
    RegistryAttachments a = attachments(ReadLimits.defaults().with("referrers=2"));
    // WHEN / THEN
    assertThatThrownBy(() -> a.manifests(SUBJECT)).isInstanceOfSatisfying(LimitExceededException.class,
        e -> assertThat(e.getMessage()).contains("attachments of " + SUBJECT.shortForm()).contains("referrers"));
  }
}
