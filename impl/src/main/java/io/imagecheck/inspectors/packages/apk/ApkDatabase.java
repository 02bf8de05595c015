package io.imagecheck.inspectors.packages.apk;

import io.imagecheck.inspectors.packages.PackageDatabaseWarning;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ApkInstalled} read from one apk database.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the database path inside the image, e.g. {@code /lib/apk/db/installed}
 * @param packages the installed packages, in file order
 * @param warnings the stanzas skipped as broken, and other problems
 */
public record ApkDatabase(
    String path, List<ApkPackage> packages, List<PackageDatabaseWarning> warnings) {

  /**
   * Checks the components and copies the lists.
   *
   * @param path the database path inside the image
   * @param packages the installed packages
   * @param warnings problems found
   */
  public ApkDatabase {
    Objects.requireNonNull(path, "path");
    packages = List.copyOf(packages);
    warnings = List.copyOf(warnings);
  }

  /**
   * The package with the given name.
   *
   * @param name a package name, e.g. {@code busybox}
   * @return the package, or empty when it is not installed
   */
  public Optional<ApkPackage> find(String name) {
    Objects.requireNonNull(name, "name");
    return packages.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * The packages that installed a file.
   *
   * @param imagePath an absolute image path, e.g. {@code /bin/sh}
   * @return the owners, normally zero or one
   */
  public List<ApkPackage> owners(String imagePath) {
    Objects.requireNonNull(imagePath, "imagePath");
    return packages.stream().filter(p -> p.owns(imagePath)).toList();
  }
}
