package io.imagecheck.testimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagecheck.fs.FileType;
import io.imagecheck.image.Compression;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads layers written by {@link TestLayer} with GNU tar, gzip and zstd. */
class TarToolIT {

  @TempDir
  Path tmp;

  static final String LONG = "d".repeat(80) + "/" + "f".repeat(80);

  static TestLayer everyKind() {
    return TestLayer.builder()
        .directory("/bin")
        .file("/bin/busybox", new byte[] {1, 2, 3}, 0755)
        .entry(FileSpec.builder("/usr/bin/su", FileType.REGULAR).mode(04755).ownerNames("root", "root")
            .content("su").build())
        .symlink("/bin/sh", "busybox")
        .hardlink("/bin/ls", "/bin/busybox")
        .charDevice("/dev/null", 1, 3)
        .fifo("/run/p")
        .entry(FileSpec.builder("/home/app/x", FileType.REGULAR).owner(1000, 1000).ownerNames("app", "app").build())
        .file("/" + LONG, "long")
        .symlink("/long-link", "/" + LONG)
        .file("/données/é", "u")
        .entry(FileSpec.builder("/big", FileType.REGULAR).owner(3_000_000_000L, 5)
            .xattr("user.k", "v".getBytes(StandardCharsets.UTF_8)).build())
        .directory("/tmp", 01777)
        .whiteout("/etc/old")
        .opaque("/var/cache")
        .build();
  }

  /** Splits a {@code tar -tv} line into mode, owner, size, name and the rest (date and time dropped). */
  private static String simplify(String line) {
    String[] f = line.trim().split("\\s+", 6);
    return f[0] + " " + f[1] + " " + f[2] + " " + f[5];
  }

  @Test
  void should_list_modes_owners_sizes_names_and_link_targets_as_written() throws Exception {
    // GIVEN
    Tools.assumeInstalled("tar");
    Path file = tmp.resolve("layer.tar");
    Files.write(file, everyKind().tar());

    // WHEN
    Tools.Result listing = Tools.run(tmp, "tar", "--quoting-style=literal", "-tvf", file.toString()).ok();

    // THEN
    List<String> lines = listing.out().lines().map(TarToolIT::simplify).toList();
    assertEquals(List.of(
        "drwxr-xr-x 0/0 0 bin/",
        "-rwxr-xr-x 0/0 3 bin/busybox",
        "-rwsr-xr-x root/root 2 usr/bin/su",
        "lrwxrwxrwx 0/0 0 bin/sh -> busybox",
        "hrw-r--r-- 0/0 0 bin/ls link to bin/busybox",
        "crw-rw-rw- 0/0 1,3 dev/null",
        "prw-r--r-- 0/0 0 run/p",
        "-rw-r--r-- app/app 0 home/app/x",
        "-rw-r--r-- 0/0 4 " + LONG,
        "lrwxrwxrwx 0/0 0 long-link -> /" + LONG,
        "-rw-r--r-- 0/0 1 données/é",
        "-rw-r--r-- 3000000000/5 0 big",
        "drwxrwxrwt 0/0 0 tmp/",
        "---------- 0/0 0 etc/.wh.old",
        "---------- 0/0 0 var/cache/.wh..wh..opq"), lines);
    assertTrue(listing.out().lines().allMatch(l -> l.contains(" 2025-01-01 00:00 ")), listing.out());
  }

  @Test
  void should_list_pax_xattrs() throws Exception {
    // GIVEN
    Tools.assumeInstalled("tar");
    Path file = tmp.resolve("layer.tar");
    Files.write(file, everyKind().tar());

    // WHEN
    Tools.Result listing = Tools.run(tmp, "tar", "--xattrs", "--xattrs-include=*", "-tvvf", file.toString()).ok();

    // THEN
    List<String> lines = listing.out().lines().toList();
    int big = lines.indexOf(lines.stream().filter(l -> l.endsWith(" big")).findFirst().orElseThrow());
    assertTrue(lines.get(big).startsWith("-rw-r--r--* "), lines.get(big));
    assertEquals("x: 1 user.k", lines.get(big + 1).trim());
  }

  @Test
  void should_extract_content_and_long_names() throws Exception {
    // GIVEN
    Tools.assumeInstalled("tar");
    Path file = tmp.resolve("layer.tar");
    Files.write(file, TestLayer.builder().parents(true).file("/" + LONG, "long").file("/a/é", "é").build().tar());
    Path out = Files.createDirectory(tmp.resolve("out"));

    // WHEN
    Tools.run(tmp, "tar", "-xf", file.toString(), "-C", out.toString()).ok();

    // THEN
    assertEquals("long", Files.readString(out.resolve(LONG)));
    assertEquals("é", Files.readString(out.resolve("a/é")));
  }

  @Test
  void should_accept_a_layer_without_end_of_archive_blocks() throws Exception {
    // GIVEN
    Tools.assumeInstalled("tar");
    Path file = tmp.resolve("layer.tar");
    Files.write(file, TestLayer.builder().file("/a", "a").file("/b", "b").endOfArchive(false).build().tar());

    // WHEN
    Tools.Result listing = Tools.run(tmp, "tar", "-tf", file.toString()).ok();

    // THEN
    assertEquals(List.of("a", "b"), listing.out().lines().toList());
  }

  @Test
  void should_write_gzip_layers_that_gzip_verifies_and_decompresses_to_the_tar() throws Exception {
    // GIVEN
    Tools.assumeInstalled("gzip");
    TestImage image = TestImage.builder().layer("x", everyKind()).build();
    Path blob = tmp.resolve("layer.gz");
    Files.write(blob, image.layerBlob(0));

    // WHEN
    Tools.Result test = Tools.run(tmp, "gzip", "-t", blob.toString());
    Tools.Result decompressed = Tools.run(tmp, "gzip", "-dc", blob.toString()).ok();

    // THEN
    assertEquals(0, test.exit(), test.stderr());
    assertArrayEquals(image.layerTar(0), decompressed.stdout());
  }

  @Test
  void should_write_zstd_layers_that_zstd_verifies_and_decompresses_to_the_tar() throws Exception {
    // GIVEN a layer of more than two 128 KiB blocks
    Tools.assumeInstalled("zstd");
    byte[] payload = new byte[300_000];
    for (int i = 0; i < payload.length; i++) {
      payload[i] = (byte) (i % 251);
    }
    TestImage image = TestImage.builder().layerCompression(Compression.ZSTD)
        .layer("x", l -> l.file("/payload", payload).symlink("/p", "payload")).build();
    Path blob = tmp.resolve("layer.zst");
    Files.write(blob, image.layerBlob(0));

    // WHEN
    Tools.Result test = Tools.run(tmp, "zstd", "-t", blob.toString());
    Tools.Result info = Tools.run(tmp, "zstd", "-lv", blob.toString()).ok();
    Tools.Result decompressed = Tools.run(tmp, "zstd", "-dc", blob.toString()).ok();

    // THEN
    assertEquals(0, test.exit(), test.stderr());
    assertArrayEquals(image.layerTar(0), decompressed.stdout());
    assertTrue(info.out().contains("(" + image.layerTar(0).length + " B)"), info.out());
    assertTrue(info.out().contains("Check: None"), info.out());
  }
}
