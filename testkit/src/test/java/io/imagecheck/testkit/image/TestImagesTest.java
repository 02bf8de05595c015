package io.imagecheck.testkit.image;

import static io.imagecheck.testkit.ImageCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.fs.FileType;
import io.imagecheck.image.Image;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.FileSpec;
import io.imagecheck.testimage.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link TestImages}: a synthetic image written in each format reads back the same. */
class TestImagesTest {

  private static TestImage app() {
    return TestImage.builder()
        .config(c -> c.user("65532").entrypoint(List.of("/app/server")).label("stage", "test"))
        .layer("ADD base.tar /", l -> l.directory("/etc").file("/etc/motd", "hi\n").directory("/opt")
            .file("/opt/old", "old"))
        .layer("COPY app /app/", l -> l
            .entry(FileSpec.builder("/app", FileType.DIRECTORY).mode(0750).owner(65532, 65532).build())
            .file("/app/server", "server", 0755)
            .symlink("/app/run", "server")
            .hardlink("/app/server2", "/app/server")
            .whiteout("/opt/old")
            .opaque("/etc"))
        .build();
  }

  @Test
  void should_open_the_same_image_from_a_layout_an_oci_archive_and_a_docker_archive(@TempDir Path dir)
      throws Exception {
    // GIVEN
    TestImage image = app();
    String oci = TestImages.writeOciArchive(image, dir.resolve("app.oci.tar"));
    String docker = TestImages.writeDockerArchive(image, dir.resolve("app.docker.tar"), "example/app:1");

    // WHEN / THEN every format shows the same tree: whiteout and opaque directory applied, links kept
    try (ImageSource layout = TestImages.open(image, dir); ImageSource a = ImageSources.open(oci);
        ImageSource b = ImageSources.open(docker)) {
      for (Image i : List.of(layout.image(), a.image(), b.image())) {
        assertThat(i).hasUser("65532").hasLabel("stage", "test").doesNotContain("/opt/old").doesNotContain("/etc/motd");
        assertThat(i).containsFile("/app/run").isExecutable().hasContent("server");
        assertThat(i).containsFile("/app/server2").hasContent("server");
        assertThat(i).containsFile("/app").isDirectory().withMode("0750").ownedBy(65532, 65532);
      }
      assertThat(layout.image().descriptor().digest()).isEqualTo(a.image().descriptor().digest());
    }
  }

  @Test
  void should_write_the_same_bytes_for_the_same_input(@TempDir Path dir) throws Exception {
    // WHEN
    TestImages.writeOciArchive(app(), dir.resolve("one.tar"));
    TestImages.writeOciArchive(app(), dir.resolve("two.tar"));

    // THEN
    assertThat(Files.readAllBytes(dir.resolve("one.tar"))).isEqualTo(Files.readAllBytes(dir.resolve("two.tar")));
  }
}
