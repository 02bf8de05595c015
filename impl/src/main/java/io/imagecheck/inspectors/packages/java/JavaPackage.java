package io.imagecheck.inspectors.packages.java;

import io.imagecheck.inspectors.packages.PackageUrl;
import java.util.Objects;
import java.util.Optional;

/**
 * One Java package found in an archive.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param groupId the Maven group id, when known
 * @param artifactId the Maven artifact id (or the best name the manifest or file name gives)
 * @param version the version, when known
 * @param archivePath the image path of the archive the metadata is in; nested archives are joined
 *     with {@code !/}, e.g. {@code /app/app.jar!/BOOT-INF/lib/spring-core-6.1.0.jar}
 * @param evidence where the coordinates come from
 */
public record JavaPackage(
    Optional<String> groupId,
    String artifactId,
    Optional<String> version,
    String archivePath,
    Evidence evidence) {

  /** Where a package's coordinates come from, most reliable first. */
  public enum Evidence {
    /** A {@code META-INF/maven/<groupId>/<artifactId>/pom.properties} file. */
    POM_PROPERTIES,
    /** {@code META-INF/MANIFEST.MF} attributes (with the file name for the artifact id). */
    MANIFEST,
    /** The archive's file name alone, {@code <name>-<version>.jar}. */
    FILE_NAME
  }

  /**
   * Checks the components.
   *
   * @param groupId the group id
   * @param artifactId the artifact id
   * @param version the version
   * @param archivePath the archive's image path
   * @param evidence where the coordinates come from
   * @throws IllegalArgumentException when the artifact id is empty
   */
  public JavaPackage {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(artifactId, "artifactId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(archivePath, "archivePath");
    Objects.requireNonNull(evidence, "evidence");
    if (artifactId.isEmpty()) {
      throw new IllegalArgumentException("empty artifact id in " + archivePath);
    }
  }

  /**
   * This package's Maven purl, when group id and version are both known.
   *
   * @return e.g. {@code pkg:maven/org.springframework/spring-core@6.1.0}, or empty
   */
  public Optional<PackageUrl> purl() {
    if (groupId.isEmpty() || version.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(PackageUrl.maven(groupId.get(), artifactId, version.get()));
  }
}
