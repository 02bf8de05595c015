package io.imagecheck.inspectors.packages.python;

import io.imagecheck.inspectors.packages.PackageUrl;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One installed Python distribution.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the project name as written in the metadata ({@code Name:}), e.g. {@code Demo_Pkg.Sub}
 * @param version {@code Version:}
 * @param summary {@code Summary:}
 * @param license {@code License-Expression:} (core metadata 2.4) or else {@code License:}; a value
 *     of {@code UNKNOWN} (what old setuptools wrote for "not given") counts as absent
 * @param author {@code Author:}
 * @param installer the first line of {@code INSTALLER}, e.g. {@code pip}
 * @param metadataPath the image path of the {@code METADATA} or {@code PKG-INFO} file
 * @param files the installed files, as absolute image paths, from {@code RECORD} or
 *     {@code installed-files.txt}
 */
public record PythonPackage(
    String name,
    String version,
    Optional<String> summary,
    Optional<String> license,
    Optional<String> author,
    Optional<String> installer,
    String metadataPath,
    List<String> files) {

  private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

  /**
   * Checks the components and copies the list.
   *
   * @param name the project name
   * @param version the version
   * @param summary the summary
   * @param license the license
   * @param author the author
   * @param installer the installer
   * @param metadataPath the image path of the metadata file
   * @param files the installed files
   * @throws IllegalArgumentException when the name or version is empty
   */
  public PythonPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(installer, "installer");
    Objects.requireNonNull(metadataPath, "metadataPath");
    if (name.isEmpty() || version.isEmpty()) {
      throw new IllegalArgumentException("Python package needs a name and a version: '" + name
          + "' '" + version + "'");
    }
    files = List.copyOf(files);
  }

  /**
   * The name normalised as PEP 503 says: lower case, each run of {@code -}, {@code _} and
   * {@code .} replaced by one {@code -}.
   *
   * @param name a project name, e.g. {@code Demo_Pkg.Sub}
   * @return e.g. {@code demo-pkg-sub}
   */
  public static String normalize(String name) {
    return SEPARATORS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
  }

  /**
   * This package's name normalised as PEP 503 says.
   *
   * @return e.g. {@code demo-pkg-sub}
   */
  public String normalizedName() {
    return normalize(name);
  }

  /**
   * This package's purl.
   *
   * @return e.g. {@code pkg:pypi/demo-pkg-sub@1.2.3}
   */
  public PackageUrl purl() {
    return PackageUrl.pypi(name, version);
  }
}
