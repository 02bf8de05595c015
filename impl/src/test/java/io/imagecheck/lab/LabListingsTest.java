package io.imagecheck.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.fs.FileType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link LabListings}, on lines shaped like the ones {@code lab/make-images.sh} writes. */
class LabListingsTest {

  @Test
  void should_read_setuid_mode_and_link_count_from_a_tree_line() throws IOException {
    // GIVEN
    String line = "/usr/bin/chfn\tf\t4755\t0\t0\t62672\t2\t";

    // WHEN
    TreeEntry entry = LabListings.parseTreeLine(line, "test:1");

    // THEN
    assertThat(entry).isEqualTo(
        new TreeEntry("/usr/bin/chfn", FileType.REGULAR, 04755, 0, 0, 62672, 2, Optional.empty()));
    assertThat(entry.isSetuid()).isTrue();
    assertThat(entry.isSticky()).isFalse();
  }

  @Test
  void should_read_sticky_directory_and_symlink_from_a_tree_file(@TempDir Path dir) throws IOException {
    // GIVEN
    Path file = dir.resolve("x.tree.tsv");
    Files.writeString(file, LabListings.TREE_HEADER + "\n"
        + "/bin/sh\tl\t777\t0\t0\t0\t1\tbusybox\n"
        + "/tmp\td\t1777\t0\t0\t0\t1\t\n", StandardCharsets.UTF_8);

    // WHEN
    List<TreeEntry> entries = LabListings.readTree(file);

    // THEN
    assertThat(entries).extracting(TreeEntry::path).containsExactly("/bin/sh", "/tmp");
    assertThat(entries.get(0).linkTarget()).contains("busybox");
    assertThat(entries.get(1).mode()).isEqualTo(01777);
    assertThat(entries.get(1).isSticky()).isTrue();
  }

  @Test
  void should_read_char_device_hardlink_and_whiteout_from_layer_lines() throws IOException {
    // GIVEN
    String device = "dev/null\tc\t666\t0\t0\t0\t2023-11-14T22:13:20Z\t\t1,3";
    String hardlink = "usr/bin/perl5.36.0\th\t755\t0\t0\t0\t2023-11-14T22:13:20Z\tusr/bin/perl\t";
    String whiteout = "usr/bin/.wh.bash\t-\t0\t0\t0\t0\t2023-11-14T22:13:20Z\t\t";

    // WHEN
    LayerEntry d = LabListings.parseLayerLine(device, "test:1");
    LayerEntry h = LabListings.parseLayerLine(hardlink, "test:2");
    LayerEntry w = LabListings.parseLayerLine(whiteout, "test:3");

    // THEN
    assertThat(d.type()).isEqualTo(FileType.CHAR_DEVICE);
    assertThat(d.device()).contains("1,3");
    assertThat(d.modified()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(h.type()).isEqualTo(FileType.HARDLINK);
    assertThat(h.linkTarget()).contains("usr/bin/perl");
    assertThat(w.isWhiteout()).isTrue();
    assertThat(w.baseName()).isEqualTo(".wh.bash");
  }

  @Test
  void should_tell_an_opaque_marker_from_a_whiteout() throws IOException {
    // GIVEN
    String line = "usr/share/doc/.wh..wh..opq\t-\t0\t0\t0\t0\t2023-11-14T22:13:20Z\t\t";

    // WHEN
    LayerEntry entry = LabListings.parseLayerLine(line, "test:1");

    // THEN
    assertThat(entry.isOpaqueMarker()).isTrue();
    assertThat(entry.isWhiteout()).isFalse();
  }

  @Test
  void should_reject_a_socket_in_a_tree_line() {
    // GIVEN
    String line = "/run/x.sock\ts\t755\t0\t0\t0\t1\t";

    // WHEN / THEN
    assertThatThrownBy(() -> LabListings.parseTreeLine(line, "x.tree.tsv:7"))
        .isInstanceOf(IOException.class)
        .hasMessage("x.tree.tsv:7: unexpected find type 's' for /run/x.sock");
  }

  @Test
  void should_reject_a_listing_with_another_header(@TempDir Path dir) throws IOException {
    // GIVEN
    Path file = dir.resolve("x.layer0.tsv");
    Files.writeString(file, "name\ttype\n", StandardCharsets.UTF_8);

    // WHEN / THEN
    assertThatThrownBy(() -> LabListings.readLayer(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("expected the header 'path type mode uid gid size mtime link_target device'")
        .hasMessageContaining("got 'name type'");
  }

  @Test
  void should_reject_a_line_with_missing_columns() {
    // GIVEN
    String line = "dev/null\tc\t666";

    // WHEN / THEN
    assertThatThrownBy(() -> LabListings.parseLayerLine(line, "y.layer0.tsv:3"))
        .isInstanceOf(IOException.class)
        .hasMessage("y.layer0.tsv:3: expected 9 tab-separated columns, got 3");
  }
}
