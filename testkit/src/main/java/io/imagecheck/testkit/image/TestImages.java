package io.imagecheck.testkit.image;

import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens synthetic images built with {@link TestImage#builder()} (re-exported by the testkit) so tests can
 * assert on them like on real images.
 *
 * <pre>{@code
 * TestImage app = TestImage.builder()
 *     .config(c -> c.user("65532").entrypoint(List.of("/app/server")))
 *     .layer("COPY server /app/", l -> l.directory("/app").file("/app/server", "...", 0755))
 *     .build();
 * try (ImageSource source = TestImages.open(app, tempDir)) {
 *   assertThat(source.image()).hasNoShell().runsAsNonRoot();
 * }
 * }</pre>
 */
public final class TestImages {

  /** The reference name the layouts and archives are written with. */
  public static final String REF_NAME = "latest";

  private TestImages() {}

  /**
   * Writes an image as an OCI layout in a new directory under {@code parent} and opens it.
   *
   * @param image the synthetic image
   * @param parent a directory for the layout (e.g. JUnit's {@code @TempDir})
   * @return the open source (source {@code oci:DIR:latest}); the caller closes it
   * @throws IOException when the layout cannot be written or read
   */
  public static ImageSource open(TestImage image, Path parent) throws IOException {
    Objects.requireNonNull(image, "image");
    Path dir = Files.createTempDirectory(Objects.requireNonNull(parent, "parent"), "image-");
    image.writeOciLayout(dir, REF_NAME);
    return ImageSources.open("oci:" + dir + ":" + REF_NAME);
  }

  /**
   * Writes an image as an OCI archive.
   *
   * @param image the synthetic image
   * @param file the archive to write
   * @return the reference to read it with, e.g. {@code oci-archive:/tmp/x/app.tar:latest}
   * @throws IOException when the archive cannot be written
   */
  public static String writeOciArchive(TestImage image, Path file) throws IOException {
    image.writeOciArchive(file, REF_NAME);
    return "oci-archive:" + file + ":" + REF_NAME;
  }

  /**
   * Writes an image as a {@code docker save} archive.
   *
   * @param image the synthetic image
   * @param file the archive to write
   * @param repoTag e.g. {@code example/app:1.0}
   * @return the reference to read it with, e.g. {@code docker-archive:/tmp/x/app.tar}
   * @throws IOException when the archive cannot be written
   */
  public static String writeDockerArchive(TestImage image, Path file, String repoTag) throws IOException {
    image.writeDockerArchive(file, repoTag);
    return "docker-archive:" + file;
  }
}
