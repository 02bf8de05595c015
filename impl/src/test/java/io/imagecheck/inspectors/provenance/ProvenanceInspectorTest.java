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
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ProvenanceInspector} on synthetic images built on a synthetic base. */
class ProvenanceInspectorTest {

  @TempDir
  Path tmp;

  private InspectorResult scan(TestImage image, Map<String, Object> options) throws IOException {
    Path dir = tmp.resolve("app");
    image.writeOciLayout(dir, "v1");
    Policy.Builder p = Policy.builder("test").inspectors(ProvenanceInspector.ID);
    options.forEach((k, v) -> p.option(ProvenanceInspector.ID, k, v));
    try (ImageSource s = ImageSources.open("oci:" + dir + ":v1")) {
      return Scanner.with(p.build(), Inspectors.builtIn()).scan(s, s.image()).results().get(0);
    }
  }

  private static TestImage.Builder base() {
    return TestImage.builder().layer("ADD rootfs.tar /", l -> l.file("/etc/os-release", "ID=test\n"));
  }

  @Test
  void should_mark_base_and_own_layers_and_flag_a_mutable_unapproved_base() throws IOException {
    // GIVEN
    Path baseDir = tmp.resolve("base");
    base().build().writeOciLayout(baseDir, "v1");
    TestImage app = base().config(c -> c.label(ProvenanceInspector.BASE_NAME, "docker.io/library/debian:12"))
        .layer("COPY app /app", l -> l.file("/app", "bin")).build();
    // WHEN
    InspectorResult r = scan(app, Map.of("baseImage", "oci:" + baseDir + ":v1",
        "approvedBases", List.of("gcr\\.io/distroless/.*")));
    // THEN
    assertThat(r.findings()).extracting(Finding::ruleId)
        .containsExactly("provenance.mutable-base", "provenance.unapproved-base");
    assertThat(r.facts()).containsEntry("baseName", "docker.io/library/debian:12").containsEntry("baseLayerCount", 1);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> layers = (List<Map<String, Object>>) r.facts().get("layers");
    assertThat(layers).extracting(l -> l.get("origin")).containsExactly("base", "own");
    assertThat(layers).extracting(l -> l.get("createdBy")).containsExactly("ADD rootfs.tar /", "COPY app /app");
  }

  @Test
  void should_report_base_mismatch_when_the_first_layers_differ() throws IOException {
    // GIVEN
    Path otherDir = tmp.resolve("other");
    TestImage.builder().layer("ADD other.tar /", l -> l.file("/etc/os-release", "ID=other\n")).build()
        .writeOciLayout(otherDir, "v1");
    TestImage app = base().config(c -> c.label(ProvenanceInspector.BASE_NAME,
            "gcr.io/distroless/static@sha256:0000000000000000000000000000000000000000000000000000000000000000"))
        .layer("COPY app /app", l -> l.file("/app", "bin")).build();
    // WHEN
    InspectorResult r = scan(app, Map.of("baseImage", "oci:" + otherDir + ":v1",
        "approvedBases", List.of("gcr\\.io/distroless/.*")));
    // THEN
    assertThat(r.findings()).extracting(Finding::ruleId).containsExactly("provenance.base-mismatch");
    assertThat(r.findings().get(0).message()).contains("its layer 1 is sha256:");
  }
}
