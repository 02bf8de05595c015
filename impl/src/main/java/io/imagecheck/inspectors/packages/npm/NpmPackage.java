package io.imagecheck.inspectors.packages.npm;

import io.imagecheck.inspectors.packages.PackageUrl;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One installed npm package, from its {@code package.json} or from a lockfile entry.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the package name, scope included ({@code @angular/core})
 * @param version the version as written
 * @param path the image path of the package directory, e.g. {@code /app/node_modules/ms} (for a
 *     lockfile entry: the lockfile's project directory joined with the entry's key)
 * @param licenses the licenses declared ({@code license}, or the legacy {@code licenses} array)
 * @param privatePackage {@code "private": true} in {@code package.json}
 * @param dev whether the package is only a development dependency; known from lockfiles, empty for
 *     a {@code package.json}
 */
public record NpmPackage(
    String name,
    String version,
    String path,
    List<String> licenses,
    boolean privatePackage,
    Optional<Boolean> dev) {

  /**
   * Checks the components and copies the list.
   *
   * @param name the package name
   * @param version the version
   * @param path the image path of the package directory
   * @param licenses the licenses declared
   * @param privatePackage whether the package is private
   * @param dev whether it is a development dependency, when known
   * @throws IllegalArgumentException when the name or version is empty
   */
  public NpmPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(dev, "dev");
    if (name.isEmpty() || version.isEmpty()) {
      throw new IllegalArgumentException("npm package needs a name and a version: '" + name
          + "' '" + version + "'");
    }
    licenses = List.copyOf(licenses);
  }

  /**
   * This package's purl.
   *
   * @return e.g. {@code pkg:npm/ms@2.1.3} or {@code pkg:npm/%40angular/core@12.3.1}
   */
  public PackageUrl purl() {
    return PackageUrl.npm(name, version);
  }
}
