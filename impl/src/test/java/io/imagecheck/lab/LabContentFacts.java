package io.imagecheck.lab;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What the package managers' own tools (and a look at plain files) find in a lab image's merged
 * filesystem.
 *
 * @param dpkgInstalled the number of packages {@code dpkg-query --admindir} reports as installed
 *     ({@code ii}), empty when the image has no {@code /var/lib/dpkg/status}
 * @param dpkgListing the file listing them ({@code <image>.dpkg-query.tsv}: name, version, architecture)
 * @param dpkgStatusD the file names under {@code /var/lib/dpkg/status.d} (distroless style)
 * @param rpmDatabase the directory of {@code rpmdb.sqlite} in the image, e.g. {@code /var/lib/rpm}
 * @param rpmListing the file with the {@code rpm -qa} output ({@code <image>.rpm-qa.txt})
 * @param rpmPackages {@code rpm -qa} as {@code name-version-release.arch}, sorted
 * @param npmLockfiles each {@code package-lock.json} outside {@code node_modules} with its
 *     {@code lockfileVersion}
 * @param npmPackages the lockfiles' packages as {@code name@version}, sorted
 * @param pythonDistInfo each {@code *.dist-info} directory with the first line of its {@code INSTALLER}
 * @param passwdUsers {@code /etc/passwd} as {@code name:uid}, in file order
 * @param osRelease {@code ID}, {@code VERSION_ID}, {@code VERSION_CODENAME} and {@code PRETTY_NAME} from
 *     {@code /etc/os-release}, where present
 */
public record LabContentFacts(
    OptionalInt dpkgInstalled,
    Optional<String> dpkgListing,
    List<String> dpkgStatusD,
    Optional<String> rpmDatabase,
    Optional<String> rpmListing,
    List<String> rpmPackages,
    Map<String, Integer> npmLockfiles,
    List<String> npmPackages,
    Map<String, String> pythonDistInfo,
    List<String> passwdUsers,
    Map<String, String> osRelease) {

  /**
   * Checks the components and copies the collections.
   *
   * @param dpkgInstalled the number of installed dpkg packages
   * @param dpkgListing the dpkg listing file
   * @param dpkgStatusD the file names under {@code /var/lib/dpkg/status.d}
   * @param rpmDatabase the directory of {@code rpmdb.sqlite}
   * @param rpmListing the {@code rpm -qa} output file
   * @param rpmPackages the {@code rpm -qa} lines
   * @param npmLockfiles the npm lockfiles with their versions
   * @param npmPackages the lockfiles' packages
   * @param pythonDistInfo the {@code *.dist-info} directories with their installer
   * @param passwdUsers {@code /etc/passwd} as {@code name:uid}
   * @param osRelease selected {@code /etc/os-release} fields
   */
  public LabContentFacts {
    Objects.requireNonNull(dpkgInstalled, "dpkgInstalled");
    Objects.requireNonNull(dpkgListing, "dpkgListing");
    Objects.requireNonNull(rpmDatabase, "rpmDatabase");
    Objects.requireNonNull(rpmListing, "rpmListing");
    dpkgStatusD = List.copyOf(dpkgStatusD);
    rpmPackages = List.copyOf(rpmPackages);
    npmLockfiles = Collections.unmodifiableMap(new TreeMap<>(npmLockfiles));
    npmPackages = List.copyOf(npmPackages);
    pythonDistInfo = Collections.unmodifiableMap(new TreeMap<>(pythonDistInfo));
    passwdUsers = List.copyOf(passwdUsers);
    osRelease = Collections.unmodifiableMap(new TreeMap<>(osRelease));
  }
}
