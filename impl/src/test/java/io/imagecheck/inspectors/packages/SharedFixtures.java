package io.imagecheck.inspectors.packages;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the real third-party fixtures in {@code ../shared/fixtures/real} for tests. */
public final class SharedFixtures {

  private SharedFixtures() {}

  /**
   * Reads a fixture file, or skips the calling test when the shared directory or the file is absent.
   *
   * @param relative the path under {@code fixtures/real}, e.g. {@code trivy-pkgdb/...}
   * @return the file's bytes
   * @throws IOException when the file exists but cannot be read
   */
  public static byte[] read(String relative) throws IOException {
    String shared = System.getProperty("imagecheck.shared");
    assumeTrue(shared != null, "system property imagecheck.shared absent: skipping");
    Path real = Path.of(shared, "fixtures", "real");
    assumeTrue(Files.isDirectory(real), real + " absent: skipping");
    Path file = real.resolve(relative);
    assumeTrue(Files.isRegularFile(file), file + " absent: skipping");
    return Files.readAllBytes(file);
  }
}
