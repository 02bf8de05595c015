package io.imagecheck.filesystems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.fs.Capture;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.ContentVisitor;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.FileType;
import io.imagecheck.fs.LayerChanges;
import io.imagecheck.fs.Resolution;
import io.imagecheck.image.Compression;
import io.imagecheck.image.Image;
import io.imagecheck.source.DigestMismatchException;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.FileSpec;
import io.imagecheck.testimage.RawTarEntry;
import io.imagecheck.testimage.Tamper;
import io.imagecheck.testimage.TestImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer rules of the merged view, on synthetic images. */
class MergedViewTest {

  @TempDir Path tmp;
  private final List<ImageSource> open = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    for (ImageSource s : open) {
      s.close();
    }
  }

  private Image image(Consumer<TestImage.Builder> spec) throws IOException {
    TestImage.Builder b = TestImage.builder();
    spec.accept(b);
    Path dir = tmp.resolve("img" + open.size());
    b.build().writeOciLayout(dir, "latest");
    ImageSource s = ImageSources.open("oci:" + dir + ":latest");
    open.add(s);
    return s.image();
  }

  private FileSystemView view(Consumer<TestImage.Builder> spec) throws IOException {
    return FileSystemViews.read(image(spec));
  }

  @Test
  void should_let_a_later_layer_replace_an_entry_and_record_its_origin() throws IOException {
    // GIVEN /etc/motd written twice
    FileSystemView fs = view(b -> b
        .layer("ADD base", l -> l.directory("/etc").file("/etc/motd", "one\n"))
        .emptyLayerStep("ENV A=b")
        .layer("RUN echo two > /etc/motd", l -> l.file("/etc/motd", "two\n")));
    // WHEN / THEN the upper one wins and its origin names layer 2 and history step 3
    FileEntry motd = fs.entry("/etc/motd").orElseThrow();
    assertThat(motd.size()).isEqualTo(4);
    assertThat(motd.origin().layerNumber()).isEqualTo(2);
    assertThat(motd.origin().historyStep()).contains(3);
    assertThat(motd.origin().createdBy()).contains("RUN echo two > /etc/motd");
    assertThat(motd.origin().describe()).startsWith("layer 2 of 2 (sha256:").endsWith("history step 3: RUN echo two > /etc/motd");
    assertThat(fs.layerChanges().get(1).modified()).extracting(FileEntry::path).containsExactly("/etc/motd");
  }

  @Test
  void should_delete_lower_paths_with_whiteouts_but_not_same_layer_entries() throws IOException {
    // GIVEN a file and a directory deleted by whiteouts, and a file whited out and re-added in the same layer
    FileSystemView fs = view(b -> b
        .layer("base", l -> l.directory("/a").file("/a/x", "x").directory("/a/d").file("/a/d/y", "y").file("/a/z", "z"))
        .layer("rm", l -> l.whiteout("/a/x").whiteout("/a/d").whiteout("/a/z").file("/a/z", "new z")));
    // THEN
    assertThat(fs.exists("/a/x")).isFalse();
    assertThat(fs.exists("/a/d")).isFalse();
    assertThat(fs.exists("/a/d/y")).isFalse();
    assertThat(fs.entry("/a/z").orElseThrow().size()).isEqualTo(5);
    assertThat(fs.entries()).extracting(FileEntry::path).noneMatch(p -> p.contains(".wh."));
    LayerChanges rm = fs.layerChanges().get(1);
    assertThat(rm.deleted()).extracting(FileEntry::path).containsExactlyInAnyOrder("/a/x", "/a/d", "/a/d/y", "/a/z");
    assertThat(rm.modified()).extracting(FileEntry::path).containsExactly("/a/z");
  }

  @Test
  void should_hide_lower_children_of_an_opaque_directory() throws IOException {
    // GIVEN /doc with lower children, made opaque by a layer that adds one child (before the marker in tar order)
    FileSystemView fs = view(b -> b
        .layer("base", l -> l.directory("/doc").file("/doc/a", "a").directory("/doc/sub").file("/doc/sub/b", "b"))
        .layer("opaque", l -> l.file("/doc/new", "n").opaque("/doc")));
    // THEN only the new child remains
    assertThat(fs.list("/doc")).extracting(FileEntry::path).containsExactly("/doc/new");
    assertThat(fs.layerChanges().get(1).opaqueDirectories()).containsExactly("/doc");
  }

  @Test
  void should_reject_a_bare_whiteout() {
    assertThatThrownBy(() -> view(b -> b.layer("bad", l -> l.rawEntry(RawTarEntry.builder("etc/.wh.").build()))))
        .isInstanceOf(ImageFormatException.class).hasMessageContaining("invalid whiteout");
  }

  @Test
  void should_normalise_entry_names_and_ignore_names_that_leave_the_root() throws IOException {
    // GIVEN names in every spelling, and one that climbs out
    FileSystemView fs = view(b -> b.layer("names", l -> l
        .rawEntry(RawTarEntry.builder("./").typeflag('5').mode(0700).build())
        .rawEntry(RawTarEntry.builder("./a").content("1").build())
        .rawEntry(RawTarEntry.builder("b").content("2").build())
        .rawEntry(RawTarEntry.builder("/c").content("3").build())
        .rawEntry(RawTarEntry.builder("d/../../../etc/passwd").content("evil").build())));
    // THEN
    assertThat(fs.entries()).extracting(FileEntry::path).containsExactly("/", "/a", "/b", "/c");
    assertThat(fs.entry("/").orElseThrow().mode()).isEqualTo(0700);
    assertThat(fs.warnings()).anyMatch(w -> w.contains("leaves the root"));
  }

  @Test
  void should_keep_modes_owners_names_devices_and_capabilities() throws IOException {
    byte[] cap = {1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    FileSystemView fs = view(b -> b.layer("meta", l -> l
        .entry(FileSpec.builder("/usr/bin/su", FileType.REGULAR).mode(04755).owner(0, 0).ownerNames("root", "root")
            .content("su").build())
        .entry(FileSpec.builder("/usr/bin/ping", FileType.REGULAR).mode(0755).xattr("security.capability", cap)
            .content("ping").build())
        .charDevice("/dev/null", 1, 3)
        .fifo("/run/p")
        .entry(FileSpec.builder("/home/app", FileType.DIRECTORY).mode(0750).owner(1000, 1000).build())));
    FileEntry su = fs.entry("/usr/bin/su").orElseThrow();
    assertThat(su.isSetuid()).isTrue();
    assertThat(su.modeString()).isEqualTo("-rwsr-xr-x");
    assertThat(su.userName()).contains("root");
    assertThat(fs.entry("/usr/bin/ping").orElseThrow().xattr("security.capability")).hasValue(cap);
    FileEntry dev = fs.entry("/dev/null").orElseThrow();
    assertThat(dev.type()).isEqualTo(FileType.CHAR_DEVICE);
    assertThat(dev.deviceMajor()).isEqualTo(1);
    assertThat(dev.deviceMinor()).isEqualTo(3);
    assertThat(fs.entry("/run/p").orElseThrow().type()).isEqualTo(FileType.FIFO);
    assertThat(fs.entry("/home/app").orElseThrow().uid()).isEqualTo(1000);
    // implicit parents exist
    assertThat(fs.entry("/usr/bin").orElseThrow().isDirectory()).isTrue();
  }

  @Test
  void should_resolve_symlinks_inside_the_image_only() throws IOException {
    FileSystemView fs = view(b -> b.layer("links", l -> l
        .directory("/usr").directory("/usr/bin").file("/usr/bin/dash", "dash", 0755)
        .symlink("/bin", "usr/bin")
        .symlink("/usr/bin/sh", "dash")
        .symlink("/etc-passwd-escape", "../../../../etc/passwd")
        .file("/etc/passwd", "root:x:0:0::/root:/bin/sh\n")
        .symlink("/loop1", "loop2").symlink("/loop2", "/loop1")
        .symlink("/dangling", "/nowhere")));
    // absolute and relative targets, through a symlinked parent
    Resolution sh = fs.resolve("/bin/sh");
    assertThat(sh.resolvedPath()).contains("/usr/bin/dash");
    assertThat(sh.chain()).extracting(FileEntry::path).containsExactly("/bin", "/usr/bin/sh");
    // lstat follows parents only
    assertThat(fs.entry("/bin/sh").orElseThrow().type()).isEqualTo(FileType.SYMLINK);
    // .. never climbs above the image root
    assertThat(fs.resolve("/etc-passwd-escape").resolvedPath()).contains("/etc/passwd");
    // loops and dangling links are reported, not followed forever
    assertThat(fs.resolve("/loop1").problem()).hasValueSatisfying(p -> assertThat(p).contains("too many levels"));
    assertThat(fs.resolve("/dangling").problem()).hasValueSatisfying(p -> assertThat(p).contains("/nowhere"));
    assertThat(fs.list("/bin")).extracting(FileEntry::path).containsExactly("/usr/bin/dash", "/usr/bin/sh");
  }

  @Test
  void should_resolve_hardlinks_to_their_targets_content_even_after_the_target_is_replaced() throws IOException {
    FileSystemView fs = view(b -> b
        .layer("busybox", l -> l.directory("/bin").file("/bin/busybox", "BusyBox v1.36", 0755)
            .hardlink("/bin/sh", "/bin/busybox"))
        .layer("replace", l -> l.file("/bin/busybox", "other")));
    try (InputStream in = fs.open("/bin/sh")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("BusyBox v1.36");
    }
    try (InputStream in = fs.open("/bin/busybox")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("other");
    }
  }

  @Test
  void should_read_layers_without_end_of_archive_blocks_in_every_compression() throws IOException {
    for (Compression c : List.of(Compression.NONE, Compression.GZIP, Compression.ZSTD)) {
      // GIVEN a layer cut like umoci 0.4.7 writes them: no end blocks, last file unpadded
      FileSystemView fs = view(b -> b.layerCompression(c)
          .layer("umoci insert", l -> l.endOfArchive(false).file("/a", "x").file("/b", "hello")));
      assertThat(fs.entries()).extracting(FileEntry::path).as(c.name()).containsExactly("/", "/a", "/b");
    }
  }

  @Test
  void should_fail_with_digest_mismatch_when_layer_bytes_are_tampered() {
    assertThatThrownBy(() -> view(b -> b.layer("x", l -> l.file("/a", "x")).tamper(Tamper.LAYER_BYTES)))
        .isInstanceOf(DigestMismatchException.class);
    assertThatThrownBy(() -> view(b -> b.layer("x", l -> l.file("/a", "x")).tamper(Tamper.DIFF_ID)))
        .isInstanceOf(DigestMismatchException.class).hasMessageContaining("diff_id");
  }

  @Test
  void should_serve_captures_of_the_final_file_visitors_of_every_layer_and_content_digests() throws IOException {
    ContentVisitor<String> firstLine = new ContentVisitor<>() {
      @Override
      public String name() {
        return "first-line";
      }

      @Override
      public boolean accepts(FileEntry entry) {
        return entry.path().startsWith("/etc/");
      }

      @Override
      public @Nullable String visit(FileEntry entry, InputStream content) throws IOException {
        return new String(content.readNBytes(64), StandardCharsets.UTF_8).lines().findFirst().orElse("");
      }
    };
    Image image = image(b -> b
        .layer("one", l -> l.directory("/etc").file("/etc/passwd", "root:x:0:0\n").file("/etc/secret", "KEY=1\n"))
        .layer("two", l -> l.file("/etc/passwd", "root:x:0:0\napp:x:1000:1000\n").whiteout("/etc/secret")));
    FileSystemView fs = FileSystemViews.read(image,
        new ContentNeeds(List.of(Capture.of("/etc/passwd")), List.of(firstLine), true));
    // captures: the final file's bytes
    assertThat(new String(fs.captured("/etc/passwd").orElseThrow(), StandardCharsets.UTF_8)).contains("app:x:1000");
    // visitors: every layer, including the deleted secret
    assertThat(fs.visits(firstLine)).extracting(v -> v.entry().path() + "@" + v.entry().origin().layerNumber()
        + "=" + v.result()).containsExactly("/etc/passwd@1=root:x:0:0", "/etc/secret@1=KEY=1", "/etc/passwd@2=root:x:0:0");
    // content digests
    assertThat(fs.entry("/etc/passwd").orElseThrow().contentDigest()).isPresent();
  }

  @Test
  void should_give_several_visitors_one_large_file_without_buffering_it() throws IOException {
    byte[] big = new byte[20 << 20];
    java.util.Arrays.fill(big, (byte) 'a');
    List<ContentVisitor<Long>> visitors = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      visitors.add(new ContentVisitor<>() {
        @Override
        public String name() {
          return "count" + n;
        }

        @Override
        public boolean accepts(FileEntry entry) {
          return true;
        }

        @Override
        public Long visit(FileEntry entry, InputStream content) throws IOException {
          // the second visitor stops early: it must not stall the others
          return n == 1 ? (long) content.readNBytes(10).length : content.transferTo(OutputStreamsForTest.NULL);
        }
      });
    }
    Image image = image(b -> b.layer("big", l -> l.file("/big", big)));
    FileSystemView fs = FileSystemViews.read(image, new ContentNeeds(List.of(), List.copyOf(visitors), false));
    assertThat(visitors).extracting(v -> fs.visits(v).get(0).result()).containsExactly((long) big.length, 10L,
        (long) big.length);
  }

  @Test
  void should_keep_each_visitors_results_in_file_order_when_small_files_are_visited_beside_the_reader()
      throws IOException {
    // GIVEN small files (visited on the layer's visit lane) around a file too large to be read into one
    // array (visited by the reader itself), and a visitor that is slow on the first small files
    byte[] big = new byte[(16 << 20) + 1];
    List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
    ContentVisitor<String> names = new ContentVisitor<>() {
      @Override
      public String name() {
        return "names";
      }

      @Override
      public boolean accepts(FileEntry entry) {
        return true;
      }

      @Override
      public String visit(FileEntry entry, InputStream content) throws IOException {
        threads.add(Thread.currentThread().getName());
        if (entry.path().startsWith("/a")) {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        content.transferTo(OutputStreamsForTest.NULL);
        return entry.path();
      }
    };
    Image image = image(b -> b.layer("files", l -> l.file("/a1", "1").file("/a2", "2").file("/big", big)
        .file("/b1", "3").file("/b2", "4")));
    // WHEN
    FileSystemView fs = FileSystemViews.read(image, new ContentNeeds(List.of(), List.of(names), false));
    // THEN the results are in the layer's order, the small files were visited beside the reader, and no
    // imagecheck thread is left behind
    assertThat(fs.visits(names)).extracting(v -> v.result()).containsExactly("/a1", "/a2", "/big", "/b1", "/b2");
    assertThat(threads.get(0)).endsWith("-visits");
    assertThat(threads.get(2)).doesNotEndWith("-visits");
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().endsWith("-visits") && t.isAlive());
  }

  @Test
  void should_record_a_failing_visitor_without_failing_the_view() throws IOException {
    ContentVisitor<String> broken = new ContentVisitor<>() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public boolean accepts(FileEntry entry) {
        return true;
      }

      @Override
      public String visit(FileEntry entry, InputStream content) {
        throw new IllegalStateException("boom");
      }
    };
    FileSystemView fs = FileSystemViews.read(image(b -> b.layer("x", l -> l.file("/a", "x"))),
        new ContentNeeds(List.of(), List.of(broken), false));
    assertThat(fs.visitorError(broken)).hasValueSatisfying(e -> assertThat(e).contains("boom").contains("/a"));
    assertThat(fs.exists("/a")).isTrue();
  }

  @Test
  void should_stop_at_the_entries_limit_with_a_named_limit() {
    assertThatThrownBy(() -> FileSystemViews.read(image(b -> b.layer("x", l -> l.file("/a", "1").file("/b", "2")
        .file("/c", "3"))), ContentNeeds.NONE, ViewOptions.defaults().withLimits(ReadLimits.defaults()
        .with("entries-per-layer", 2))))
        .isInstanceOf(LimitExceededException.class).hasMessageContaining("entries-per-layer=2");
  }

  @Test
  void should_count_history_steps_over_all_entries_including_empty_ones() throws IOException {
    Image img = image(b -> b.emptyLayerStep("ARG X").emptyLayerStep("ENV A=b").layer("COPY a", l -> l.file("/a", "1")));
    FileSystemView fs = FileSystemViews.read(img);
    assertThat(fs.warnings()).noneMatch(w -> w.contains("history"));
    assertThat(fs.entry("/a").orElseThrow().origin().historyStep()).contains(3);
  }

  @Test
  void should_replace_a_directory_by_a_file_and_drop_its_children() throws IOException {
    FileSystemView fs = view(b -> b
        .layer("dir", l -> l.directory("/x").file("/x/child", "c"))
        .layer("file", l -> l.file("/x", "now a file")));
    assertThat(fs.entry("/x").orElseThrow().isRegularFile()).isTrue();
    assertThat(fs.exists("/x/child")).isFalse();
  }
}
