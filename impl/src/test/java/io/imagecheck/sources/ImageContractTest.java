package io.imagecheck.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.image.Compression;
import io.imagecheck.image.Image;
import io.imagecheck.image.Layer;
import io.imagecheck.image.Platform;
import io.imagecheck.source.ImageSource;
import io.imagecheck.testimage.FileSpec;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.fs.FileType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every source adapter passes: the same image written in each local format reads back
 * with the same config, diff_ids, layer contents and merged file list, and every digest verifies.
 */
class ImageContractTest {

  @TempDir Path tmp;

  static TestImage sample(Compression compression) {
    return TestImage.builder()
        .platform(Platform.parse("linux/amd64"))
        .layerCompression(compression)
        .config(c -> c.user("65532:65532").entrypoint(List.of("/app/server")).addEnv("PATH", "/usr/bin:/bin")
            .label("org.opencontainers.image.title", "contract").exposedPorts(List.of("8080/tcp")))
        .layer("COPY rootfs /", l -> l.directory("/bin").directory("/etc").directory("/app")
            .file("/bin/busybox", "BusyBox v1.36.1 multi-call binary", 0755)
            .symlink("/bin/sh", "busybox").hardlink("/bin/ls", "/bin/busybox")
            .file("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532::/home:/sbin/nologin\n")
            .entry(FileSpec.builder("/app/server", FileType.REGULAR).mode(0755).owner(65532, 65532).content("bin").build()))
        .emptyLayerStep("USER 65532:65532")
        .layer("RUN rm /etc/motd", l -> l.file("/app/config.yaml", "port: 8080\n").whiteout("/etc/motd"))
        .build();
  }

  enum Format {
    OCI, OCI_ARCHIVE, DOCKER_ARCHIVE, DIR
  }

  static Stream<Arguments> formats() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Compression c : List.of(Compression.GZIP, Compression.ZSTD, Compression.NONE)) {
      for (Format f : Format.values()) {
        b.add(Arguments.of(f, c));
      }
    }
    return b.build();
  }

  private String write(TestImage image, Format f, Path dir) throws IOException {
    return switch (f) {
      case OCI -> {
        image.writeOciLayout(dir.resolve("layout"), "v1");
        yield "oci:" + dir.resolve("layout") + ":v1";
      }
      case OCI_ARCHIVE -> {
        image.writeOciArchive(dir.resolve("image.oci.tar"), "v1");
        yield dir.resolve("image.oci.tar").toString();
      }
      case DOCKER_ARCHIVE -> {
        image.writeDockerArchive(dir.resolve("image.docker.tar"), "example/contract:v1");
        yield "docker-archive:" + dir.resolve("image.docker.tar") + ":example/contract:v1";
      }
      case DIR -> {
        image.writeDir(dir.resolve("dir"));
        yield "dir:" + dir.resolve("dir");
      }
    };
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("formats")
  void should_read_the_same_image_from_every_format(Format format, Compression compression) throws IOException {
    // GIVEN one image written in one format
    TestImage expected = sample(compression);
    String ref = write(expected, format, tmp);
    try (ImageSource source = ImageSources.open(ref)) {
      // WHEN it is read back
      Image image = source.image();
      // THEN config, diff_ids and merged files match what was written
      assertThat(image.config()).isEqualTo(expected.config());
      assertThat(image.layers()).extracting(Layer::diffId).isEqualTo(expected.diffIds());
      assertThat(image.manifest().config().digest()).isEqualTo(expected.configDigest());
      if (format != Format.DOCKER_ARCHIVE) {
        assertThat(image.descriptor().digest()).isEqualTo(expected.manifestDigest());
        assertThat(image.layers()).extracting(Layer::digest).isEqualTo(expected.layerDigests());
      }
      for (Layer l : image.layers()) {
        try (InputStream in = l.openUncompressed()) {
          assertThat(in.readAllBytes()).isEqualTo(expected.layers().get(l.index()).tar());
        }
      }
      List<String> files = FileSystemViews.read(image).entries().stream()
          .map(e -> e.path() + " " + e.modeString() + " " + e.uid() + ":" + e.gid() + " " + e.linkTarget().orElse(""))
          .toList();
      assertThat(files).containsExactly(
          "/ drwxr-xr-x 0:0 ",
          "/app drwxr-xr-x 0:0 ",
          "/app/config.yaml -rw-r--r-- 0:0 ",
          "/app/server -rwxr-xr-x 65532:65532 ",
          "/bin drwxr-xr-x 0:0 ",
          "/bin/busybox -rwxr-xr-x 0:0 ",
          "/bin/ls -rwxr-xr-x 0:0 /bin/busybox",
          "/bin/sh lrwxrwxrwx 0:0 busybox",
          "/etc drwxr-xr-x 0:0 ",
          "/etc/passwd -rw-r--r-- 0:0 ");
      assertThat(FileSystemViews.read(image).entries()).extracting(FileEntry::path).doesNotContain("/etc/motd");
    }
  }
}
