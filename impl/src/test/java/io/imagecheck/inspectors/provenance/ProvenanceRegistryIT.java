package io.imagecheck.inspectors.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Digest;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspectors.Inspectors;
import io.imagecheck.policy.Policy;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testing.CosignFormat;
import io.imagecheck.testing.registry.Commands;
import io.imagecheck.testing.registry.RegistryProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code provenance} inspector's registry checks against a real {@code docker-registry} (images
 * pushed by the real {@code skopeo}): a base tag pushed again with a new image makes the image built on
 * the old one outdated; of several images in the provenance, the one whose layers the image starts with
 * is its base.
 */
class ProvenanceRegistryIT {

  @TempDir
  static Path tmp;
  static RegistryProcess registry;

  @BeforeAll
  static void start() throws IOException {
    Commands.assumeInstalled("docker-registry", "skopeo");
    registry = RegistryProcess.plain(tmp.resolve("storage"), tmp.resolve("registry"));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static TestImage.Builder base(String version) {
    return TestImage.builder().layer("ADD rootfs.tar / # base " + version,
        l -> l.file("/etc/os-release", "ID=lab\nVERSION_ID=" + version + "\n"));
  }

  private static Digest push(TestImage image, String name, String repoTag) throws IOException {
    Path dir = tmp.resolve(name);
    image.writeOciLayout(dir, "v1");
    Commands.run(Duration.ofMinutes(2), "skopeo", "copy", "-q", "--dest-tls-verify=false", "oci:" + dir + ":v1",
        "docker://" + registry.host() + "/" + repoTag);
    return image.manifestDigest();
  }

  private InspectorResult scan(Path layout) throws IOException {
    Policy p = Policy.builder("test").inspectors(ProvenanceInspector.ID)
        .option(ProvenanceInspector.ID, "checkRegistry", true)
        .option(ProvenanceInspector.ID, "insecureRegistries", List.of(registry.host())).build();
    try (ImageSource s = ImageSources.open("oci:" + layout + ":v1")) {
      return Scanner.with(p, Inspectors.builtIn()).scan(s, s.image()).results().get(0);
    }
  }

  @Test
  void should_flag_an_outdated_base_once_its_tag_is_pushed_again() throws IOException {
    // GIVEN an image built FROM lab/base:1 (labels name it and its digest)
    String baseTag = registry.host() + "/lab/base:1";
    Digest v1 = push(base("1").build(), "base-v1", "lab/base:1");
    TestImage app = base("1").config(c -> c.label(ProvenanceInspector.BASE_NAME, baseTag)
            .label(ProvenanceInspector.BASE_DIGEST, v1.toString()))
        .layer("COPY app /app", l -> l.file("/app", "bin")).build();
    Path layout = tmp.resolve("app");
    app.writeOciLayout(layout, "v1");
    // WHEN the tag still names v1, then after base v2 is pushed to the same tag
    InspectorResult current = scan(layout);
    Digest v2 = push(base("2").build(), "base-v2", "lab/base:1");
    InspectorResult outdated = scan(layout);
    // THEN
    assertThat(current.findings()).isEmpty();
    assertThat(current.facts()).containsEntry("baseTagCheck", "current: " + baseTag + " still names " + v1);
    assertThat(outdated.findings()).extracting(f -> f.ruleId() + " " + f.severity())
        .containsExactly("provenance.outdated-base MEDIUM");
    Finding f = outdated.findings().get(0);
    assertThat(f.message()).isEqualTo("base image " + baseTag + " now points to " + v2 + ", but the image was built on "
        + v1 + ": rebuild it on the current base");
    assertThat(f.evidence()).containsEntry("builtOn", v1.toString()).containsEntry("tagNow", v2.toString());
  }

  @Test
  void should_pick_the_base_among_provenance_images_by_the_layers_its_registry_has() throws IOException {
    // GIVEN a multi-stage build: a builder image and the final stage's base, both in the provenance
    Digest builder = push(TestImage.builder().layer("ADD toolchain.tar /", l -> l.file("/usr/bin/cc", "cc"))
        .build(), "builder", "lab/builder:1");
    Digest base = push(base("7").build(), "base-7", "lab/runtime:7");
    TestImage app = base("7").layer("COPY --from=build /out/app /app", l -> l.file("/app", "bin")).build();
    Path layout = tmp.resolve("multistage");
    app.writeOciLayout(layout, "v1");
    String statement = "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":[{\"name\":\"app\",\"digest\":"
        + "{\"sha256\":\"" + app.manifestDigest().hex() + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v0.2\","
        + "\"predicate\":{\"builder\":{\"id\":\"\"},\"buildType\":\"https://mobyproject.org/buildkit@v1\",\"materials\":["
        + "{\"uri\":\"pkg:docker/" + registry.host() + "/lab/builder@1\",\"digest\":{\"sha256\":\"" + builder.hex()
        + "\"}},{\"uri\":\"pkg:docker/" + registry.host() + "/lab/runtime@7\",\"digest\":{\"sha256\":\"" + base.hex()
        + "\"}}]}}";
    CosignFormat.addToLayout(layout, CosignFormat.referrer("application/vnd.in-toto+json",
        statement.getBytes(StandardCharsets.UTF_8), app.descriptor()), null);
    // WHEN
    InspectorResult r = scan(layout);
    // THEN
    assertThat(r.facts()).containsEntry("baseName", registry.host() + "/lab/runtime:7")
        .containsEntry("baseDigest", base.toString())
        .containsEntry("baseSource", "provenance materials, layers confirmed by the registry")
        .containsEntry("baseLayerCount", 1)
        .containsEntry("layerOriginBasis", "diff_ids of " + registry.host() + "/lab/runtime:7 from its registry");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> layers = (List<Map<String, Object>>) r.facts().get("layers");
    assertThat(layers).extracting(l -> l.get("origin")).containsExactly("base", "own");
    assertThat(r.findings()).isEmpty();
  }
}
