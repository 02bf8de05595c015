package io.imagecheck.testing;

import io.imagecheck.image.Image;
import io.imagecheck.image.Platform;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The small synthetic image the scanner, policy and writer tests share: busybox with a {@code /bin/sh}
 * link in layer 1 (history step 1), an empty {@code USER} step (history step 2), and an application in
 * layer 2 (history step 3).
 */
public final class TestImages {

  private TestImages() {}

  /**
   * The image.
   *
   * @return the built image
   */
  public static TestImage busyboxApp() {
    return TestImage.builder()
        .platform(Platform.parse("linux/amd64"))
        .config(c -> c.user("65532"))
        .layer("RUN apk add busybox", l -> l
            .directory("/bin")
            .file("/bin/busybox", "busybox binary".getBytes(StandardCharsets.UTF_8), 0755)
            .symlink("/bin/sh", "busybox"))
        .emptyLayerStep("USER 65532")
        .layer("COPY app /app", l -> l.file("/app", "app".getBytes(StandardCharsets.UTF_8), 0755))
        .build();
  }

  /**
   * Writes an image as an OCI layout and opens it; the caller closes the source.
   *
   * @param image the image
   * @param dir an empty directory
   * @return the open source ({@code oci:dir:latest})
   * @throws IOException when writing or opening fails
   */
  public static ImageSource open(TestImage image, Path dir) throws IOException {
    image.writeOciLayout(dir, "latest");
    return ImageSources.open("oci:" + dir + ":latest");
  }

  /**
   * Reads the image of a source.
   *
   * @param source the source
   * @return its image
   * @throws IOException when it cannot be read
   */
  public static Image image(ImageSource source) throws IOException {
    return source.image();
  }
}
