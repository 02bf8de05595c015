package io.imagecheck.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.image.Layer;
import io.imagecheck.image.MediaType;
import io.imagecheck.image.Platform;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageNotFoundException;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.Transport;
import io.imagecheck.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads every third-party image fixture and checks the facts its PROVENANCE.md lists. */
class RealFixturesTest {

  private static void readAllLayers(Image image) throws IOException {
    for (Layer l : image.layers()) {
      try (InputStream in = l.openUncompressed()) {
        in.transferTo(OutputStreamsForTest.NULL);
      }
    }
  }

  @Test
  void should_read_legacy_docker_save_with_14_uncompressed_layers() throws IOException {
    // GIVEN the dive busybox docker-save tarball
    String path = Fixtures.real("dive-docker-save-busybox/test-docker-image.tar").toString();
    // WHEN it is opened without a prefix
    try (ImageSource source = ImageSources.open(path)) {
      Image image = source.image();
      // THEN it is detected as a docker-archive and the facts match
      assertThat(source.reference().transport()).isEqualTo(Transport.DOCKER_ARCHIVE);
      assertThat(image.manifest().config().digest()).isEqualTo(
          Digest.parse("sha256:75ae28b8ebf89b203319069ddcbecdf5c3838503bbebc0d0d85e4b8589c5de3a"));
      assertThat(image.layers()).hasSize(14);
      assertThat(image.manifestSynthesized()).isTrue();
      for (Layer l : image.layers()) {
        assertThat(l.digest()).isEqualTo(l.diffId());
        assertThat(l.mediaType()).isEqualTo(MediaType.DOCKER_LAYER);
      }
      assertThat(image.config().cmd()).containsExactly("sh");
      assertThat(image.config().history()).hasSize(15);
      assertThat(image.platform()).contains(Platform.of("linux", "amd64"));
      readAllLayers(image);
    }
  }

  @Test
  void should_read_kaniko_tar_with_gzip_layers_and_colon_config_name() throws IOException {
    // GIVEN the kaniko tarball
    String path = Fixtures.real("dive-kaniko-tar/test-kaniko-image.tar").toString();
    // WHEN it is opened by tag
    try (ImageSource source = ImageSources.open("docker-archive:" + path + ":dive-test:kaniko-latest")) {
      Image image = source.image();
      // THEN the 14 gzip layers verify against their diff_ids
      assertThat(image.manifest().config().digest().hex())
          .isEqualTo("ae16a51058a758c7963b2f9b23d1acfa201ce9cbefc8cb93845f8cd934fb144d");
      assertThat(image.layers()).hasSize(14)
          .allSatisfy(l -> assertThat(l.mediaType()).isEqualTo(MediaType.DOCKER_LAYER_GZIP));
      readAllLayers(image);
    }
  }

  @Test
  void should_read_gzip_compressed_docker_save() throws IOException {
    // GIVEN trivy's alpine:3.11 saved and gzipped
    String path = Fixtures.real("trivy-docker-save-alpine311/alpine-311.tar.gz").toString();
    // WHEN opened with an explicit prefix
    try (ImageSource source = ImageSources.open("docker-archive:" + path)) {
      Image image = source.image();
      // THEN
      assertThat(image.manifest().config().digest().hex())
          .isEqualTo("a187dde48cd289ac374ad8539930628314bc581a481cdb41409c9289419ddb72");
      assertThat(image.layers()).singleElement().satisfies(l -> assertThat(l.diffId().hex())
          .isEqualTo("beee9f30bc1f711043e78d4a2be0668955d4b761d587d6f60c2c8dc081efb203"));
      readAllLayers(image);
    }
  }

  @Test
  void should_read_docker_25_archive_with_null_index_manifests() throws IOException {
    // GIVEN ggcr's hello-world-v25 ("manifests": null in index.json)
    String path = Fixtures.real("ggcr-tarball/hello-world-v25.tar").toString();
    try (ImageSource source = ImageSources.open(path)) {
      // WHEN
      Image image = source.image();
      // THEN manifest.json is used
      assertThat(image.manifest().config().digest().hex())
          .isEqualTo("ee301c921b8aadc002973b2e0c3da17d701dcd994b606769a7e6eaa100b81d44");
      assertThat(image.layers()).singleElement().satisfies(l -> assertThat(l.digest().hex())
          .isEqualTo("12660636fe55438cc3ae7424da7ac56e845cdb52493ff9cf949c47a7f57f8b43"));
      assertThat(image.platform().map(Platform::architecture)).contains("arm64");
      readAllLayers(image);
    }
  }

  @Test
  void should_require_a_tag_for_multi_image_archives_and_list_the_tags() throws IOException {
    // GIVEN a tarball with two images
    String path = Fixtures.real("ggcr-tarball/test_bundle.tar").toString();
    // WHEN no tag is given THEN the error lists the tags
    try (ImageSource source = ImageSources.open("docker-archive:" + path)) {
      throw new AssertionError("expected a failure, got " + source);
    } catch (ImageNotFoundException e) {
      assertThat(e.available()).containsExactly("test_image_2", "test_image_1");
      assertThat(e).hasMessageContaining("docker-archive:" + path).hasMessageContaining("choose one");
    }
    // WHEN a tag is given THEN that image is read
    try (ImageSource source = ImageSources.open("docker-archive:" + path + ":test_image_1")) {
      assertThat(source.image().manifest().config().digest().hex()).startsWith("6e0b0504");
    }
  }

  @Test
  void should_follow_layer_symlinks_inside_the_archive() throws IOException {
    // GIVEN ggcr's test_link.tar whose layer is a symlink to another layer.tar
    String path = Fixtures.real("ggcr-tarball/test_link.tar").toString();
    try (ImageSource source = ImageSources.open("docker-archive:" + path + ":@1")) {
      // WHEN its layers are read THEN they verify
      readAllLayers(source.image());
    }
  }

  @Test
  void should_reject_archives_without_a_usable_manifest() {
    assertThatThrownBy(() -> ImageSources.open("docker-archive:" + Fixtures.real("ggcr-tarball/no_manifest.tar")))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("pre-Docker-1.10");
    assertThatThrownBy(() -> ImageSources.open("docker-archive:" + Fixtures.real("ggcr-tarball/null_manifest.tar")))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("manifest.json is null");
  }

  @Test
  void should_read_oci_archives_with_zstd_gzip_and_uncompressed_layers() throws IOException {
    record Variant(String file, String manifest, MediaType layerType) {}
    List<Variant> variants = List.of(
        new Variant("test-oci-zstd-image.tar", "f5e3515f39a16543547c03d03ec34faf9276742e6ce7c7dd6e467a14e90b29fc",
            MediaType.OCI_LAYER_ZSTD),
        new Variant("test-oci-gzip-image.tar", "7d255e9e3d216a9a92a5c1ce0563a5ddd92f28a34a9df025d3cf8dfa5ea08366",
            MediaType.OCI_LAYER_GZIP),
        new Variant("test-oci-uncompressed-image.tar",
            "5cec6b4ce61c35c3a83e09d72d81a335b49fdcef727beee160d12eeaf066f11b", MediaType.OCI_LAYER));
    for (Variant v : variants) {
      // GIVEN the same image in three compressions
      String path = Fixtures.real("dive-oci-variants/" + v.file()).toString();
      try (ImageSource source = ImageSources.open(path)) {
        // WHEN read
        Image image = source.image(Platform.parse("linux/arm64"));
        // THEN each decompresses to the same diff_id
        assertThat(source.reference().transport()).isEqualTo(Transport.OCI_ARCHIVE);
        assertThat(image.descriptor().digest().hex()).isEqualTo(v.manifest());
        assertThat(image.layers()).singleElement().satisfies(l -> {
          assertThat(l.mediaType()).isEqualTo(v.layerType());
          assertThat(l.diffId().hex()).isEqualTo("356d5e7f4012d87cb1078ac1f480e90528eec4940ce45c50380321436db38758");
        });
        readAllLayers(image);
      }
    }
  }

  @Test
  void should_read_oci_layout_directory_without_manifest_media_type() throws IOException {
    // GIVEN trivy's hello-world layout (manifest without mediaType)
    String path = Fixtures.real("trivy-oci-layout-small/test.oci").toString();
    try (ImageSource source = ImageSources.open("oci:" + path)) {
      // WHEN
      Image image = source.image();
      // THEN
      assertThat(image.descriptor().digest().hex())
          .isEqualTo("afb744871f99e0ff8e6f253244836ed34c5d805fdb096d3a205ffaf5e9073cab");
      assertThat(image.manifest().config().digest().hex())
          .isEqualTo("b23a8f6569ae9ae331226205fa72f480ce5310707d0bc97e611f83fbbbde4604");
      assertThat(image.layers().get(0).diffId().hex())
          .isEqualTo("9c27e219663c25e0f28493790cc0b88bc973ba3b1686355f221c38a36978ac63");
      readAllLayers(image);
    }
  }

  @Test
  void should_select_layout_entries_by_ref_name_and_reject_non_images() throws IOException {
    String dir = Fixtures.real("ggcr-layout/test_index").toString();
    // WHEN no ref is given THEN the refs are listed
    assertThatThrownBy(() -> ImageSources.open("oci:" + dir))
        .isInstanceOf(ImageNotFoundException.class)
        .satisfies(e -> assertThat(((ImageNotFoundException) e).available()).containsExactly("1", "2", "3", "4"));
    // WHEN ref 1 (OCI type pointing at a Docker schema 2 manifest) is read THEN it is an image
    try (ImageSource source = ImageSources.open("oci:" + dir + ":1")) {
      readAllLayers(source.image());
    }
    // WHEN the Helm chart artifact is read THEN it is refused as not an image
    assertThatThrownBy(() -> ImageSources.open("oci:" + Fixtures.real("ggcr-layout/test_index_media_type")))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("not a container image")
        .hasMessageContaining("application/vnd.cncf.helm.config.v1+json");
    try (ImageSource source = ImageSources.open("oci:" + Fixtures.real("ggcr-layout/test_index_one_image"))) {
      assertThat(source.image().layers().get(0).diffId().hex()).startsWith("59cd31f5");
    }
  }

  @Test
  void should_resolve_platforms_in_multi_platform_indexes() throws IOException {
    String dir = Fixtures.real("regclient-testrepo/testrepo").toString();
    // GIVEN v2, an index with amd64, arm64 and arm/v7
    try (ImageSource source = ImageSources.open("oci:" + dir + ":v2",
        SourceOptions.builder().platform(Platform.parse("linux/arm/v7")).build())) {
      // WHEN arm/v7 is requested THEN that image is chosen and its parent index recorded
      Image image = source.image();
      assertThat(image.platform().map(Platform::toString)).contains("linux/arm/v7");
      assertThat(image.parentIndex().map(d -> d.digest().hex()))
          .contains("dfae8f425735a5e3a72e40d6609e03079995511d48157c74d54801ff4430491e");
      assertThat(source.images()).hasSize(3);
    }
    // GIVEN v1 with two unknown/unknown attestation-style entries WHEN all images are listed THEN they are skipped
    try (ImageSource source = ImageSources.open("oci:" + dir + ":v1")) {
      assertThat(source.images()).extracting(i -> i.platform().orElseThrow().toString())
          .containsExactly("linux/amd64", "linux/arm64");
      assertThatThrownBy(() -> source.image(Platform.parse("linux/s390x")))
          .isInstanceOf(ImageNotFoundException.class).hasMessageContaining("linux/amd64, linux/arm64");
    }
    // GIVEN an artifact with a subject WHEN read as an image THEN refused clearly
    assertThatThrownBy(() -> ImageSources.open("oci:" + dir + ":a1"))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("not a container image");
  }
}
