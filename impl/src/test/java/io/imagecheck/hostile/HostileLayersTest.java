package io.imagecheck.hostile;

import static io.imagecheck.hostile.HostileImages.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Compression;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageNotFoundException;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.ImageSourceException;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.RawTarEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile tar layers: names and links that leave the root, whiteouts, lying headers, bombs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileLayersTest extends HostileTestSupport {

  @Test
  void should_never_read_or_write_outside_the_image_for_escaping_names_and_links() throws IOException {
    // GIVEN a host file next to the image, and a layer whose names and links point at it and at host paths
    Path host = Files.writeString(tmp.resolve("host-secret"), "HOST SECRET");
    String ref = layout(b -> b.layer("escape", l -> l
        .rawEntry(RawTarEntry.builder("../../../../" + tmp.getFileName() + "/written-by-tar").content("x").build())
        .rawEntry(RawTarEntry.builder("/abs").content("rooted").build())
        .symlink("/link-to-host", host.toString())
        .symlink("/link-up", "../../../../../../../" + host)
        .rawEntry(RawTarEntry.builder("hard-up").typeflag('1').linkName("../../" + host).build())
        .rawEntry(RawTarEntry.builder("hard-abs").typeflag('1').linkName(host.toString()).build())));
    try (ImageSource s = ImageSources.open(ref)) {
      // WHEN
      FileSystemView fs = FileSystemViews.read(s.image());
      // THEN the climbing name and hard link are ignored with warnings; absolute names are rooted in the image
      assertThat(fs.entries()).extracting(FileEntry::path)
          .containsExactly("/", "/abs", "/hard-abs", "/link-to-host", "/link-up");
      assertThat(fs.warnings()).anyMatch(w -> w.contains("leaves the root"))
          .anyMatch(w -> w.contains("hard link \"/hard-up\" points outside the root"))
          .anyMatch(w -> w.contains("hard link \"/hard-abs\" points at \"" + host + "\", which is missing"));
      // links resolve inside the image, where the host path does not exist
      assertThat(fs.resolve("/link-to-host").problem()).hasValueSatisfying(p -> assertThat(p).startsWith("no such file"));
      assertThat(fs.resolve("/link-up").resolvedPath()).isEmpty();
      assertThatThrownBy(() -> fs.open("/link-to-host")).isInstanceOf(ImageNotFoundException.class)
          .hasMessageContaining("no file \"/link-to-host\" in the image (no such file: \"/");
      assertThatThrownBy(() -> fs.open("/hard-abs")).isInstanceOf(ImageFormatException.class)
          .hasMessageContaining("\"/hard-abs\" is a hardlink, not a regular file");
      try (InputStream in = fs.open("/abs")) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("rooted");
      }
    }
    assertThat(tmp.resolve("written-by-tar")).doesNotExist();
    assertThat(Files.readString(host)).isEqualTo("HOST SECRET");
  }

  @Test
  void should_stop_symlink_loops_and_chains_longer_than_symlink_hops() throws IOException {
    // GIVEN a loop, and a chain of 41 links (one more than the default 40)
    String ref = layout(b -> b.layer("links", l -> {
      l.symlink("/loop-a", "loop-b").symlink("/loop-b", "/loop-a").file("/target", "t");
      for (int i = 0; i < 41; i++) {
        l.symlink("/c" + i, i == 40 ? "/target" : "/c" + (i + 1));
      }
    }));
    FileSystemView fs = view(ref);
    // THEN
    assertThat(fs.resolve("/loop-a").problem()).contains(
        "too many levels of symbolic links (a loop, or a chain longer than 40)");
    assertThat(fs.resolve("/c1").resolvedPath()).contains("/target");
    assertThat(fs.resolve("/c0").problem()).contains(
        "too many levels of symbolic links (a loop, or a chain longer than 40)");
    assertThatThrownBy(() -> fs.open("/loop-a")).isInstanceOf(ImageNotFoundException.class)
        .hasMessageContaining("too many levels of symbolic links");
    // AND the limit can be raised or lowered
    assertThat(view(ref, ReadLimits.defaults().with("symlink-hops", 41)).resolve("/c0").resolvedPath())
        .contains("/target");
    assertThat(view(ref, ReadLimits.defaults().with("symlink-hops", 3)).resolve("/c37").problem())
        .contains("too many levels of symbolic links (a loop, or a chain longer than 3)");
  }

  @Test
  void should_report_hard_links_to_missing_targets_and_refuse_to_open_them() throws IOException {
    String ref = layout(b -> b.layer("dangling", l -> l.hardlink("/bin/sh", "/bin/busybox")));
    try (ImageSource s = ImageSources.open(ref)) {
      FileSystemView fs = FileSystemViews.read(s.image());
      assertThat(fs.warnings()).contains("layer 1: hard link \"/bin/sh\" points at \"/bin/busybox\", which is missing");
      assertThatThrownBy(() -> fs.open("/bin/sh")).isInstanceOf(ImageFormatException.class)
          .hasMessageEndingWith("\"/bin/sh\" is a hardlink, not a regular file");
    }
  }

  @Test
  void should_reject_bare_and_dot_whiteouts_and_ignore_whiteouts_that_escape() throws IOException {
    for (String bad : List.of("etc/.wh.", "etc/.wh..", "etc/.wh...")) {
      String ref = layout(b -> b.layer("base", l -> l.file("/etc/a", "a"))
          .layer("bad", l -> l.rawEntry(RawTarEntry.builder(bad).build())));
      assertThatThrownBy(() -> view(ref)).as(bad).isInstanceOf(ImageFormatException.class)
          .hasMessageContaining("layer 2 of 2").hasMessageContaining("has an invalid whiteout entry")
          .hasMessageContaining("(it names no file)");
    }
    String escaping = layout(b -> b.layer("base", l -> l.file("/etc/a", "a").file("/x", "x"))
        .layer("escape", l -> l.rawEntry(RawTarEntry.builder("../.wh.x").build())
            .rawEntry(RawTarEntry.builder("etc/../../.wh.etc").build())));
    FileSystemView fs = view(escaping);
    assertThat(fs.entries()).extracting(FileEntry::path).containsExactly("/", "/etc", "/etc/a", "/x");
    assertThat(fs.warnings()).filteredOn(w -> w.contains("leaves the root")).hasSize(2);
  }

  @Test
  void should_reject_tar_headers_that_lie_about_sizes_and_checksums() throws IOException {
    // a size of 2^62 (base-256), a negative size (base-256), a wrong checksum
    String huge = layout(b -> b.layer("x", l -> l.rawEntry(RawTarEntry.builder("huge").content("tiny")
        .declaredSize(1L << 62).build())));
    assertThatThrownBy(() -> view(huge)).isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("layer 1 of 1").hasMessageContaining("entry \"huge\" cannot be read: Truncated TAR archive");
    String negative = layout(b -> b.layer("x", l -> l.rawEntry(RawTarEntry.builder("neg").content("abc")
        .declaredSize(-5).build())));
    assertThatThrownBy(() -> view(negative)).isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("layer 1 of 1 (sha256:").hasMessageContaining("malformed tar header after entry 0");
    String checksum = layout(b -> b.layer("x", l -> l.file("/ok", "ok")
        .rawEntry(RawTarEntry.builder("bad-sum").content("abc").checksum(12345).build())));
    assertThatThrownBy(() -> view(checksum)).isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("layer 1 of 1 (sha256:")
        .hasMessageEndingWith("has a tar header block with a wrong checksum (header block 2): the archive is corrupt "
            + "or crafted");
  }

  @Test
  void should_stop_pax_headers_and_gnu_long_names_at_pax_bytes_without_allocating_them() throws IOException {
    // GIVEN a 2 MiB PAX path record and a 2 MiB GNU long name (gzip makes them cheap to ship)
    String longPath = "dir/" + "n".repeat(2 << 20);
    String pax = layout(b -> b.layerCompression(Compression.GZIP).layer("pax", l -> l.rawEntry(
        RawTarEntry.builder("short").paxRecord("path", longPath).content("x").build())));
    String gnu = layout(b -> b.layerCompression(Compression.GZIP).layer("gnu", l -> l
        .rawEntry(RawTarEntry.builder("././@LongLink").typeflag('L').content(longPath + "\0").build())
        .rawEntry(RawTarEntry.builder("short").content("x").build())));
    // THEN both stop at the limit, which names itself
    for (String ref : List.of(pax, gnu)) {
      assertThatThrownBy(() -> view(ref)).isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("tar metadata of one entry (PAX header, GNU long name or sparse map)")
          .hasMessageContaining("exceeds the limit pax-bytes=1048576 (raise it with ReadLimits or --limit pax-bytes=N)")
          .satisfies(e -> assertThat(((LimitExceededException) e).limit()).isEqualTo("pax-bytes"));
    }
    // AND raising pax-bytes (and path-length, which a 2 MiB name passes next) reads them
    ReadLimits raised = ReadLimits.defaults().with("pax-bytes", 4L << 20).with("path-length", 4L << 20);
    assertThat(view(pax, raised).entries()).extracting(FileEntry::path).containsExactly("/", "/dir", "/" + longPath);
  }

  @Test
  void should_stop_a_sparse_file_that_claims_gigabytes_of_holes_at_layer_bytes() throws IOException {
    // GIVEN a PAX 1.0 sparse file: a one-block map that says "one region of 0 bytes", real size 2 GB
    // (commons-compress reads the real size as an int: this is the largest it takes)
    byte[] map = new byte[512];
    byte[] m = "1\n0\n0\n".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(m, 0, map, 0, m.length);
    String ref = layout(b -> b.layer("sparse", l -> l.rawEntry(RawTarEntry.builder("GNUSparseFile.0/big")
        .paxRecord("GNU.sparse.major", "1").paxRecord("GNU.sparse.minor", "0").paxRecord("GNU.sparse.name", "big")
        .paxRecord("GNU.sparse.realsize", "2000000000").content(map).build())));
    // THEN
    assertThatThrownBy(() -> view(ref, ReadLimits.defaults().with("layer-bytes", 1L << 30)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("uncompressed content exceeds the limit layer-bytes=1073741824");
  }

  @Test
  void should_ignore_entries_after_the_end_of_archive_and_reject_a_truncated_entry() throws IOException {
    // GIVEN a layer whose tar ends (two zero blocks) and then carries one more entry, as Go's reader ignores
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    tar.write(header("visible", '0', 1));
    tar.write(new byte[512]);
    tar.write(new byte[1024]);
    tar.write(header("hidden", '0', 0));
    Path d1 = dir();
    HostileImages.layout(d1, List.of(HostileImages.LayerBlob.tar(tar.toByteArray())));
    // THEN only the entry before the end is in the view (the trailing bytes are still hashed for the diff_id)
    assertThat(view("oci:" + d1).entries()).extracting(FileEntry::path).containsExactly("/", "/visible");
    // GIVEN a tar cut in the middle of an entry's content (its diff_id is of the cut bytes), further from its
    // end than the zero padding tolerated for layers written without end-of-archive blocks
    ByteArrayOutputStream cut = new ByteArrayOutputStream();
    cut.write(header("a", '0', 64 * 1024));
    cut.write(new byte[1000]);
    Path d2 = dir();
    HostileImages.layout(d2, List.of(HostileImages.LayerBlob.gzip(cut.toByteArray())));
    assertThatThrownBy(() -> view("oci:" + d2)).isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("layer 1 of 1").hasMessageContaining("entry \"a\" cannot be read: Truncated TAR archive");
  }

  @Test
  void should_reject_corrupt_and_truncated_gzip_and_zstd_and_layers_that_are_not_tars() throws IOException {
    byte[] tar = header("a", '0', 0);
    byte[] gz = HostileImages.gzip(tar);
    byte[] truncatedGzip = java.util.Arrays.copyOf(gz, gz.length - 12);
    byte[] corruptGzip = gz.clone();
    corruptGzip[12] ^= 0x55;
    byte[] zstdNotADeflateStream = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x00, 0x00, 0x11, 0x22, 0x33};
    byte[] notATar = "this is not a tar archive, just text that goes on".repeat(20).getBytes(StandardCharsets.UTF_8);
    for (byte[] blob : List.of(truncatedGzip, corruptGzip, zstdNotADeflateStream, notATar)) {
      Path d = dir();
      HostileImages.layout(d, List.of(new HostileImages.LayerBlob(blob, io.imagecheck.image.Digest.sha256(tar),
          io.imagecheck.image.MediaType.OCI_LAYER_GZIP)));
      assertThatThrownBy(() -> view("oci:" + d)).isInstanceOf(ImageSourceException.class)
          .hasMessageStartingWith("oci:" + d + ": layer 1 of 1")
          .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("(gzip) is truncated", "(gzip) is corrupt",
              "(zstd) is corrupt", "(zstd) is truncated", "malformed tar header", "diff_id"));
    }
  }

  @Test
  void should_refuse_a_zstd_frame_that_declares_a_2_gib_window_before_decoding_it() throws IOException {
    // GIVEN a zstd frame: window descriptor exponent 21 (2 GiB), then RLE blocks of zeros
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    z.write(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x00, (byte) (21 << 3)});
    for (int i = 0; i < 64; i++) {
      int blockHeader = (i == 63 ? 1 : 0) | (1 << 1) | ((128 * 1024) << 3);
      z.write(new byte[] {(byte) blockHeader, (byte) (blockHeader >> 8), (byte) (blockHeader >> 16), 0});
    }
    Path d = dir();
    HostileImages.layout(d, List.of(new HostileImages.LayerBlob(z.toByteArray(),
        io.imagecheck.image.Digest.sha256(new byte[8 << 20]), io.imagecheck.image.MediaType.OCI_LAYER_ZSTD)));
    // THEN
    assertThatThrownBy(() -> view("oci:" + d)).isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("(zstd) frame 1 needs a window of 2147483648 bytes; imagecheck decodes windows of up to "
            + "33554432 bytes");
  }

  @Test
  void should_stop_a_decompression_bomb_at_layer_bytes_and_image_bytes() throws IOException {
    // GIVEN two gzip layers of 48 MiB of zeros each (about 48 KiB compressed)
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    tar.write(header("zeros", '0', 48L << 20));
    tar.write(new byte[48 << 20]);
    tar.write(new byte[1024]);
    HostileImages.LayerBlob bomb = HostileImages.LayerBlob.gzip(tar.toByteArray());
    Path d = dir();
    HostileImages.layout(d, List.of(bomb, bomb));
    // THEN each limit stops it and names itself
    assertThatThrownBy(() -> view("oci:" + d, ReadLimits.defaults().with("layer-bytes", 32L << 20)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("uncompressed content exceeds the limit layer-bytes=33554432");
    assertThatThrownBy(() -> view("oci:" + d, ReadLimits.defaults().with("image-bytes", 64L << 20)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("(all layers: more than 67108864 bytes) exceeds the limit image-bytes=67108864");
    assertThat(view("oci:" + d).entries()).extracting(FileEntry::path).containsExactly("/", "/zeros");
  }

  @Test
  void should_stop_at_the_entry_and_path_length_limits() throws IOException {
    String ref = layout(b -> b.layer("one", l -> l.file("/a", "1").file("/b", "2"))
        .layer("two", l -> l.file("/c", "3").file("/" + "n".repeat(90), "4")));
    assertThatThrownBy(() -> view(ref, ReadLimits.defaults().with("entries-per-image", 3)))
        .isInstanceOf(LimitExceededException.class).hasMessageContaining("entries-per-image=3");
    assertThatThrownBy(() -> view(ref, ReadLimits.defaults().with("path-length", 64)))
        .isInstanceOf(LimitExceededException.class).hasMessageContaining("path-length=64");
    assertThatThrownBy(() -> {
      try (ImageSource s = ImageSources.open(ref)) {
        FileSystemViews.read(s.image(), new io.imagecheck.fs.ContentNeeds(List.of(io.imagecheck.fs.Capture.of("/a"),
            io.imagecheck.fs.Capture.of("/b")),
            List.of(), false), io.imagecheck.filesystems.ViewOptions.defaults().withLimits(
            ReadLimits.defaults().with("capture-bytes", 1)));
      }
    }).isInstanceOf(LimitExceededException.class).hasMessageContaining("capture-bytes=1")
        .satisfies(e -> assertThat(((LimitExceededException) e).limit()).isEqualTo("capture-bytes"));
  }
}
