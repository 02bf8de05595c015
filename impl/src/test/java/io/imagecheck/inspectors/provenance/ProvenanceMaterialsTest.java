package io.imagecheck.inspectors.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspectors.Inspectors;
import io.imagecheck.policy.Policy;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testing.CosignFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base image from SLSA provenance materials (v1 {@code resolvedDependencies}) when no annotation or
 * label names it: an unsigned in-toto statement attached to a synthetic image as an OCI 1.1 referrer.
 */
class ProvenanceMaterialsTest {

  private static final String ALPINE = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @TempDir
  Path tmp;

  private static String statement(TestImage image, String startedOn) {
    return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app\",\"digest\":{\"sha256\":\""
        + image.manifestDigest().hex() + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{"
        + "\"buildDefinition\":{\"buildType\":\"https://mobyproject.org/buildkit@v1\",\"externalParameters\":{},"
        + "\"resolvedDependencies\":[{\"uri\":\"pkg:docker/alpine@3.20?platform=linux%2Famd64\",\"digest\":{\"sha256\":\""
        + ALPINE + "\"}},{\"uri\":\"https://github.com/example/app.git#main\",\"digest\":{\"sha1\":"
        + "\"4d329c75e7ec1725f7c9ce917a8799d408d06be3\"}}]},\"runDetails\":{\"builder\":{\"id\":\"\"},"
        + "\"metadata\":{\"startedOn\":\"" + startedOn + "\"}}}}";
  }

  private InspectorResult scan(TestImage image, String startedOn, Map<String, Object> options) throws IOException {
    Path dir = tmp.resolve("app");
    image.writeOciLayout(dir, "v1");
    CosignFormat.addToLayout(dir, CosignFormat.referrer("application/vnd.in-toto+json",
        statement(image, startedOn).getBytes(StandardCharsets.UTF_8), image.descriptor()), null);
    Policy.Builder p = Policy.builder("test").inspectors(ProvenanceInspector.ID);
    options.forEach((k, v) -> p.option(ProvenanceInspector.ID, k, v));
    try (ImageSource s = ImageSources.open("oci:" + dir + ":v1")) {
      return Scanner.with(p.build(), Inspectors.builtIn()).scan(s, s.image()).results().get(0);
    }
  }

  @Test
  void should_take_the_base_from_the_only_image_among_the_resolved_dependencies() throws IOException {
    // GIVEN
    TestImage app = TestImage.builder().layer("ADD rootfs.tar /", l -> l.file("/etc/os-release", "ID=alpine\n"))
        .layer("COPY app /app", l -> l.file("/app", "bin")).build();
    // WHEN
    InspectorResult r = scan(app, "2099-01-01T00:00:00Z", Map.of("approvedBases", List.of("gcr\\.io/distroless/.*")));
    // THEN
    assertThat(r.facts()).containsEntry("baseName", "docker.io/library/alpine:3.20")
        .containsEntry("baseDigest", "sha256:" + ALPINE).containsEntry("baseSource", "provenance materials");
    assertThat(r.findings()).extracting(Finding::ruleId).containsExactly("provenance.unapproved-base");
    assertThat(r.findings().get(0).message()).contains("base image docker.io/library/alpine:3.20 matches no approved");
  }

  @Test
  void should_approve_the_normalised_repository_name_of_a_material() throws IOException {
    // GIVEN
    TestImage app = TestImage.builder().layer("COPY app /app", l -> l.file("/app", "bin")).build();
    // WHEN
    InspectorResult r = scan(app, "2099-01-01T00:00:00Z",
        Map.of("approvedBases", List.of("docker\\.io/library/alpine")));
    // THEN
    assertThat(r.findings()).isEmpty();
    assertThat(r.facts()).containsEntry("layerOriginBasis", "unknown");
  }

  @Test
  void should_read_buildkit_purls_with_registry_path_digest_and_repository_url() {
    // GIVEN
    SlsaProvenance.Material distroless = new SlsaProvenance.Material(
        "pkg:docker/gcr.io/distroless/static?digest=sha256:" + ALPINE + "&platform=linux%2Famd64", Map.of());
    SlsaProvenance.Material golang = new SlsaProvenance.Material("pkg:docker/golang@1.21?platform=linux%2Famd64",
        Map.of("sha256", ALPINE));
    SlsaProvenance.Material qualified = new SlsaProvenance.Material(
        "pkg:docker/team/app@v2?repository_url=registry.example:5000", Map.of());
    SlsaProvenance.Material git = new SlsaProvenance.Material("https://github.com/x/y.git#main", Map.of());
    // WHEN
    Optional<BaseCandidate> a = BaseCandidate.of(distroless);
    Optional<BaseCandidate> b = BaseCandidate.of(golang);
    Optional<BaseCandidate> c = BaseCandidate.of(qualified);
    // THEN
    assertThat(a).get().extracting(BaseCandidate::pinned).isEqualTo("gcr.io/distroless/static:latest@sha256:" + ALPINE);
    assertThat(b).get().extracting(BaseCandidate::pinned).isEqualTo("docker.io/library/golang:1.21@sha256:" + ALPINE);
    assertThat(c).get().extracting(BaseCandidate::pinned).isEqualTo("registry.example:5000/team/app:v2");
    assertThat(BaseCandidate.of(git)).isEmpty();
  }
}
