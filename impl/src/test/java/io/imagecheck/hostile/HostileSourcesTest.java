package io.imagecheck.hostile;

import static io.imagecheck.hostile.HostileImages.descriptor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import io.imagecheck.source.DigestMismatchException;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.source.SizeMismatchException;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.Tamper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile documents, digests and archives: mismatches at every level, ambiguous JSON, escaping paths. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileSourcesTest extends HostileTestSupport {

  private static final String OCI_MANIFEST = MediaType.OCI_MANIFEST.value();
  private static final String OCI_INDEX = MediaType.OCI_INDEX.value();

  @Test
  void should_detect_digest_and_size_mismatches_of_layers_and_diff_ids() throws IOException {
    assertThatThrownBy(() -> view(layout(b -> b.layer("x", l -> l.file("/a", "x")).tamper(Tamper.LAYER_BYTES))))
        .isInstanceOf(DigestMismatchException.class).hasMessageContaining("layer 1 of 1 blob blobs/sha256/");
    assertThatThrownBy(() -> view(layout(b -> b.layer("x", l -> l.file("/a", "x")).tamper(Tamper.LAYER_SIZE))))
        .isInstanceOf(SizeMismatchException.class).hasMessageContaining("layer 1 of 1 blob blobs/sha256/");
    assertThatThrownBy(() -> view(layout(b -> b.layer("x", l -> l.file("/a", "x")).tamper(Tamper.DIFF_ID))))
        .isInstanceOf(DigestMismatchException.class).hasMessageContaining("uncompressed content (diff_id)");
  }

  @Test
  void should_detect_digest_and_size_mismatches_of_manifests_and_configs() throws IOException {
    // a manifest whose index entry says one byte more than it has
    Path d1 = dir();
    byte[] m = manifestWithConfig(d1, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"diff_ids\":[]}}");
    Digest md = HostileImages.blob(d1, m);
    HostileImages.index(d1, "{\"schemaVersion\":2,\"manifests\":[" + descriptor(OCI_MANIFEST, md, m.length + 1L, "x")
        + "]}");
    assertThatThrownBy(() -> ImageSources.open("oci:" + d1).image()).isInstanceOf(SizeMismatchException.class)
        .hasMessageContaining("manifest " + md.shortForm());
    // a config blob whose bytes are not what its digest says
    Path d2 = dir();
    byte[] m2 = manifestWithConfig(d2, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"diff_ids\":[]}}");
    HostileImages.document(d2, new String(m2, StandardCharsets.UTF_8), OCI_MANIFEST);
    try (var s = Files.list(d2.resolve("blobs/sha256"))) {
      for (Path p : s.toList()) {
        if (Files.readString(p).contains("architecture")) {
          Files.writeString(p, Files.readString(p).replace("amd64", "arm64"));
        }
      }
    }
    assertThatThrownBy(() -> ImageSources.open("oci:" + d2).image()).isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("config blobs/sha256/");
  }

  @Test
  void should_reject_unsupported_digest_algorithms_and_digests_that_carry_paths() throws IOException {
    for (Map.Entry<String, String> c : Map.of("md5:d41d8cd98f00b204e9800998ecf8427e", "unsupported digest algorithm",
        "sha256:../../../../etc/passwd", "malformed sha256 digest").entrySet()) {
      Path d = dir();
      HostileImages.index(d, "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + OCI_MANIFEST
          + "\",\"digest\":\"" + c.getKey() + "\",\"size\":2}]}");
      assertThatThrownBy(() -> ImageSources.open("oci:" + d)).as(c.getKey()).isInstanceOf(ImageFormatException.class)
          .hasMessageContaining("index.json entry 0: " + c.getValue());
    }
  }

  @Test
  void should_reject_ambiguous_unknown_duplicate_and_deeply_nested_documents() throws IOException {
    Map<String, String> cases = Map.of(
        "{\"schemaVersion\":2,\"manifests\":[],\"layers\":[],\"config\":{}}", "is ambiguous: it has both",
        "{\"schemaVersion\":3,\"config\":{},\"layers\":[]}", "has unsupported schemaVersion 3, expected 2",
        "{\"schemaVersion\":2,\"layers\":[],\"layers\":[]}", "is not valid JSON: Duplicate field 'layers'");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path d = dir();
      HostileImages.document(d, c.getKey(), OCI_MANIFEST);
      assertThatThrownBy(() -> ImageSources.open("oci:" + d)).as(c.getKey())
          .isInstanceOf(ImageFormatException.class).hasMessageContaining(c.getValue());
    }
    Path deep = dir();
    HostileImages.document(deep, "{\"schemaVersion\":2,\"annotations\":" + "[".repeat(100) + "]".repeat(100) + "}",
        OCI_MANIFEST);
    assertThatThrownBy(() -> ImageSources.open("oci:" + deep)).isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("(JSON nesting) exceeds the limit json-depth=64");
  }

  @Test
  void should_stop_a_chain_of_nested_indexes_at_index_depth() throws IOException {
    // GIVEN an image under 10 nested indexes
    Path d = dir();
    byte[] m = manifestWithConfig(d, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"diff_ids\":[]}}");
    Digest digest = HostileImages.blob(d, m);
    long size = m.length;
    String type = OCI_MANIFEST;
    for (int i = 0; i < 10; i++) {
      byte[] idx = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":["
          + descriptor(type, digest, size).replace("}", ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}")
          + "]}").getBytes(StandardCharsets.UTF_8);
      digest = HostileImages.blob(d, idx);
      size = idx.length;
      type = OCI_INDEX;
    }
    HostileImages.index(d, "{\"schemaVersion\":2,\"manifests\":[" + descriptor(type, digest, size, "x") + "]}");
    // THEN the default index-depth stops it; a raised one reads it
    assertThatThrownBy(() -> ImageSources.open("oci:" + d).image()).isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("exceeds the limit index-depth=8");
    try (var s = ImageSources.open("oci:" + d, io.imagecheck.sources.SourceOptions.builder()
        .limits(ReadLimits.defaults().with("index-depth", 16)).build())) {
      assertThat(s.image().layers()).isEmpty();
    }
  }

  @Test
  void should_never_follow_docker_archive_paths_or_member_links_out_of_the_archive() throws IOException {
    Path host = Files.writeString(tmp.resolve("host-layer.tar"), "HOST");
    for (String[] c : List.of(
        new String[] {"[{\"Config\":\"../../etc/passwd\",\"Layers\":[]}]", "", "manifest.json path \"../../etc/passwd\" leaves the archive"},
        new String[] {"[{\"Config\":\"c.json\",\"Layers\":[\"" + host + "\"]}]", "", "manifest.json names \"" + host
            + "\", which is not in the archive"},
        new String[] {"[{\"Config\":\"c.json\",\"Layers\":[\"l/layer.tar\"]}]", host.toString(),
            "manifest.json names \"l/layer.tar\", which is not in the archive"})) {
      Path archive = tmp.resolve("a" + c.hashCode() + ".tar");
      try (OutputStream f = Files.newOutputStream(archive); TarArchiveOutputStream t = new TarArchiveOutputStream(f)) {
        add(t, "manifest.json", c[0].getBytes(StandardCharsets.UTF_8));
        add(t, "c.json", "{\"rootfs\":{\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8));
        if (!c[1].isEmpty()) {
          TarArchiveEntry link = new TarArchiveEntry("l/layer.tar", TarArchiveEntry.LF_SYMLINK);
          link.setLinkName(c[1]);
          t.putArchiveEntry(link);
          t.closeArchiveEntry();
        }
      }
      assertThatThrownBy(() -> ImageSources.open("docker-archive:" + archive)).isInstanceOf(ImageFormatException.class)
          .hasMessage("docker-archive:" + archive + ": " + c[2]);
    }
  }

  @Test
  void should_refuse_layout_files_that_are_links_out_of_the_layout_fifos_or_empty() throws Exception {
    // a blob that is a symlink to a host file
    Path d1 = dir();
    Digest md = HostileImages.document(d1, "{}", OCI_MANIFEST);
    Path blob = d1.resolve("blobs/sha256").resolve(md.hex());
    Files.delete(blob);
    Files.createSymbolicLink(blob, Files.writeString(tmp.resolve("host.json"), "{}"));
    assertThatThrownBy(() -> ImageSources.open("oci:" + d1)).isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("blobs/sha256/" + md.hex() + " is a link that leads out of the layout directory");
    // a blob that is a FIFO: refused, never opened (opening it would block)
    Files.delete(blob);
    Process mkfifo = new ProcessBuilder("mkfifo", blob.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    assertThatThrownBy(() -> ImageSources.open("oci:" + d1)).isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("blobs/sha256/" + md.hex() + " is not a regular file");
    // empty files
    Path empty = Files.write(tmp.resolve("empty.tar"), new byte[0]);
    assertThatThrownBy(() -> ImageSources.open("docker-archive:" + empty)).isInstanceOf(ImageFormatException.class)
        .hasMessage("docker-archive:" + empty + ": the file is empty");
    Path d2 = dir();
    HostileImages.index(d2, "");
    assertThatThrownBy(() -> ImageSources.open("oci:" + d2)).isInstanceOf(ImageFormatException.class)
        .hasMessage("oci:" + d2 + ": index.json is empty");
  }

  private static byte[] manifestWithConfig(Path dir, String config) throws IOException {
    byte[] c = config.getBytes(StandardCharsets.UTF_8);
    Digest cd = HostileImages.blob(dir, c);
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":"
        + descriptor(MediaType.OCI_CONFIG.value(), cd, c.length) + ",\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
  }

  private static void add(TarArchiveOutputStream t, String name, byte[] content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    t.putArchiveEntry(e);
    t.write(content);
    t.closeArchiveEntry();
  }
}
