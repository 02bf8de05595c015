package io.imagecheck.testimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.imagecheck.fs.FileType;
import io.imagecheck.image.Compression;
import io.imagecheck.image.Digest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link TestLayer} and {@link FileSpec}. */
class TestLayerTest {

  @Test
  void should_write_entries_in_the_order_given_without_parent_directories_by_default() {
    // GIVEN
    TestLayer.Builder builder = TestLayer.builder()
        .file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
        .symlink("/bin/sh", "busybox")
        .directory("/bin");

    // WHEN
    TarEntries tar = TarEntries.read(builder.build().tar());

    // THEN
    assertEquals(List.of("etc/passwd", "bin/sh", "bin/"), tar.names());
    assertEquals(0644, tar.get("etc/passwd").mode());
    assertEquals("busybox", tar.get("bin/sh").linkName());
  }

  @Test
  void should_add_missing_parents_once_and_never_an_explicit_directory_when_parents_is_on() {
    // GIVEN
    TestLayer.Builder builder = TestLayer.builder()
        .parents(true)
        .file("/usr/local/bin/tool", "x", 0755)
        .file("/usr/local/lib/a.so", "y")
        .directory("/usr/local", 0700)
        .whiteout("/var/log/old.log");

    // WHEN
    TarEntries tar = TarEntries.read(builder.build().tar());

    // THEN
    assertEquals(List.of("usr/", "usr/local/bin/", "usr/local/bin/tool", "usr/local/lib/", "usr/local/lib/a.so",
        "usr/local/", "var/", "var/log/", "var/log/.wh.old.log"), tar.names());
    assertEquals(0755, tar.get("usr/").mode());
    assertEquals(0700, tar.get("usr/local/").mode());
  }

  @Test
  void should_write_whiteouts_and_opaque_markers_as_empty_mode_0_files() {
    // GIVEN
    TestLayer.Builder builder = TestLayer.builder()
        .whiteout("/etc/old")
        .whiteout("/top")
        .opaque("/var/cache")
        .opaque("/");

    // WHEN
    TarEntries tar = TarEntries.read(builder.build().tar());

    // THEN
    assertEquals(List.of("etc/.wh.old", ".wh.top", "var/cache/.wh..wh..opq", ".wh..wh..opq"), tar.names());
    for (TarEntries.Entry e : tar.entries) {
      assertEquals('0', e.typeflag(), e.name());
      assertEquals(0, e.mode(), e.name());
      assertEquals(0, e.size(), e.name());
    }
  }

  @Test
  void should_compute_the_diff_id_as_the_sha256_of_the_tar() {
    // GIVEN
    TestLayer layer = TestLayer.builder().file("/a", "a").compression(Compression.ZSTD).build();

    // WHEN
    Digest diffId = layer.diffId();

    // THEN
    assertEquals(Digest.sha256(layer.tar()), diffId);
    assertEquals(3 * 512 + 512, layer.size());
    assertEquals(Compression.ZSTD, layer.compression().orElseThrow());
  }

  @Test
  void should_refuse_paths_that_are_not_absolute_and_clean() {
    for (String bad : List.of("relative", "/a/../b", "/a//b", "/a/", "/./a", "")) {
      // WHEN
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TestLayer.builder().file(bad, "x"), bad);

      // THEN
      assertEquals("path must be an absolute, clean image path (like /usr/bin/env), got \"" + bad
          + "\"; use RawTarEntry for hostile names", e.getMessage());
    }
  }

  @Test
  void should_refuse_content_on_non_regular_entries_and_links_without_targets() {
    // WHEN
    IllegalStateException content = assertThrows(IllegalStateException.class,
        () -> FileSpec.builder("/d", FileType.DIRECTORY).content("x"));
    IllegalStateException target = assertThrows(IllegalStateException.class,
        () -> FileSpec.builder("/l", FileType.SYMLINK).build());
    IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
        () -> FileSpec.builder("/f", FileType.REGULAR).mode(010000));

    // THEN
    assertEquals("only regular files have content, not DIRECTORY /d", content.getMessage());
    assertEquals("SYMLINK /l needs a link target", target.getMessage());
    assertEquals("mode must be within 0..07777, got 010000", mode.getMessage());
  }

  @Test
  void should_keep_file_spec_immutable_against_changes_to_given_and_returned_arrays() {
    // GIVEN
    byte[] content = {1, 2, 3};
    FileSpec spec = FileSpec.builder("/f", FileType.REGULAR).content(content).build();

    // WHEN
    content[0] = 9;
    spec.content()[1] = 9;

    // THEN
    assertEquals(List.of((byte) 1, (byte) 2, (byte) 3),
        List.of(spec.content()[0], spec.content()[1], spec.content()[2]));
  }
}
