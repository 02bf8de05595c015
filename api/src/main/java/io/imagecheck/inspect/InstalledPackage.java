package io.imagecheck.inspect;

import io.imagecheck.fs.Origin;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One installed package from the image's package inventory (the {@code packages} inspector's
 * {@code packages} fact), read from a package database or a language manifest.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param ecosystem the package URL type: {@code deb}, {@code apk}, {@code rpm}, {@code pypi},
 *     {@code npm}, {@code maven}
 * @param name the package name
 * @param version the version as the database records it (epochs kept, e.g. {@code 1:2.5.1-4})
 * @param arch the architecture, when recorded
 * @param license the declared license, when recorded
 * @param purl the package URL, e.g. {@code pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64}
 * @param sourcePath the database or manifest it was read from, e.g. {@code /var/lib/dpkg/status}
 * @param origin the layer and history step that wrote that database file, when known
 * @param metadata further details (source package, vendor, installed size, ...), sorted by key
 */
public record InstalledPackage(
    String ecosystem,
    String name,
    String version,
    Optional<String> arch,
    Optional<String> license,
    String purl,
    String sourcePath,
    Optional<Origin> origin,
    Map<String, String> metadata) {

  /**
   * Checks the components and copies collections.
   *
   * @param ecosystem the package URL type
   * @param name the package name
   * @param version the version
   * @param arch the architecture, if recorded
   * @param license the license, if recorded
   * @param purl the package URL
   * @param sourcePath where it was read from
   * @param origin the layer that wrote the database, if known
   * @param metadata further details
   */
  public InstalledPackage {
    Objects.requireNonNull(ecosystem, "ecosystem");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(purl, "purl");
    Objects.requireNonNull(sourcePath, "sourcePath");
    Objects.requireNonNull(origin, "origin");
    metadata = metadata.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metadata));
  }
}
