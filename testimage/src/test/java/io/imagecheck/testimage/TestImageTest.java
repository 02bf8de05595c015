package io.imagecheck.testimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.imagecheck.image.Compression;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Healthcheck;
import io.imagecheck.image.HistoryEntry;
import io.imagecheck.image.MediaType;
import io.imagecheck.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link TestImage}. */
class TestImageTest {

  @TempDir
  Path tmp;

  static TestImage.Builder twoLayers() {
    return TestImage.builder()
        .platform(Platform.parse("linux/arm64/v8"))
        .config(c -> c.user("65532:65532").entrypoint(List.of("/app")).addEnv("PATH", "/bin").label("k", "v"))
        .layer("RUN apk add busybox", l -> l
            .directory("/bin")
            .file("/bin/busybox", new byte[] {0x7f, 'E', 'L', 'F'}, 0755)
            .symlink("/bin/sh", "busybox")
            .file("/etc/old", "old\n"))
        .emptyLayerStep("ENV A=b")
        .layer("RUN rm /etc/old", l -> l.whiteout("/etc/old").compression(Compression.NONE));
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void should_write_byte_identical_output_when_built_twice() throws IOException {
    // GIVEN
    TestImage first = twoLayers().layerCompression(Compression.ZSTD).build();
    TestImage second = twoLayers().layerCompression(Compression.ZSTD).build();

    // WHEN
    first.writeOciArchive(tmp.resolve("1.tar"), "latest");
    second.writeOciArchive(tmp.resolve("2.tar"), "latest");
    first.writeDockerArchive(tmp.resolve("1d.tar"), "app:1");
    second.writeDockerArchive(tmp.resolve("2d.tar"), "app:1");
    first.writeOciLayout(tmp.resolve("l1"), "latest");
    second.writeOciLayout(tmp.resolve("l2"), "latest");

    // THEN
    assertEquals(first.manifestDigest(), second.manifestDigest());
    assertArrayEquals(Files.readAllBytes(tmp.resolve("1.tar")), Files.readAllBytes(tmp.resolve("2.tar")));
    assertArrayEquals(Files.readAllBytes(tmp.resolve("1d.tar")), Files.readAllBytes(tmp.resolve("2d.tar")));
    List<Path> l1 = files(tmp.resolve("l1"));
    assertEquals(6, l1.size()); // oci-layout, index.json, manifest, config, 2 layers
    for (Path p : l1) {
      Path other = tmp.resolve("l2").resolve(tmp.resolve("l1").relativize(p));
      assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(other), p.toString());
    }
  }

  @Test
  void should_write_an_oci_layout_whose_digests_and_sizes_match_the_blobs() throws IOException {
    // GIVEN
    TestImage image = twoLayers().build();
    Path layout = tmp.resolve("layout");

    // WHEN
    image.writeOciLayout(layout, "v1");

    // THEN every blob file is named by its sha256
    for (Path blob : files(layout.resolve("blobs"))) {
      assertEquals(blob.getFileName().toString(), Digest.sha256(Files.readAllBytes(blob)).hex());
    }
    assertEquals("{\"imageLayoutVersion\":\"1.0.0\"}", Files.readString(layout.resolve("oci-layout")));
    Map<String, Object> index = JsonReader.object(Files.readAllBytes(layout.resolve("index.json")));
    Map<String, Object> entry = JsonReader.object(JsonReader.array(index.get("manifests")).get(0));
    assertEquals(image.manifestDigest().toString(), entry.get("digest"));
    assertEquals(Map.of("org.opencontainers.image.ref.name", "v1"), entry.get("annotations"));
    byte[] manifestBytes = Files.readAllBytes(blobPath(layout, image.manifestDigest()));
    assertEquals((long) manifestBytes.length, entry.get("size"));
    assertEquals(MediaType.OCI_MANIFEST.toString(), entry.get("mediaType"));

    Map<String, Object> manifest = JsonReader.object(manifestBytes);
    assertDescriptorMatches(layout, JsonReader.object(manifest.get("config")), MediaType.OCI_CONFIG);
    List<Object> layers = JsonReader.array(manifest.get("layers"));
    assertEquals(2, layers.size());
    assertDescriptorMatches(layout, JsonReader.object(layers.get(0)), MediaType.OCI_LAYER_GZIP);
    assertDescriptorMatches(layout, JsonReader.object(layers.get(1)), MediaType.OCI_LAYER);

    // ... and the config's diff_ids are the sha256 of the uncompressed layers
    Map<String, Object> config = JsonReader.object(Files.readAllBytes(blobPath(layout, image.configDigest())));
    List<Object> diffIds = JsonReader.array(JsonReader.object(config.get("rootfs")).get("diff_ids"));
    byte[] layer0 = TarEntries.gunzip(Files.readAllBytes(blobPath(layout, image.layerDigests().get(0))));
    byte[] layer1 = Files.readAllBytes(blobPath(layout, image.layerDigests().get(1)));
    assertEquals(List.of(Digest.sha256(layer0).toString(), Digest.sha256(layer1).toString()), diffIds);
    assertEquals(image.diffIds().stream().map(Digest::toString).toList(), diffIds);
  }

  private static Path blobPath(Path layout, Digest d) {
    return layout.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
  }

  private static void assertDescriptorMatches(Path layout, Map<String, Object> d, MediaType type) throws IOException {
    Digest digest = Digest.parse((String) d.get("digest"));
    byte[] blob = Files.readAllBytes(blobPath(layout, digest));
    assertEquals((long) blob.length, d.get("size"), digest.toString());
    assertEquals(type.toString(), d.get("mediaType"));
  }

  @Test
  void should_write_the_config_with_platform_runtime_settings_rootfs_and_history_in_go_member_order() {
    // GIVEN
    TestImage image = TestImage.builder()
        .platform(Platform.parse("linux/arm/v7"))
        .config(c -> c
            .user("nonroot")
            .addEnv("PATH", "/bin")
            .entrypoint(List.of("/app"))
            .cmd(List.of("--port", "80"))
            .workingDir("/srv")
            .label("b", "2").label("a", "1")
            .exposedPorts(List.of("80/tcp"))
            .volumes(List.of("/data"))
            .stopSignal("SIGTERM")
            .healthcheck(new Healthcheck(List.of("CMD", "/app", "health"), Optional.of(Duration.ofSeconds(30)),
                Optional.empty(), Optional.empty(), 3)))
        .layer("COPY app /app", l -> l.file("/app", "x", 0755))
        .emptyLayerStep("USER nonroot")
        .build();

    // WHEN
    String config = new String(image.rawConfig(), StandardCharsets.UTF_8);

    // THEN
    assertEquals("{\"created\":\"2025-01-01T00:00:00Z\",\"architecture\":\"arm\",\"variant\":\"v7\",\"os\":\"linux\","
        + "\"config\":{\"User\":\"nonroot\",\"ExposedPorts\":{\"80/tcp\":{}},\"Env\":[\"PATH=/bin\"],"
        + "\"Entrypoint\":[\"/app\"],\"Cmd\":[\"--port\",\"80\"],\"Volumes\":{\"/data\":{}},\"WorkingDir\":\"/srv\","
        + "\"Labels\":{\"a\":\"1\",\"b\":\"2\"},\"StopSignal\":\"SIGTERM\","
        + "\"Healthcheck\":{\"Test\":[\"CMD\",\"/app\",\"health\"],\"Interval\":30000000000,\"Retries\":3}},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + image.diffIds().get(0) + "\"]},"
        + "\"history\":[{\"created\":\"2025-01-01T00:00:00Z\",\"created_by\":\"COPY app /app\"},"
        + "{\"created\":\"2025-01-01T00:00:00Z\",\"created_by\":\"USER nonroot\",\"empty_layer\":true}]}", config);
    assertEquals(Digest.sha256(image.rawConfig()), image.configDigest());
    assertEquals("nonroot", image.config().user());
  }

  @Test
  void should_record_history_in_the_order_steps_were_added_and_keep_a_configured_creation_time() {
    // GIVEN
    Instant when = Instant.parse("2020-02-02T02:02:02Z");
    TestImage image = TestImage.builder()
        .config(c -> c.created(when).history(List.of(HistoryEntry.of("ignored", false))))
        .emptyLayerStep("ARG X")
        .layer("RUN one", l -> l.file("/1", "1"))
        .emptyLayerStep("ENV A=b")
        .layer("RUN two", l -> l.file("/2", "2"))
        .build();

    // WHEN
    List<HistoryEntry> history = image.config().history();

    // THEN
    assertEquals(List.of("ARG X", "RUN one", "ENV A=b", "RUN two"),
        history.stream().map(HistoryEntry::createdBy).toList());
    assertEquals(List.of(true, false, true, false), history.stream().map(HistoryEntry::emptyLayer).toList());
    assertEquals(List.of(Optional.of(when)), history.stream().map(HistoryEntry::created).distinct().toList());
    assertEquals(2, image.layerCount());
    assertEquals(image.diffIds(), image.config().diffIds());
    assertEquals(Optional.of(when), image.config().created());
  }

  @Test
  void should_write_docker_schema2_media_types_when_asked() {
    // GIVEN
    TestImage image = twoLayers().manifestFormat(ManifestFormat.DOCKER).build();

    // WHEN
    Map<String, Object> manifest = JsonReader.object(image.rawManifest());

    // THEN
    assertEquals(MediaType.DOCKER_MANIFEST.toString(), manifest.get("mediaType"));
    assertEquals(MediaType.DOCKER_CONFIG.toString(), JsonReader.object(manifest.get("config")).get("mediaType"));
    assertEquals(List.of(MediaType.DOCKER_LAYER_GZIP, MediaType.DOCKER_LAYER),
        image.layerDescriptors().stream().map(d -> d.mediaType()).toList());
    assertEquals(MediaType.DOCKER_MANIFEST, image.descriptor().mediaType());
  }

  @Test
  void should_refuse_zstd_layers_in_a_docker_manifest() {
    // GIVEN
    TestImage.Builder builder = twoLayers().manifestFormat(ManifestFormat.DOCKER).layerCompression(Compression.ZSTD);

    // WHEN
    IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);

    // THEN
    assertEquals("layer 0 (RUN apk add busybox): Docker schema 2 manifests have no zstd layer type; use "
        + "ManifestFormat.OCI or another compression", e.getMessage());
  }

  @Test
  void should_write_zstd_layers_with_the_zstd_media_type_that_decode_to_the_tar() {
    // GIVEN
    TestImage image = twoLayers().layerCompression(Compression.ZSTD).build();

    // WHEN
    byte[] blob = image.layerBlob(0);

    // THEN layer 1 chose NONE itself
    assertEquals(List.of(MediaType.OCI_LAYER_ZSTD, MediaType.OCI_LAYER),
        image.layerDescriptors().stream().map(d -> d.mediaType()).toList());
    assertArrayEquals(image.layerTar(0), TarEntries.unzstdRaw(blob));
    assertEquals(image.layerDigests().get(0), Digest.sha256(blob));
  }

  @Test
  void should_change_a_stored_gzip_blob_but_not_its_content_when_tampering_with_layer_bytes() throws IOException {
    // GIVEN
    TestImage image = twoLayers().tamper(Tamper.LAYER_BYTES).build();

    // WHEN
    byte[] stored = image.layerBlob(0);

    // THEN
    assertNotEquals(image.layerDigests().get(0), Digest.sha256(stored));
    assertEquals(image.layerDescriptors().get(0).size(), stored.length);
    assertArrayEquals(image.layerTar(0), TarEntries.gunzip(stored));
    assertEquals(image.diffIds(), image.config().diffIds());
    assertEquals(image.layerDigests().get(1), Digest.sha256(image.layerBlob(1)));
  }

  @Test
  void should_flip_the_last_byte_of_an_uncompressed_layer_when_tampering_with_layer_bytes() {
    // GIVEN
    TestImage image = twoLayers().tamper(Tamper.LAYER_BYTES, 1).build();

    // WHEN
    byte[] stored = image.layerBlob(1);

    // THEN
    byte[] tar = image.layerTar(1);
    assertEquals(tar.length, stored.length);
    assertEquals(1, stored[stored.length - 1]);
    assertEquals(0, tar[tar.length - 1]);
    assertEquals(image.layerDigests().get(1), Digest.sha256(tar));
  }

  @Test
  void should_write_a_wrong_diff_id_and_a_wrong_size_when_asked() {
    // GIVEN
    TestImage image = twoLayers().tamper(Tamper.DIFF_ID, 1).tamper(Tamper.LAYER_SIZE).build();

    // WHEN
    Digest written = image.config().diffIds().get(1);

    // THEN
    Digest truth = image.diffIds().get(1);
    assertNotEquals(truth, written);
    assertEquals(truth.hex().substring(0, 63), written.hex().substring(0, 63));
    assertEquals(image.diffIds().get(0), image.config().diffIds().get(0));
    assertEquals(image.layerBlob(0).length + 1, image.layerDescriptors().get(0).size());
    assertEquals(image.layerBlob(1).length, image.layerDescriptors().get(1).size());
  }

  @Test
  void should_write_an_overridden_manifest_media_type_into_the_manifest_and_index_json() throws IOException {
    // GIVEN
    MediaType schema1 = MediaType.DOCKER_MANIFEST_V1_SIGNED;
    TestImage image = twoLayers().manifestMediaType(schema1).build();

    // WHEN
    image.writeOciLayout(tmp, "latest");

    // THEN
    assertEquals(schema1.toString(), JsonReader.object(image.rawManifest()).get("mediaType"));
    Map<String, Object> index = JsonReader.object(Files.readAllBytes(tmp.resolve("index.json")));
    assertEquals(schema1.toString(), JsonReader.object(JsonReader.array(index.get("manifests")).get(0)).get("mediaType"));
  }

  @Test
  void should_refuse_to_tamper_with_a_layer_that_does_not_exist() {
    // GIVEN
    TestImage.Builder builder = twoLayers().tamper(Tamper.DIFF_ID, 2);

    // WHEN
    IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);

    // THEN
    assertEquals("tampered layer 2 does not exist: the image has 2 layers", e.getMessage());
  }

  @Test
  void should_write_a_docker_archive_with_manifest_repositories_config_and_uncompressed_layers() throws IOException {
    // GIVEN
    TestImage image = twoLayers().build();
    Path archive = tmp.resolve("sub/app.tar");

    // WHEN
    image.writeDockerArchive(archive, "example.com:5000/team/app:1.0");

    // THEN
    TarEntries tar = TarEntries.read(archive);
    List<Object> manifests = JsonReader.array(JsonReader.parse(tar.get("manifest.json").content()));
    Map<String, Object> m = JsonReader.object(manifests.get(0));
    assertEquals(image.configDigest().hex() + ".json", m.get("Config"));
    assertEquals(List.of("example.com:5000/team/app:1.0"), m.get("RepoTags"));
    List<Object> layerPaths = JsonReader.array(m.get("Layers"));
    List<Digest> layerDigests = new ArrayList<>();
    for (Object p : layerPaths) {
      layerDigests.add(Digest.sha256(tar.get((String) p).content()));
    }
    assertEquals(image.diffIds(), layerDigests);
    assertArrayEquals(image.rawConfig(), tar.get(image.configDigest().hex() + ".json").content());
    String top = ((String) layerPaths.get(1)).substring(0, 64);
    assertEquals("{\"example.com:5000/team/app\":{\"1.0\":\"" + top + "\"}}", tar.get("repositories").text());
    String bottom = ((String) layerPaths.get(0)).substring(0, 64);
    assertEquals("{\"id\":\"" + top + "\",\"parent\":\"" + bottom + "\",\"created\":\"2025-01-01T00:00:00Z\"}",
        tar.get(top + "/json").text());
    assertEquals("1.0", tar.get(top + "/VERSION").text());
  }

  @Test
  void should_add_latest_to_a_docker_archive_repo_tag_without_a_tag() throws IOException {
    // GIVEN
    TestImage image = twoLayers().build();

    // WHEN
    image.writeDockerArchive(tmp.resolve("a.tar"), "localhost:5000/app");

    // THEN
    TarEntries tar = TarEntries.read(tmp.resolve("a.tar"));
    Map<String, Object> m = JsonReader.object(JsonReader.array(JsonReader.parse(tar.get("manifest.json").content()))
        .get(0));
    assertEquals(List.of("localhost:5000/app:latest"), m.get("RepoTags"));
  }

  @Test
  void should_write_a_dir_directory_with_blobs_named_by_hex() throws IOException {
    // GIVEN
    TestImage image = twoLayers().build();

    // WHEN
    image.writeDir(tmp);

    // THEN
    List<String> names = files(tmp).stream().map(p -> p.getFileName().toString()).sorted().toList();
    List<String> expected = new ArrayList<>(List.of("manifest.json", "version", image.configDigest().hex(),
        image.layerDigests().get(0).hex(), image.layerDigests().get(1).hex()));
    expected.sort(null);
    assertEquals(expected, names);
    assertEquals("Directory Transport Version: 1.1\n", Files.readString(tmp.resolve("version")));
    assertArrayEquals(image.rawManifest(), Files.readAllBytes(tmp.resolve("manifest.json")));
    assertArrayEquals(image.layerBlob(0), Files.readAllBytes(tmp.resolve(image.layerDigests().get(0).hex())));
  }

  @Test
  void should_write_an_oci_archive_holding_the_layout() throws IOException {
    // GIVEN
    TestImage image = twoLayers().build();

    // WHEN
    image.writeOciArchive(tmp.resolve("img.tar"), "latest");

    // THEN
    TarEntries tar = TarEntries.read(tmp.resolve("img.tar"));
    List<String> blobs = new ArrayList<>();
    for (Digest d : List.of(image.configDigest(), image.layerDigests().get(0), image.layerDigests().get(1),
        image.manifestDigest())) {
      blobs.add("blobs/sha256/" + d.hex());
    }
    blobs.sort(null);
    List<String> expected = new ArrayList<>(List.of("oci-layout", "index.json", "blobs/", "blobs/sha256/"));
    expected.addAll(blobs);
    assertEquals(expected, tar.names());
    assertArrayEquals(image.rawManifest(), tar.get("blobs/sha256/" + image.manifestDigest().hex()).content());
  }

  @Test
  void should_describe_the_manifest_with_the_image_platform() {
    // WHEN
    TestImage image = twoLayers().build();

    // THEN
    assertEquals(Optional.of(Platform.parse("linux/arm64/v8")), image.descriptor().platform());
    assertEquals(image.rawManifest().length, image.descriptor().size());
    assertEquals(Digest.sha256(image.rawManifest()), image.manifestDigest());
    assertEquals("arm64", image.config().architecture());
    assertEquals(Optional.of("v8"), image.config().variant());
  }
}
