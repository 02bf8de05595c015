package io.imagecheck.sources.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.lab.LabImageFacts;
import io.imagecheck.lab.LabImages;
import io.imagecheck.lab.LabIndexFacts;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.sources.SourceOptions;
import io.imagecheck.sources.registry.auth.Credentials;
import io.imagecheck.testing.registry.Commands;
import io.imagecheck.testing.registry.ThreeRegistries;
import io.imagecheck.testing.registry.ThreeRegistries.Setup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every image of the project's real-tool lab ({@link LabImages}: busybox, its zstd copy, the arm64 image,
 * the multi-platform index, distroless, debian and debian-stripped, debian-zstd, pkgdbs, bud), pushed
 * with {@code skopeo} as the shared lab does (OCI as built; busybox and the index also as Docker v2s2),
 * read back through all three registry setups and compared with its local layout: same config digest,
 * diff_ids and per-layer file lists.
 */
class RegistryLabImagesIT {

  @TempDir
  static Path tmp;
  static ThreeRegistries registries;
  /** repository:tag to the local layout reference it was pushed from. */
  static final Map<String, String> PUSHED = new LinkedHashMap<>();
  static final Map<String, List<ImageFacts>> LOCAL = new LinkedHashMap<>();

  @BeforeAll
  static void pushLabImages() throws IOException {
    Commands.assumeInstalled("docker-registry", "skopeo", "htpasswd", "openssl");
    LabImages lab = LabImages.get();
    Map<String, String[]> plan = new LinkedHashMap<>();
    for (LabImageFacts i : lab.facts().images().values()) {
      String src = "oci:" + lab.layout(i.name()) + ":" + i.tag();
      plan.put("lab/" + i.name() + ":latest", new String[] {src});
      if (i.name().equals("busybox")) {
        plan.put("lab/busybox:v2s2", new String[] {src, "--format", "v2s2"});
      }
    }
    for (LabIndexFacts x : lab.facts().indexes().values()) {
      String src = "oci:" + lab.layout(x.name()) + ":" + x.tag();
      plan.put("lab/" + x.name() + ":latest", new String[] {src, "--all"});
      plan.put("lab/" + x.name() + ":v2s2", new String[] {src, "--all", "--format", "v2s2"});
    }
    registries = ThreeRegistries.start(tmp, host -> {
      for (Map.Entry<String, String[]> e : plan.entrySet()) {
        String[] a = e.getValue();
        List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "-q", "--dest-tls-verify=false"));
        cmd.addAll(List.of(a).subList(1, a.length));
        cmd.add(a[0]);
        cmd.add("docker://" + host + "/" + e.getKey());
        Commands.run(Duration.ofSeconds(300), cmd.toArray(String[]::new));
        PUSHED.put(e.getKey(), a[0]);
      }
    });
  }

  @AfterAll
  static void stop() {
    if (registries != null) {
      registries.close();
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Setup s : Setup.values()) {
      PUSHED.forEach((repoTag, layout) -> out.add(Arguments.of(s, repoTag, layout)));
    }
    return out.stream();
  }

  private static RegistryOptions options(Setup s) {
    String host = registries.registry(s).host();
    RegistryOptions.Builder b = RegistryOptions.builder().environment(Map.of("HOME", tmp.resolve("home").toString()));
    return switch (s) {
      case PLAIN -> b.insecureRegistry(host).build();
      case HTPASSWD_TLS -> b.certDir(registries.registry(s).certDir())
          .credentials(host, new Credentials("testuser", "testpass")).build();
      case TOKEN -> b.insecureRegistry(host).credentials(host, new Credentials("tokuser", "tokpass")).build();
    };
  }

  private static synchronized List<ImageFacts> local(String layout) throws IOException {
    List<ImageFacts> f = LOCAL.get(layout);
    if (f == null) {
      try (ImageSource s = ImageSources.open(layout)) {
        f = ImageFacts.all(s);
      }
      LOCAL.put(layout, f);
    }
    return f;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void should_read_every_lab_image_back_like_its_local_layout(Setup setup, String repoTag, String layout)
      throws IOException {
    // GIVEN a lab image pushed by skopeo, and the same image read from its local layout
    List<ImageFacts> expected = local(layout);
    // WHEN it is read back through docker:// in this setup
    String ref = "docker://" + registries.registry(setup).host() + "/" + repoTag;
    List<ImageFacts> actual;
    try (ImageSource s = ImageSources.open(ref, SourceOptions.builder().registry(options(setup)).build())) {
      actual = ImageFacts.all(s);
    }
    // THEN config digests, diff_ids and file lists are the same for every platform image
    assertThat(actual).isEqualTo(expected);
  }
}
