package io.imagecheck.inspectors.executables;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.FileType;
import io.imagecheck.fs.Origin;
import io.imagecheck.image.Digest;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testing.FakeBinaries;
import io.imagecheck.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MultiCallVisitorTest {

  private static final Digest D = Digest.sha256(new byte[0]);
  private static final Origin ORIGIN = new Origin(0, 1, D, D, Optional.empty(), Optional.empty());

  private static FileEntry file(String path, int mode, long size) {
    return FileEntry.builder(path, FileType.REGULAR).mode(mode).size(size).origin(ORIGIN).build();
  }

  @Test
  void should_read_version_and_sorted_applet_table_of_busybox() {
    // GIVEN a BusyBox binary with five applets
    byte[] content = FakeBinaries.busybox("1.36.1", "wget", "sh", "ash", "nc", "cat");
    // WHEN detected
    MultiCall m = MultiCallVisitor.detect(content).orElseThrow();
    // THEN kind, version and the table (with [ and [[) are read
    assertThat(m.kind()).isEqualTo(MultiCall.BUSYBOX);
    assertThat(m.version()).contains("1.36.1");
    assertThat(m.applets()).containsExactly("[", "[[", "ash", "cat", "nc", "sh", "wget");
    assertThat(m.fromContent()).isTrue();
    assertThat(m.describe()).isEqualTo("BusyBox v1.36.1");
  }

  @Test
  void should_keep_applets_unknown_when_the_table_is_missing_or_unsorted() {
    // GIVEN a banner without a table, and a "table" that is not sorted
    byte[] noTable = FakeBinaries.busyboxWithoutTable("1.31.1");
    byte[] unsorted = ("BusyBox v1.2.3\0[\0zz\0aa\0bb\0\0" + "x".repeat(5000)).getBytes(StandardCharsets.ISO_8859_1);
    // WHEN detected THEN it is BusyBox with unknown applets
    assertThat(MultiCallVisitor.detect(noTable).orElseThrow().appletsKnown()).isFalse();
    MultiCall m = MultiCallVisitor.detect(unsorted).orElseThrow();
    assertThat(m.applets()).isEmpty();
    assertThat(m.version()).contains("1.2.3");
  }

  @Test
  void should_prefer_the_busybox_banner_wherever_it_is_and_find_markers_at_either_end() {
    // GIVEN a binary naming toybox before its BusyBox banner, markers at the very start and end, and
    // near misses ("box", "xbox", "Toybox", "BusyBox" without " v") around them
    byte[] both = ("noise box xbox toybox\0 more BusyBox v1.35.0 (2024) multi-call").getBytes(StandardCharsets.ISO_8859_1);
    byte[] bannerFirst = "BusyBox v1.2".getBytes(StandardCharsets.ISO_8859_1);
    byte[] toyboxLast = "proxy oxen Toybox\0 toybox\0".getBytes(StandardCharsets.ISO_8859_1);
    byte[] nearMisses = "BusyBox  xbox toybox Toybox\0 ox".getBytes(StandardCharsets.ISO_8859_1);
    // WHEN detected THEN
    assertThat(MultiCallVisitor.detect(both)).hasValueSatisfying(m -> {
      assertThat(m.kind()).isEqualTo(MultiCall.BUSYBOX);
      assertThat(m.version()).contains("1.35.0");
    });
    assertThat(MultiCallVisitor.detect(bannerFirst)).hasValueSatisfying(m -> assertThat(m.version()).contains("1.2"));
    assertThat(MultiCallVisitor.detect(toyboxLast)).hasValueSatisfying(m -> assertThat(m.kind())
        .isEqualTo(MultiCall.TOYBOX));
    assertThat(MultiCallVisitor.detect(nearMisses)).isEmpty();
  }

  @Test
  void should_recognise_toybox_and_ignore_plain_programs() {
    assertThat(MultiCallVisitor.detect(FakeBinaries.toybox())).hasValueSatisfying(m -> {
      assertThat(m.kind()).isEqualTo(MultiCall.TOYBOX);
      assertThat(m.version()).isEmpty();
      assertThat(m.appletsKnown()).isFalse();
    });
    assertThat(MultiCallVisitor.detect(FakeBinaries.program("bash"))).isEmpty();
    assertThat(MultiCallVisitor.detect(new byte[0])).isEmpty();
  }

  @Test
  void should_accept_executables_in_bin_directories_or_with_shell_names_only() {
    MultiCallVisitor v = new MultiCallVisitor();
    assertThat(v.accepts(file("/bin/[", 0755, 1_000_000))).isTrue();
    assertThat(v.accepts(file("/opt/tools/sbin/x", 0700, 10_000))).isTrue();
    assertThat(v.accepts(file("/busybox/busybox", 0755, 10_000))).isTrue();
    // not executable, too small, too large, not in a bin directory
    assertThat(v.accepts(file("/bin/busybox", 0644, 1_000_000))).isFalse();
    assertThat(v.accepts(file("/bin/tzconfig", 0755, 106))).isFalse();
    assertThat(v.accepts(file("/bin/huge", 0755, MultiCallVisitor.MAX_SIZE + 1))).isFalse();
    assertThat(v.accepts(file("/usr/lib/libc.so.6", 0755, 2_000_000))).isFalse();
    assertThat(v.accepts(FileEntry.builder("/bin/sh", FileType.SYMLINK).linkTarget("busybox").origin(ORIGIN).build()))
        .isFalse();
  }

  @Test
  void should_read_392_applets_from_the_real_busybox_of_dive() throws IOException {
    // GIVEN dive's busybox image, whose binary is /bin/[
    String path = Fixtures.real("dive-docker-save-busybox/test-docker-image.tar").toString();
    try (ImageSource source = ImageSources.open("docker-archive:" + path)) {
      FileSystemView fs = FileSystemViews.read(source.image());
      byte[] bytes;
      try (InputStream in = fs.open("/bin/[")) {
        bytes = in.readAllBytes();
      }
      // WHEN detected
      MultiCall m = MultiCallVisitor.detect(bytes).orElseThrow();
      // THEN
      assertThat(m.version()).contains("1.29.3");
      assertThat(m.applets()).hasSize(392).contains("sh", "ash", "hush", "wget", "nc", "telnet", "su", "dpkg", "rpm")
          .doesNotContain("ssh", "curl", "apk");
      assertThat(m.applets().get(0)).isEqualTo("[");
      assertThat(m.applets().get(391)).isEqualTo("zcip");
    }
  }
}
