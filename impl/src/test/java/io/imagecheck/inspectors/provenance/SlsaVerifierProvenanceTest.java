package io.imagecheck.inspectors.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspectors.Inspectors;
import io.imagecheck.policy.Policy;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testing.Fixtures;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code provenance} inspector on slsa-verifier's v2.1.0 {@code cosign save} layout
 * ({@code fixtures/real/slsa-verifier-cosign-layout-v2.1.0}): a BuildKit image whose unsigned SLSA v0.2
 * provenance lists golang:1.21 (the build stage) and gcr.io/distroless/static (the final stage's base)
 * as materials, and whose last of 12 layers is the build's own {@code COPY /app/app /app}.
 */
class SlsaVerifierProvenanceTest {

  private static InspectorResult scan() throws IOException {
    Policy p = Policy.builder("test").inspectors(ProvenanceInspector.ID).build();
    try (ImageSource source = ImageSources.open("oci:"
        + Fixtures.real("slsa-verifier-cosign-layout-v2.1.0/container_workflow_dispatch"))) {
      return Scanner.with(p, Inspectors.builtIn()).scan(source, source.image()).results().get(0);
    }
  }

  @Test
  void should_list_both_build_images_from_the_buildkit_materials_and_claim_no_single_base_offline()
      throws IOException {
    // WHEN
    InspectorResult r = scan();
    // THEN: two images were used; which one the final stage starts from needs their layers (a registry)
    assertThat(r.facts()).containsEntry("baseCandidates", List.of(
        "docker.io/library/golang:1.21@sha256:4746d26432a9117a5f58e95cb9f954ddf0de128e9d5816886514199316e4a2fb",
        "gcr.io/distroless/static:latest@sha256:3f2b64ef97bd285e36132c684e6b2ae8f2723293d09aae046196cca64251acac"))
        .doesNotContainKey("baseName");
    assertThat(r.findings()).isEmpty();
    @SuppressWarnings("unchecked")
    List<String> statements = (List<String>) r.facts().get("provenance");
    assertThat(statements).hasSize(2).anySatisfy(w -> assertThat(w).contains("attachment sha256:a79645dc6fd7"));
  }

  @Test
  void should_mark_eleven_base_layers_and_the_own_copy_layer_by_the_provenance_build_window() throws IOException {
    // WHEN
    InspectorResult r = scan();
    // THEN
    assertThat(r.facts()).containsEntry("baseLayerCount", 11);
    assertThat((String) r.facts().get("layerOriginBasis"))
        .startsWith("history times before the build started (2025-02-25T21:57:06.800879795Z, ")
        .contains("attachment sha256:a79645dc6fd7");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> layers = (List<Map<String, Object>>) r.facts().get("layers");
    assertThat(layers).hasSize(12);
    assertThat(layers.subList(0, 11)).allSatisfy(l -> assertThat(l).containsEntry("origin", "base"));
    assertThat(layers.get(11)).containsEntry("origin", "own").containsEntry("createdBy", "COPY /app/app /app # buildkit");
  }
}
