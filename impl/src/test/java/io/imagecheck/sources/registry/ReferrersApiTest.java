package io.imagecheck.sources.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.source.DockerReference;
import io.imagecheck.source.ImageFormatException;
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
 * The OCI 1.1 referrers API ({@code GET /v2/<name>/referrers/<digest>}) against a small HTTP handler
 * serving the distribution specification's example responses: Debian's registry 2.8 has no such
 * endpoint (its tag fallback is tested against the real registry in {@code RegistrySourceIT}).
 */
class ReferrersApiTest {

  private static final Digest SUBJECT = Digest.sha256("subject".getBytes(StandardCharsets.UTF_8));
  private static final String SBOM = "application/vnd.example.sbom.v1";
  private static final String SIGNATURE = "application/vnd.example.signature.v1";

  private HttpServer server;
  private final List<RegistryClient> clients = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile boolean applyFilter;

  private static String entry(String hexChar, String artifactType, String created) {
    return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":1234,\"digest\":\"sha256:"
        + hexChar.repeat(32) + "\",\"artifactType\":\"" + artifactType + "\",\"annotations\":{"
        + "\"org.opencontainers.image.created\":\"" + created + "\"}}";
  }

  private static String index(String... entries) {
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
        + String.join(",", entries) + "]}";
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    clients.forEach(RegistryClient::close);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
      requests.add(path + (query.isEmpty() ? "" : "?" + query));
      String body;
      String type = "application/vnd.oci.image.index.v1+json";
      if (path.equals("/v2/")) {
        body = "{}";
        type = "application/json";
      } else if (path.equals("/v2/lab/app/referrers/" + SUBJECT) && query.contains("last=a2")) {
        body = index(entry("a3", SBOM, "2022-01-02T00:00:00Z"));
      } else if (path.equals("/v2/lab/app/referrers/" + SUBJECT)) {
        if (applyFilter && query.contains("artifactType=")) {
          ex.getResponseHeaders().add("OCI-Filters-Applied", "artifactType");
          body = index(entry("a2", SIGNATURE, "2022-01-01T07:21:33Z"));
        } else {
          ex.getResponseHeaders().add("Link", "</v2/lab/app/referrers/" + SUBJECT + "?n=2&last=a2>; rel=\"next\"");
          body = index(entry("a1", SBOM, "2022-01-01T14:42:55Z"), entry("a2", SIGNATURE, "2022-01-01T07:21:33Z"));
        }
      } else if (path.equals("/v2/lab/app/manifests/old")) {
        type = "application/vnd.docker.distribution.manifest.v1+prettyjws";
        body = "{\"schemaVersion\":1,\"name\":\"lab/app\",\"tag\":\"old\",\"fsLayers\":[]}";
      } else {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", type);
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private RegistryRepository repository(ReadLimits limits) {
    String host = "127.0.0.1:" + server.getAddress().getPort();
    RegistryClient client = RegistryClient.create(RegistryOptions.builder().insecureRegistry(host)
        .environment(Map.of()).maxAttempts(1).readTimeout(Duration.ofSeconds(1)).build());
    clients.add(client);
    return client.repository(DockerReference.parse(host + "/lab/app"), limits);
  }

  @Test
  void should_list_referrers_across_link_pages() throws IOException {
    // GIVEN a registry whose referrers list has two pages
    RegistryRepository repo = repository(ReadLimits.defaults());
    // WHEN the referrers of the subject are listed
    Referrers r = repo.referrers(SUBJECT);
    // THEN all three entries come back with their artifact types and annotations, from the API
    assertThat(r.fromTagSchema()).isFalse();
    assertThat(r.subject()).isEqualTo(SUBJECT);
    assertThat(r.manifests()).extracting(d -> d.digest().hex().substring(0, 2)).containsExactly("a1", "a2", "a3");
    assertThat(r.manifests()).extracting(d -> d.artifactType().orElseThrow()).containsExactly(SBOM, SIGNATURE, SBOM);
    assertThat(r.manifests().get(0).annotations()).containsEntry("org.opencontainers.image.created",
        "2022-01-01T14:42:55Z");
    assertThat(requests).contains("/v2/lab/app/referrers/" + SUBJECT + "?n=2&last=a2");
  }

  @Test
  void should_filter_by_artifact_type_on_the_client_unless_the_registry_applied_the_filter() throws IOException {
    // GIVEN a registry that ignores the artifactType filter
    RegistryRepository repo = repository(ReadLimits.defaults());
    // WHEN signatures are asked for
    List<Descriptor> filteredHere = repo.referrers(SUBJECT, SIGNATURE).manifests();
    // THEN the client filtered the two pages
    assertThat(filteredHere).extracting(d -> d.digest().hex().substring(0, 2)).containsExactly("a2");
    // GIVEN the registry applies the filter and says so in OCI-Filters-Applied
    applyFilter = true;
    List<Descriptor> filteredThere = repo.referrers(SUBJECT, SIGNATURE).manifests();
    // THEN its answer is taken as is, and the filter was sent
    assertThat(filteredThere).hasSize(1);
    assertThat(requests).contains("/v2/lab/app/referrers/" + SUBJECT + "?artifactType="
        + SIGNATURE.replace("/", "%2F"));
  }

  @Test
  void should_stop_at_the_referrers_limit() {
    // GIVEN a referrers limit of 2
    RegistryRepository repo = repository(ReadLimits.defaults().with("referrers", 2));
    // WHEN the three referrers are listed THEN the limit is reported by name
    assertThatThrownBy(() -> repo.referrers(SUBJECT)).isInstanceOfSatisfying(LimitExceededException.class,
        e -> assertThat(e.limit()).isEqualTo("referrers"));
  }

  @Test
  void should_reject_a_schema_1_manifest_with_a_clear_message() {
    // GIVEN a registry that serves a Docker schema 1 manifest
    RegistryRepository repo = repository(ReadLimits.defaults());
    // WHEN it is pulled THEN it is refused, saying what to do
    assertThatThrownBy(() -> repo.manifest("old")).isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("Docker schema 1 manifest").hasMessageContaining("skopeo copy --format v2s2");
  }
}
