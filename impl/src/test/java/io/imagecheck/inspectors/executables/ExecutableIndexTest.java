package io.imagecheck.inspectors.executables;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Image;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testing.FakeBinaries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutableIndexTest {

  @TempDir Path tmp;
  private final List<ImageSource> open = new ArrayList<>();
  private final MultiCallVisitor visitor = new MultiCallVisitor();

  @AfterEach
  void close() throws IOException {
    for (ImageSource s : open) {
      s.close();
    }
  }

  private ExecutableIndex index(Consumer<TestImage.Builder> spec) throws IOException {
    TestImage.Builder b = TestImage.builder();
    spec.accept(b);
    Path dir = tmp.resolve("img" + open.size());
    b.build().writeOciLayout(dir, "latest");
    ImageSource s = ImageSources.open("oci:" + dir + ":latest");
    open.add(s);
    Image image = s.image();
    FileSystemView fs = FileSystemViews.read(image, new ContentNeeds(List.of(), List.of(visitor), false));
    return ExecutableIndex.build(fs, image.config(), fs.visits(visitor));
  }

  @Test
  void should_group_hard_links_to_one_busybox_file_recognised_by_content() throws IOException {
    // GIVEN busybox stored as /bin/[ with hard links, as official busybox images are
    ExecutableIndex index = index(b -> b.layer("ADD rootfs", l -> l
        .file("/bin/[", FakeBinaries.busybox("1.36.1", "sh", "wget"), 0755)
        .hardlink("/bin/sh", "/bin/[")
        .hardlink("/bin/wget", "/bin/[")));
    // WHEN / THEN one executable with three reaches, in name order
    assertThat(index.executables()).singleElement().satisfies(x -> {
      assertThat(x.path()).isEqualTo("/bin/[");
      assertThat(x.multiCall()).hasValueSatisfying(m -> assertThat(m.fromContent()).isTrue());
      assertThat(x.paths(r -> true)).containsExactly("/bin/[", "/bin/sh", "/bin/wget");
    });
    Reach sh = index.lookup("sh").orElseThrow();
    assertThat(sh.via()).isEqualTo("hardlink /bin/sh => /bin/[");
    assertThat(sh.leadsTo()).isEqualTo(" (hard link to /bin/[)");
    assertThat(index.executable(sh).name()).isEqualTo("[");
  }

  @Test
  void should_reach_one_file_through_usrmerge_and_symlinks_in_path_order() throws IOException {
    // GIVEN usrmerge: /bin -> usr/bin, /usr/bin/sh -> dash
    ExecutableIndex index = index(b -> b.layer("debootstrap", l -> l
        .directory("/usr")
        .directory("/usr/bin")
        .symlink("/bin", "usr/bin")
        .file("/usr/bin/dash", FakeBinaries.program("dash"), 0755)
        .symlink("/usr/bin/sh", "dash")));
    // WHEN / THEN /usr/bin (on PATH before /bin) comes first; the file is found once
    assertThat(index.executables()).singleElement().satisfies(x -> {
      assertThat(x.path()).isEqualTo("/usr/bin/dash");
      assertThat(x.multiCall()).isEmpty();
      assertThat(x.paths(r -> true)).containsExactly("/usr/bin/dash", "/usr/bin/sh", "/bin/dash", "/bin/sh");
    });
    assertThat(index.reaches("sh")).extracting(Reach::via)
        .containsExactly("/usr/bin/sh -> dash", "/bin -> usr/bin, /usr/bin/sh -> dash");
    assertThat(index.reaches("sh").get(1).leadsTo()).isEqualTo(" -> /usr/bin/dash");
  }

  @Test
  void should_keep_non_executables_apart_and_ignore_dangling_links() throws IOException {
    ExecutableIndex index = index(b -> b.layer("ADD", l -> l
        .file("/bin/bash", FakeBinaries.program("bash"), 0644)
        .symlink("/bin/sh", "missing")
        .file("/usr/bin/env", FakeBinaries.program("env"), 0755)));
    assertThat(index.names()).containsExactly("env");
    assertThat(index.notExecutable()).extracting(Reach::path).containsExactly("/bin/bash");
    assertThat(index.lookup("sh")).isEmpty();
  }

  @Test
  void should_keep_the_old_content_of_a_hard_link_whose_target_a_later_layer_replaced() throws IOException {
    // GIVEN /bin/sh linked to busybox in layer 1, and /bin/busybox replaced by another program in layer 2
    ExecutableIndex index = index(b -> b
        .layer("ADD busybox", l -> l
            .file("/bin/busybox", FakeBinaries.busybox("1.36.1", "sh"), 0755)
            .hardlink("/bin/sh", "/bin/busybox"))
        .layer("COPY other", l -> l.file("/bin/busybox", FakeBinaries.program("other"), 0755)));
    // WHEN / THEN /bin/sh stands for itself and is still BusyBox by content
    Executable sh = index.executable(index.lookup("sh").orElseThrow());
    assertThat(sh.path()).isEqualTo("/bin/sh");
    assertThat(sh.multiCall()).hasValueSatisfying(m -> {
      assertThat(m.fromContent()).isTrue();
      assertThat(m.version()).contains("1.36.1");
    });
    // AND /bin/busybox is BusyBox by name only
    Executable bb = index.executable(index.lookup("busybox").orElseThrow());
    assertThat(bb.multiCall()).hasValueSatisfying(m -> assertThat(m.fromContent()).isFalse());
  }

  @Test
  void should_find_executables_off_the_search_path_by_absolute_path() throws IOException {
    ExecutableIndex index = index(b -> b.layer("ADD", l -> l
        .file("/opt/x/bash", FakeBinaries.program("bash"), 0755)
        .file("/opt/x/data", "not executable")));
    assertThat(index.executables()).isEmpty();
    assertThat(index.executableAt("/opt/x/bash")).hasValueSatisfying(x -> {
      assertThat(x.reaches()).singleElement().satisfies(r -> assertThat(r.onPath()).isFalse());
      assertThat(x.origin().layerIndex()).isZero();
    });
    assertThat(index.executableAt("/opt/x/data")).isEmpty();
    assertThat(index.executableAt("/opt/x/none")).isEmpty();
  }
}
