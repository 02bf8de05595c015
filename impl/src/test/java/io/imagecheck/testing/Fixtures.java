package io.imagecheck.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the third-party fixtures in {@code ../shared/fixtures/real} (system property
 * {@code imagecheck.shared}), skipping the calling test with a message when they are absent.
 */
public final class Fixtures {

  private Fixtures() {}

  /**
   * The shared directory, or a skip when it is absent.
   *
   * @return the {@code shared} directory
   */
  public static Path shared() {
    String prop = System.getProperty("imagecheck.shared", "../shared");
    Path p = Path.of(prop).toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(p.resolve("fixtures/real")),
        "third-party fixtures absent at " + p + "/fixtures/real: skipping (set -Dimagecheck.shared)");
    return p;
  }

  /**
   * A path under {@code fixtures/real}, or a skip when the fixtures are absent.
   *
   * @param relative e.g. {@code dive-kaniko-tar/test-kaniko-image.tar}
   * @return the absolute path
   */
  public static Path real(String relative) {
    Path p = shared().resolve("fixtures/real").resolve(relative);
    assumeTrue(Files.exists(p), "fixture " + p + " absent: skipping");
    return p;
  }
}
