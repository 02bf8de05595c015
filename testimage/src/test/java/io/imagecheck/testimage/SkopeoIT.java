package io.imagecheck.testimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagecheck.image.Compression;
import io.imagecheck.image.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Reads images written by {@link TestImage} and {@link TestIndex} with skopeo (containers/image). */
class SkopeoIT {

  @TempDir
  Path tmp;

  private Tools.Result skopeo(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "skopeo";
    System.arraycopy(args, 0, command, 1, args.length);
    return Tools.run(tmp, command);
  }

  private static List<String> diffIds(Tools.Result config) {
    Map<String, Object> json = JsonReader.object(config.stdout());
    return JsonReader.array(JsonReader.object(json.get("rootfs")).get("diff_ids")).stream()
        .map(String.class::cast).toList();
  }

  private static List<String> strings(List<Digest> digests) {
    return digests.stream().map(Digest::toString).toList();
  }

  @ParameterizedTest
  @EnumSource(value = Compression.class, names = {"GZIP", "NONE", "ZSTD"})
  void should_read_every_format_with_the_same_manifest_config_and_diff_ids(Compression compression) throws Exception {
    // GIVEN
    Tools.assumeInstalled("skopeo");
    TestImage image = TestImageTest.twoLayers().layerCompression(compression).build();
    image.writeOciLayout(tmp.resolve("layout"), "v1");
    image.writeOciArchive(tmp.resolve("oci.tar"), "v1");
    image.writeDockerArchive(tmp.resolve("docker.tar"), "example.com/app:v1");
    image.writeDir(tmp.resolve("dir"));
    List<String> refs = List.of("oci:" + tmp.resolve("layout") + ":v1", "oci-archive:" + tmp.resolve("oci.tar") + ":v1",
        "docker-archive:" + tmp.resolve("docker.tar"), "dir:" + tmp.resolve("dir"));

    for (String ref : refs) {
      // WHEN
      Tools.Result config = skopeo("inspect", "--config", ref).ok();
      Tools.Result inspect = skopeo("inspect", ref).ok();

      // THEN
      assertEquals(strings(image.diffIds()), diffIds(config), ref);
      Map<String, Object> info = JsonReader.object(inspect.stdout());
      assertEquals("arm64", info.get("Architecture"), ref);
      assertEquals(List.of("PATH=/bin"), info.get("Env"), ref);
      List<Digest> expectedLayers = ref.startsWith("docker-archive:") ? image.diffIds() : image.layerDigests();
      assertEquals(strings(expectedLayers), info.get("Layers"), ref);
      if (!ref.startsWith("docker-archive:")) {
        assertArrayEquals(image.rawManifest(), skopeo("inspect", "--raw", ref).ok().stdout(), ref);
        assertEquals(image.manifestDigest().toString(), info.get("Digest"), ref);
      }
    }
  }

  @Test
  void should_copy_every_blob_with_verified_digests() throws Exception {
    // GIVEN
    Tools.assumeInstalled("skopeo");
    TestImage image = TestImageTest.twoLayers().layerCompression(Compression.ZSTD).build();
    image.writeOciLayout(tmp.resolve("layout"), "latest");

    // WHEN
    skopeo("copy", "--insecure-policy", "oci:" + tmp.resolve("layout") + ":latest", "dir:" + tmp.resolve("copy")).ok();

    // THEN the dir: transport wrote what writeDir writes
    image.writeDir(tmp.resolve("ours"));
    for (String name : List.of("manifest.json", "version", image.configDigest().hex(),
        image.layerDigests().get(0).hex(), image.layerDigests().get(1).hex())) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("ours").resolve(name)),
          Files.readAllBytes(tmp.resolve("copy").resolve(name)), name);
    }
  }

  @Test
  void should_read_a_docker_schema2_manifest_from_a_dir_directory() throws Exception {
    // GIVEN (containers/image only looks for OCI media types in an OCI layout's index.json)
    Tools.assumeInstalled("skopeo");
    TestImage image = TestImageTest.twoLayers().manifestFormat(ManifestFormat.DOCKER).build();
    image.writeDir(tmp.resolve("dir"));

    // WHEN
    Tools.Result raw = skopeo("inspect", "--raw", "dir:" + tmp.resolve("dir")).ok();
    Tools.Result config = skopeo("inspect", "--config", "dir:" + tmp.resolve("dir")).ok();
    skopeo("copy", "--insecure-policy", "dir:" + tmp.resolve("dir"), "dir:" + tmp.resolve("copy")).ok();

    // THEN
    assertArrayEquals(image.rawManifest(), raw.stdout());
    assertEquals(strings(image.diffIds()), diffIds(config));
    assertArrayEquals(image.rawManifest(), Files.readAllBytes(tmp.resolve("copy/manifest.json")));
  }

  @Test
  void should_select_each_platform_of_a_multi_platform_index() throws Exception {
    // GIVEN
    Tools.assumeInstalled("skopeo");
    TestIndex index = TestIndexTest.twoPlatforms();
    index.writeOciLayout(tmp.resolve("layout"), "multi");
    String ref = "oci:" + tmp.resolve("layout") + ":multi";

    // WHEN
    Tools.Result raw = skopeo("inspect", "--raw", ref).ok();
    Tools.Result arm = skopeo("--override-arch", "arm64", "--override-variant", "v8", "inspect", "--config", ref).ok();
    Tools.Result amd = skopeo("--override-arch", "amd64", "inspect", "--config", ref).ok();

    // THEN
    assertArrayEquals(index.rawIndex(), raw.stdout());
    assertEquals(strings(index.images().get(1).diffIds()), diffIds(arm));
    assertEquals(strings(index.images().get(0).diffIds()), diffIds(amd));
    skopeo("copy", "--insecure-policy", "--all", ref, "oci:" + tmp.resolve("copy") + ":m").ok();
  }

  @ParameterizedTest
  @CsvSource({
    "LAYER_BYTES, oci, Digest did not match",
    "LAYER_BYTES, docker-archive, Digest did not match",
    "DIFF_ID, docker-archive, Digest did not match",
  })
  void should_fail_to_copy_a_tampered_image(Tamper tamper, String transport, String error) throws Exception {
    // GIVEN
    Tools.assumeInstalled("skopeo");
    TestImage image = TestImage.builder().layer("x", l -> l.file("/a", "a")).tamper(tamper).build();
    String ref;
    if (transport.equals("oci")) {
      image.writeOciLayout(tmp.resolve("layout"), "latest");
      ref = "oci:" + tmp.resolve("layout") + ":latest";
    } else {
      image.writeDockerArchive(tmp.resolve("docker.tar"), "app:1");
      ref = "docker-archive:" + tmp.resolve("docker.tar");
    }

    // WHEN
    Tools.Result copy = skopeo("copy", "--insecure-policy", ref, "dir:" + tmp.resolve("copy"));

    // THEN
    assertEquals(1, copy.exit(), copy.stderr());
    assertTrue(copy.stderr().contains(error), copy.stderr());
  }

  @Test
  void should_read_the_bundled_sample_in_all_three_formats() throws Exception {
    // GIVEN
    Tools.assumeInstalled("skopeo");
    SampleImages.write(tmp);
    TestImage sample = SampleImages.app();

    for (String ref : List.of("oci-archive:" + tmp.resolve(SampleImages.OCI_ARCHIVE) + ":" + SampleImages.REF_NAME,
        "docker-archive:" + tmp.resolve(SampleImages.DOCKER_ARCHIVE),
        "oci:" + tmp.resolve(SampleImages.OCI_LAYOUT) + ":" + SampleImages.REF_NAME)) {
      // WHEN
      Tools.Result config = skopeo("inspect", "--config", ref).ok();

      // THEN
      assertEquals(strings(sample.diffIds()), diffIds(config), ref);
      assertEquals("nonroot", JsonReader.object(JsonReader.object(config.stdout()).get("config")).get("User"), ref);
    }
  }
}
