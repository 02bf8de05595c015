package io.imagecheck.inspectors.packages.apk;

import io.imagecheck.inspectors.packages.PackageUrl;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One package stanza of the apk database.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name {@code P:}, the package name
 * @param version {@code V:}, e.g. {@code 1.36.1-r15}
 * @param architecture {@code A:}, e.g. {@code x86_64}
 * @param origin {@code o:}, the origin (source) package
 * @param license {@code L:}, e.g. {@code GPL-2.0-only}
 * @param maintainer {@code m:}
 * @param description {@code T:}
 * @param url {@code U:}
 * @param buildTime {@code t:}, the build time (seconds since the epoch in the file)
 * @param commit {@code c:}, the aports commit the package was built from
 * @param depends {@code D:}, the dependencies, split on spaces (e.g. {@code /bin/sh},
 *     {@code so:libc.musl-x86_64.so.1}, {@code busybox=1.36.1-r15})
 * @param provides {@code p:}, what the package provides, split on spaces (e.g. {@code /bin/sh},
 *     {@code cmd:sh=1.36.1-r15})
 * @param directories the {@code F:} directories, as absolute image paths
 * @param files the {@code R:} files, as absolute image paths (the {@code F:} directory before each
 *     {@code R:} line joined with its name), e.g. {@code /bin/sh}
 */
public record ApkPackage(
    String name,
    String version,
    Optional<String> architecture,
    Optional<String> origin,
    Optional<String> license,
    Optional<String> maintainer,
    Optional<String> description,
    Optional<String> url,
    Optional<Instant> buildTime,
    Optional<String> commit,
    List<String> depends,
    List<String> provides,
    List<String> directories,
    List<String> files) {

  /**
   * Checks the components and copies the lists.
   *
   * @param name the package name
   * @param version the version
   * @param architecture the architecture
   * @param origin the origin package
   * @param license the license
   * @param maintainer the maintainer
   * @param description the description
   * @param url the project URL
   * @param buildTime the build time
   * @param commit the aports commit
   * @param depends the dependencies
   * @param provides what the package provides
   * @param directories the directories, as absolute image paths
   * @param files the files, as absolute image paths
   * @throws IllegalArgumentException when the name or version is empty
   */
  public ApkPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(maintainer, "maintainer");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(buildTime, "buildTime");
    Objects.requireNonNull(commit, "commit");
    if (name.isEmpty() || version.isEmpty()) {
      throw new IllegalArgumentException("apk package needs a name and a version: '" + name
          + "' '" + version + "'");
    }
    depends = List.copyOf(depends);
    provides = List.copyOf(provides);
    directories = List.copyOf(directories);
    files = List.copyOf(files);
  }

  /**
   * Tells whether this package installed a file.
   *
   * @param imagePath an absolute image path, e.g. {@code /bin/sh}
   * @return true when {@link #files()} has it
   */
  public boolean owns(String imagePath) {
    return files.contains(imagePath);
  }

  /**
   * This package's purl, e.g. {@code pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64}.
   *
   * @param vendor the vendor, e.g. {@code alpine} ({@code ID} of {@code /etc/os-release})
   * @return the purl
   */
  public PackageUrl purl(String vendor) {
    return PackageUrl.apk(vendor, name, version, architecture.orElse(null));
  }
}
