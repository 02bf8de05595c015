package io.imagecheck.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the third-party fixtures in {@code ../shared/fixtures/real} (system property
 * {@code imagecheck.shared}, set by surefire and failsafe), skipping the calling test with a message
 * when they are absent.
 */
final class Fixtures {

  private Fixtures() {}

  /**
   * A path under {@code fixtures/real}, or a skip when the fixtures are absent.
   *
   * @param relative e.g. {@code dive-docker-save-busybox/test-docker-image.tar}
   * @return the absolute path
   */
  static Path real(String relative) {
    Path shared = Path.of(System.getProperty("imagecheck.shared", "../shared")).toAbsolutePath().normalize();
    assumeTrue(Files.isDirectory(shared.resolve("fixtures/real")),
        "third-party fixtures absent at " + shared + "/fixtures/real: skipping (set -Dimagecheck.shared)");
    Path p = shared.resolve("fixtures/real").resolve(relative);
    assumeTrue(Files.exists(p), "fixture " + p + " absent: skipping");
    return p;
  }
}
