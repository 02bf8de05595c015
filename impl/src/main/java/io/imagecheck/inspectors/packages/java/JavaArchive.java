package io.imagecheck.inspectors.packages.java;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One archive that was opened: the top-level one or a nested one.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the image path; nested archives are joined with {@code !/}, e.g.
 *     {@code /app/app.jar!/BOOT-INF/lib/x.jar}
 * @param depth 0 for the top-level archive, 1 for an archive inside it, and so on
 * @param manifest the main attributes of {@code META-INF/MANIFEST.MF} this reader uses
 *     ({@code Implementation-*}, {@code Bundle-*}, {@code Specification-*},
 *     {@code Automatic-Module-Name}, {@code Main-Class}, {@code Start-Class}), by name; empty when
 *     there is no manifest
 * @param packages the packages found in this archive (not in the archives nested in it)
 */
public record JavaArchive(
    String path, int depth, Map<String, String> manifest, List<JavaPackage> packages) {

  /**
   * Checks the components and copies the collections.
   *
   * @param path the image path
   * @param depth the nesting depth
   * @param manifest the manifest attributes used
   * @param packages the packages found in this archive
   * @throws IllegalArgumentException when the depth is negative
   */
  public JavaArchive {
    Objects.requireNonNull(path, "path");
    if (depth < 0) {
      throw new IllegalArgumentException("negative depth " + depth + " for " + path);
    }
    manifest = Collections.unmodifiableMap(new TreeMap<>(manifest));
    packages = List.copyOf(packages);
  }
}
