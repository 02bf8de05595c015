package io.imagecheck.inspectors.packages;

import java.util.Objects;

/**
 * A problem a lenient reader skipped over: a broken stanza of a line-oriented database (dpkg, apk),
 * a nested archive it could not open, a limit it reached. The rest of the database was still read.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the database or archive path inside the image, e.g. {@code /var/lib/dpkg/status}
 * @param problem what was wrong and what the reader did about it, e.g. {@code "line 23: stanza of
 *     package invalidPackageWithoutAVersion has no V: (version) line, skipped"}
 */
public record PackageDatabaseWarning(String path, String problem) {

  /**
   * Checks the components.
   *
   * @param path the database or archive path inside the image
   * @param problem what was wrong
   */
  public PackageDatabaseWarning {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(problem, "problem");
  }

  @Override
  public String toString() {
    return path + ": " + problem;
  }
}
