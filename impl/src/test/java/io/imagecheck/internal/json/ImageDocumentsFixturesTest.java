package io.imagecheck.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.image.IndexManifest;
import io.imagecheck.image.Manifest;
import io.imagecheck.image.MediaType;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The manifest parser on containers/image's real manifests and indexes, and on hostile documents. */
class ImageDocumentsFixturesTest {

  private static JsonNode read(String name) throws IOException {
    byte[] b = Files.readAllBytes(Fixtures.real("containers-image-manifests/" + name));
    return Json.readTree(b, Json.DEFAULT_DEPTH, "test", name);
  }

  @Test
  void should_parse_docker_and_oci_manifests_with_and_without_media_type() throws IOException {
    Manifest v2s2 = ImageDocuments.manifest(read("ociv1.manifest.json"), null, "test", "m");
    assertThat(v2s2.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
    assertThat(v2s2.layers()).hasSize(3);
    Manifest nomime = ImageDocuments.manifest(read("ociv1nomime.manifest.json"), MediaType.OCI_MANIFEST, "test", "m");
    assertThat(nomime.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
    // containers/image's artifact sample has an empty config digest: the spec requires one
    assertThatThrownBy(() -> ImageDocuments.manifest(read("ociv1.artifact.json"), null, "test", "m"))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("config: malformed digest");
  }

  @Test
  void should_parse_indexes_and_manifest_lists_with_variants() throws IOException {
    IndexManifest list = ImageDocuments.index(read("v2list.manifest.json"), null, "test", "i");
    assertThat(list.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST_LIST);
    assertThat(list.manifests()).hasSize(5);
    IndexManifest schema2list = ImageDocuments.index(read("schema2list.json"), null, "test", "i");
    assertThat(schema2list.manifests()).hasSize(7);
    IndexManifest variants = ImageDocuments.index(read("ocilist-variants.json"), null, "test", "i");
    assertThat(variants.manifests()).hasSize(6)
        .anySatisfy(d -> assertThat(d.platform().flatMap(p -> p.variant())).isPresent());
    assertThat(ImageDocuments.index(read("oci1.index.zstd-selection2.json"), null, "test", "i").manifests()).hasSize(10);
  }

  @Test
  void should_reject_schema1_unknown_versions_and_non_json_clearly() throws IOException {
    for (String s1 : new String[] {"v2s1.manifest.json", "v2s1-unsigned.manifest.json"}) {
      assertThatThrownBy(() -> ImageDocuments.manifest(read(s1), null, "src", "manifest"))
          .isInstanceOf(ImageFormatException.class).hasMessageContaining("schema 1").hasMessageContaining("src:");
    }
    assertThatThrownBy(() -> ImageDocuments.manifest(read("unknown-version.manifest.json"), null, "src", "manifest"))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("schemaVersion 99999");
    assertThatThrownBy(() -> read("non-json.manifest.json"))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("not valid JSON");
  }

  @Test
  void should_reject_ambiguous_duplicate_and_deep_documents() {
    byte[] both = """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
         "config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":2,
           "digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"},
         "layers":[],"manifests":[]}""".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ImageDocuments.manifest(Json.readTree(both, 64, "src", "m"), null, "src", "m"))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("ambiguous");
    byte[] dup = "{\"schemaVersion\":2,\"layers\":[],\"layers\":[]}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Json.readTree(dup, 64, "src", "m"))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("Duplicate field 'layers'");
    byte[] deep = ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Json.readTree(deep, 64, "src", "m"))
        .isInstanceOf(LimitExceededException.class).hasMessageContaining("json-depth=64");
  }
}
