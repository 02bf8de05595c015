package io.imagecheck.inspectors.packages.dpkg;

import io.imagecheck.inspectors.packages.PackageUrl;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One package stanza of a dpkg (or opkg) status database.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the binary package name ({@code Package:})
 * @param version the version exactly as written, epoch included ({@code 1:2.5.1-4}); empty only for
 *     a not-installed stanza that has no {@code Version:}
 * @param architecture {@code Architecture:}, e.g. {@code amd64} or {@code all}
 * @param multiArch {@code Multi-Arch:}, e.g. {@code same}, {@code foreign}
 * @param sourceName the source package: the name in {@code Source:}, or the binary name when there
 *     is no {@code Source:} (as {@code dpkg-query -f '${source:Package}'} prints it)
 * @param sourceVersion the source version: the one in parentheses in {@code Source: ustr
 *     (1.0.4-3)}, or the binary version when there is none (as {@code ${source:Version}})
 * @param maintainer {@code Maintainer:}
 * @param installedSizeKib {@code Installed-Size:}, in KiB
 * @param depends the comma-separated relations of {@code Depends:}, each as written (e.g.
 *     {@code libc6 (>= 2.34)} or {@code debconf | debconf-2.0})
 * @param preDepends the relations of {@code Pre-Depends:}
 * @param provides the relations of {@code Provides:} (e.g. {@code libgcc1 (= 1:12.2.0-14)})
 * @param status {@code Status:} as written (e.g. {@code install ok installed}); empty for a
 *     distroless {@code status.d} file, which has none
 * @param installed whether the package counts as installed (see {@link DpkgStatus})
 */
public record DpkgPackage(
    String name,
    String version,
    Optional<String> architecture,
    Optional<String> multiArch,
    String sourceName,
    String sourceVersion,
    Optional<String> maintainer,
    OptionalLong installedSizeKib,
    List<String> depends,
    List<String> preDepends,
    List<String> provides,
    Optional<String> status,
    boolean installed) {

  /**
   * Checks the components and copies the lists.
   *
   * @param name the binary package name
   * @param version the version as written
   * @param architecture the architecture
   * @param multiArch the multi-arch value
   * @param sourceName the source package name
   * @param sourceVersion the source version
   * @param maintainer the maintainer
   * @param installedSizeKib the installed size in KiB
   * @param depends the Depends relations
   * @param preDepends the Pre-Depends relations
   * @param provides the Provides relations
   * @param status the Status field
   * @param installed whether the package counts as installed
   * @throws IllegalArgumentException when the name is empty
   */
  public DpkgPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(multiArch, "multiArch");
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(sourceVersion, "sourceVersion");
    Objects.requireNonNull(maintainer, "maintainer");
    Objects.requireNonNull(installedSizeKib, "installedSizeKib");
    Objects.requireNonNull(status, "status");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty dpkg package name");
    }
    depends = List.copyOf(depends);
    preDepends = List.copyOf(preDepends);
    provides = List.copyOf(provides);
  }

  /**
   * The path of this package's file list, the way dpkg names it: {@code <name>:<arch>.list} for a
   * {@code Multi-Arch: same} package, {@code <name>.list} otherwise.
   *
   * @return e.g. {@code /var/lib/dpkg/info/libc6:arm64.list} or {@code /var/lib/dpkg/info/bash.list}
   */
  public String listFilePath() {
    boolean qualified = multiArch.filter("same"::equals).isPresent() && architecture.isPresent();
    return "/var/lib/dpkg/info/"
        + name
        + (qualified ? ":" + architecture.get() : "")
        + ".list";
  }

  /**
   * This package's purl, e.g. {@code pkg:deb/debian/libattr1@1:2.5.1-4?arch=arm64&distro=bookworm}.
   *
   * @param vendor the distribution id, e.g. {@code debian} or {@code ubuntu}
   * @param distro the {@code distro} qualifier (a codename such as {@code bookworm}), or null
   * @return the purl
   * @throws IllegalStateException when the version is empty (a not-installed stanza without one)
   */
  public PackageUrl purl(String vendor, @Nullable String distro) {
    if (version.isEmpty()) {
      throw new IllegalStateException("dpkg package " + name + " has no version");
    }
    return PackageUrl.deb(vendor, name, version, architecture.orElse(null), distro);
  }
}
