package io.imagecheck.testkit;

import io.imagecheck.image.Image;
import io.imagecheck.source.ImageSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/** Reads the image of a source for the assertions and remembers where it came from. */
final class Sources {

  private Sources() {}

  /**
   * The image of a source, registered with {@link Inspections#source(Image, ImageSource)}.
   *
   * @param source the open source
   * @return its image
   * @throws UncheckedIOException when it cannot be read
   */
  static Image image(ImageSource source) {
    Objects.requireNonNull(source, "source");
    try {
      Image image = source.image();
      Inspections.source(image, source);
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the image of " + source.reference() + ": " + e.getMessage(), e);
    }
  }
}
