package io.imagecheck.testimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import io.imagecheck.image.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link TestIndex}. */
class TestIndexTest {

  @TempDir
  Path tmp;

  static TestIndex twoPlatforms() {
    return TestIndex.builder()
        .add(TestImage.builder().platform(Platform.parse("linux/amd64"))
            .layer("ADD amd64", l -> l.file("/arch", "amd64\n")).build())
        .add(TestImage.builder().platform(Platform.parse("linux/arm64/v8"))
            .layer("ADD arm64", l -> l.file("/arch", "arm64\n")).build())
        .build();
  }

  @Test
  void should_list_each_image_with_its_platform() {
    // GIVEN
    TestIndex index = twoPlatforms();

    // WHEN
    Map<String, Object> json = JsonReader.object(index.rawIndex());

    // THEN
    assertEquals(MediaType.OCI_INDEX.toString(), json.get("mediaType"));
    List<Object> manifests = JsonReader.array(json.get("manifests"));
    assertEquals(2, manifests.size());
    Map<String, Object> arm = JsonReader.object(manifests.get(1));
    assertEquals(index.images().get(1).manifestDigest().toString(), arm.get("digest"));
    assertEquals((long) index.images().get(1).rawManifest().length, arm.get("size"));
    assertEquals(Map.of("architecture", "arm64", "os", "linux", "variant", "v8"), arm.get("platform"));
    assertEquals(Map.of("architecture", "amd64", "os", "linux"), JsonReader.object(manifests.get(0)).get("platform"));
    assertEquals(Digest.sha256(index.rawIndex()), index.indexDigest());
  }

  @Test
  void should_write_a_layout_whose_index_json_names_the_index_blob() throws IOException {
    // GIVEN
    TestIndex index = twoPlatforms();

    // WHEN
    index.writeOciLayout(tmp, "multi");

    // THEN
    Map<String, Object> top = JsonReader.object(Files.readAllBytes(tmp.resolve("index.json")));
    Map<String, Object> entry = JsonReader.object(JsonReader.array(top.get("manifests")).get(0));
    assertEquals(MediaType.OCI_INDEX.toString(), entry.get("mediaType"));
    assertEquals(index.indexDigest().toString(), entry.get("digest"));
    assertEquals(Map.of("org.opencontainers.image.ref.name", "multi"), entry.get("annotations"));
    Path blobs = tmp.resolve("blobs/sha256");
    assertArrayEquals(index.rawIndex(), Files.readAllBytes(blobs.resolve(index.indexDigest().hex())));
    try (var s = Files.list(blobs)) {
      assertEquals(1 + 2 * 3, s.count()); // the index, and per image manifest, config and layer
    }
  }

  @Test
  void should_write_the_same_layout_into_an_oci_archive() throws IOException {
    // GIVEN
    TestIndex index = twoPlatforms();

    // WHEN
    index.writeOciArchive(tmp.resolve("multi.tar"), "multi");

    // THEN
    TarEntries tar = TarEntries.read(tmp.resolve("multi.tar"));
    assertEquals(4 + 7, tar.names().size());
    assertArrayEquals(index.rawIndex(), tar.get("blobs/sha256/" + index.indexDigest().hex()).content());
  }
}
