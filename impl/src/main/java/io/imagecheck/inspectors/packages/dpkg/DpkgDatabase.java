package io.imagecheck.inspectors.packages.dpkg;

import io.imagecheck.inspectors.packages.PackageDatabaseWarning;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link DpkgStatus} read from one status database (or one {@code status.d} file).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the database path inside the image, e.g. {@code /var/lib/dpkg/status}
 * @param packages the installed packages, in file order
 * @param notInstalled the stanzas of packages that are known but not installed (removed with
 *     config files left, half-installed, ...), in file order
 * @param warnings the stanzas skipped as broken, and other problems
 */
public record DpkgDatabase(
    String path,
    List<DpkgPackage> packages,
    List<DpkgPackage> notInstalled,
    List<PackageDatabaseWarning> warnings) {

  /**
   * Checks the components and copies the lists.
   *
   * @param path the database path inside the image
   * @param packages the installed packages
   * @param notInstalled the known but not installed packages
   * @param warnings problems found
   */
  public DpkgDatabase {
    Objects.requireNonNull(path, "path");
    packages = List.copyOf(packages);
    notInstalled = List.copyOf(notInstalled);
    warnings = List.copyOf(warnings);
  }

  /**
   * The installed package with the given name (the first, should a database list it twice).
   *
   * @param name a binary package name, e.g. {@code bash}
   * @return the package, or empty when it is not installed
   */
  public Optional<DpkgPackage> find(String name) {
    Objects.requireNonNull(name, "name");
    return packages.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
