package io.imagecheck.testkit;

import io.imagecheck.image.Image;
import io.imagecheck.source.ImageSource;
import io.imagecheck.testkit.image.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Opens {@link SyntheticImages} once per test class. */
abstract class ImageFixtures {

  @TempDir
  static Path dir;

  static ImageSource looseSource;
  static ImageSource hardenedSource;
  static Image loose;
  static Image hardened;

  @BeforeAll
  static void open() throws IOException {
    looseSource = TestImages.open(SyntheticImages.LOOSE, dir);
    hardenedSource = TestImages.open(SyntheticImages.HARDENED, dir);
    loose = looseSource.image();
    hardened = hardenedSource.image();
  }

  @AfterAll
  static void close() throws IOException {
    looseSource.close();
    hardenedSource.close();
  }
}
