package io.imagecheck.filesystems;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.fs.Capture;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.FileType;
import io.imagecheck.fs.Resolution;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merged view of third-party images, checked against the facts their PROVENANCE.md lists. */
class RealImagesViewTest {

  @Test
  void should_apply_whiteouts_of_dive_busybox_and_resolve_hardlinked_shell() throws IOException {
    // GIVEN dive's 14-layer docker-save image with file and directory whiteouts
    try (ImageSource source = ImageSources.open(Fixtures.real("dive-docker-save-busybox/test-docker-image.tar").toString())) {
      // WHEN the view is built
      FileSystemView fs = FileSystemViews.read(source.image());
      // THEN /root/example is gone, the survivors are there
      assertThat(fs.entry("/root/example")).isEmpty();
      assertThat(fs.entries()).extracting(FileEntry::path).noneMatch(p -> p.startsWith("/root/example"));
      for (String p : List.of("/root/saved.txt", "/root/.saved.txt", "/tmp/saved.again1.txt",
          "/root/.data/tag.sh", "/root/.data/test.sh", "/root/.data/saved.again2.txt", "/somefile.txt")) {
        assertThat(fs.exists(p)).as(p).isTrue();
      }
      assertThat(fs.entries()).extracting(FileEntry::path).noneMatch(p -> p.contains(".wh."));
      // AND /bin/sh is a hard link to /bin/[ whose content is busybox (1,075,464 bytes)
      FileEntry sh = fs.entry("/bin/sh").orElseThrow();
      assertThat(sh.type()).isEqualTo(FileType.HARDLINK);
      assertThat(sh.linkTarget()).contains("/bin/[");
      assertThat(sh.origin().layerNumber()).isEqualTo(1);
      try (InputStream in = fs.open("/bin/sh")) {
        assertThat(in.readAllBytes()).hasSize(1_075_464);
      }
      // AND the layer that deleted /root/example lists it as deleted
      assertThat(fs.layerChanges()).anySatisfy(c -> assertThat(c.deleted()).extracting(FileEntry::path)
          .contains("/root/example"));
    }
  }

  @Test
  void should_resolve_alpine_sh_symlink_and_capture_apk_database() throws IOException {
    // GIVEN alpine:3.11 from a gzipped docker save
    try (ImageSource source = ImageSources.open(Fixtures.real("trivy-docker-save-alpine311/alpine-311.tar.gz").toString())) {
      // WHEN built with a capture of the apk database
      FileSystemView fs = FileSystemViews.read(source.image(),
          new ContentNeeds(List.of(Capture.of("/lib/apk/db/installed"), Capture.of("/etc/alpine-release")),
              List.of(), false));
      // THEN /bin/sh resolves to /bin/busybox (841,288 bytes)
      Resolution r = fs.resolve("/bin/sh");
      assertThat(r.target()).hasValueSatisfying(t -> {
        assertThat(t.path()).isEqualTo("/bin/busybox");
        assertThat(t.size()).isEqualTo(841_288);
      });
      assertThat(r.chain()).singleElement().satisfies(l -> assertThat(l.linkTarget()).contains("/bin/busybox"));
      // AND the captured files are there
      assertThat(new String(fs.captured("/etc/alpine-release").orElseThrow(), StandardCharsets.UTF_8).strip())
          .isEqualTo("3.11.5");
      assertThat(new String(fs.captured("/lib/apk/db/installed").orElseThrow(), StandardCharsets.UTF_8))
          .contains("P:musl\nV:1.1.24-r2");
    }
  }
}
