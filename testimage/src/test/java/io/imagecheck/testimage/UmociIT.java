package io.imagecheck.testimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unpacks images written by {@link TestImage} with umoci and compares the tree with what was written. */
class UmociIT {

  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;

  @TempDir
  Path tmp;

  static TestImage layered() {
    return TestImage.builder()
        .layer("ADD rootfs /", l -> l
            .directory("/bin")
            .file("/bin/busybox", new byte[] {0x7f, 'E', 'L', 'F'}, 0755)
            .symlink("/bin/sh", "busybox")
            .hardlink("/bin/ls", "/bin/busybox")
            .directory("/usr").directory("/usr/bin")
            .file("/usr/bin/su", "su", 04755)
            .directory("/dev")
            .charDevice("/dev/null", 1, 3)
            .directory("/run")
            .fifo("/run/p")
            .directory("/etc")
            .file("/etc/old", "old")
            .file("/etc/keep", "keep")
            .directory("/var").directory("/var/cache")
            .file("/var/cache/a", "a")
            .file("/var/cache/b", "b"))
        .emptyLayerStep("USER app")
        .layer("RUN cleanup", l -> l
            .parents(true)
            .whiteout("/etc/old")
            .opaque("/var/cache")
            .file("/var/cache/new", "new")
            .entry(FileSpec.builder("/home/app/.profile", io.imagecheck.fs.FileType.REGULAR).owner(1000, 1001)
                .content("x").build())
            .endOfArchive(false))
        .build();
  }

  private static Map<String, Object> attrs(Path p) throws IOException {
    return Files.readAttributes(p, "unix:mode,uid,gid,ino,rdev", LinkOption.NOFOLLOW_LINKS);
  }

  private static int mode(Path p) throws IOException {
    return (Integer) attrs(p).get("mode");
  }

  @Test
  void should_unpack_with_file_types_modes_links_devices_and_whiteouts_applied() throws Exception {
    // GIVEN
    Tools.assumeInstalled("umoci");
    TestImage image = layered();
    Path layout = tmp.resolve("layout");
    image.writeOciLayout(layout, "latest");
    Path bundle = tmp.resolve("bundle");

    // WHEN
    Tools.run(tmp, "umoci", "raw", "unpack", "--image", layout + ":latest", bundle.toString()).ok();

    // THEN
    Path root = bundle;
    assertEquals(S_IFREG | 0755, mode(root.resolve("bin/busybox")));
    assertEquals(S_IFLNK, mode(root.resolve("bin/sh")) & S_IFMT);
    assertEquals(Path.of("busybox"), Files.readSymbolicLink(root.resolve("bin/sh")));
    assertEquals(attrs(root.resolve("bin/busybox")).get("ino"), attrs(root.resolve("bin/ls")).get("ino"));
    assertEquals(S_IFREG | 04755, mode(root.resolve("usr/bin/su")));
    assertEquals(S_IFCHR | 0666, mode(root.resolve("dev/null")));
    assertEquals((1L << 8) | 3, attrs(root.resolve("dev/null")).get("rdev"));
    assertEquals(S_IFIFO | 0644, mode(root.resolve("run/p")));
    assertEquals(S_IFDIR | 0755, mode(root.resolve("var/cache")));
    assertEquals(1000, attrs(root.resolve("home/app/.profile")).get("uid"));
    assertEquals(1001, attrs(root.resolve("home/app/.profile")).get("gid"));

    // ... the whiteout removed /etc/old, the opaque marker hid /var/cache/a and b, no marker is left
    assertFalse(Files.exists(root.resolve("etc/old"), LinkOption.NOFOLLOW_LINKS));
    assertEquals("keep", Files.readString(root.resolve("etc/keep")));
    try (Stream<Path> cache = Files.list(root.resolve("var/cache")); Stream<Path> etc = Files.list(root.resolve("etc"))) {
      assertEquals(List.of("new"), cache.map(p -> p.getFileName().toString()).toList());
      assertEquals(List.of("keep"), etc.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void should_unpack_the_bundled_sample_without_the_deleted_build_log() throws Exception {
    // GIVEN
    Tools.assumeInstalled("umoci");
    SampleImages.write(tmp.resolve("out"));
    Path layout = tmp.resolve("out").resolve(SampleImages.OCI_LAYOUT);

    // WHEN
    Tools.run(tmp, "umoci", "raw", "unpack", "--image", layout + ":" + SampleImages.REF_NAME,
        tmp.resolve("bundle").toString()).ok();

    // THEN
    Path root = tmp.resolve("bundle");
    assertFalse(Files.exists(root.resolve("tmp/build.log")));
    assertEquals(S_IFDIR | 01777, mode(root.resolve("tmp")));
    assertEquals(S_IFREG | 0600, mode(root.resolve("root/.ssh/id_rsa")));
    assertEquals(S_IFREG | 04755, mode(root.resolve("usr/bin/passwd")));
    assertEquals(Path.of("busybox"), Files.readSymbolicLink(root.resolve("bin/sh")));
    assertEquals(65532, attrs(root.resolve("app/server")).get("uid"));
  }

  @ParameterizedTest
  @CsvSource({
    "LAYER_BYTES, verified reader digest mismatch",
    "DIFF_ID, diffid mismatch",
    "LAYER_SIZE, verified reader size mismatch"
  })
  void should_refuse_a_tampered_image_with_the_matching_error(Tamper tamper, String error) throws Exception {
    // GIVEN
    Tools.assumeInstalled("umoci");
    Path layout = tmp.resolve("layout");
    TestImage.builder().layer("x", l -> l.file("/a", "a")).tamper(tamper).build().writeOciLayout(layout, "latest");

    // WHEN
    Tools.Result result = Tools.run(tmp, "umoci", "raw", "unpack", "--image", layout + ":latest",
        tmp.resolve("bundle").toString());

    // THEN
    assertEquals(1, result.exit(), result.stderr());
    assertTrue(result.stderr().contains(error), result.stderr());
  }
}
