package io.imagecheck.inspectors.packages.java;

import io.imagecheck.inspectors.packages.PackageDatabaseWarning;
import java.util.List;
import java.util.Objects;

/**
 * What {@link JavaArchives} found in one archive and the archives nested in it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the top-level archive's image path
 * @param archives every archive opened, the top-level one first, then nested ones in stream order
 * @param warnings nested archives that could not be read or were too deep, limits reached,
 *     metadata files that could not be read
 */
public record JavaArchiveScan(
    String path, List<JavaArchive> archives, List<PackageDatabaseWarning> warnings) {

  /**
   * Checks the components and copies the lists.
   *
   * @param path the top-level archive's image path
   * @param archives every archive opened
   * @param warnings problems found
   */
  public JavaArchiveScan {
    Objects.requireNonNull(path, "path");
    archives = List.copyOf(archives);
    warnings = List.copyOf(warnings);
  }

  /**
   * All packages found, in all archives.
   *
   * @return the packages, archive by archive
   */
  public List<JavaPackage> packages() {
    return archives.stream().flatMap(a -> a.packages().stream()).toList();
  }
}
