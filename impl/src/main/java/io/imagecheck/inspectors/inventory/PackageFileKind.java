package io.imagecheck.inspectors.inventory;

import io.imagecheck.fs.ImagePaths;
import io.imagecheck.inspectors.packages.dpkg.DpkgStatus;
import io.imagecheck.inspectors.packages.npm.NpmPackageJsons;
import io.imagecheck.inspectors.packages.python.PythonDistributions;
import io.imagecheck.inspectors.packages.rpm.RpmDatabases;
import java.util.Optional;

/**
 * The kinds of file the {@code packages} inspector reads, how it recognises them by path, and the
 * largest copy of each it reads into memory.
 */
enum PackageFileKind {
  /** {@code /var/lib/dpkg/status}. */
  DPKG_STATUS("dpkg-status", "deb", 64L << 20),
  /** A distroless {@code /var/lib/dpkg/status.d/<package>} file. */
  DPKG_STATUS_D("dpkg-status.d", "deb", 4L << 20),
  /** {@code /lib/apk/db/installed} (or {@code /usr/lib/apk/db/installed}). */
  APK_INSTALLED("apk-installed", "apk", 64L << 20),
  /** An rpm database at one of {@link RpmDatabases#LOCATIONS}. */
  RPM_DATABASE("rpm", "rpm", 256L << 20),
  /** A Python core metadata file ({@code *.dist-info/METADATA}, {@code *.egg-info/PKG-INFO}). */
  PYTHON_METADATA("python-metadata", "pypi", 16L << 20),
  /** The {@code INSTALLER} file beside a Python distribution's metadata. */
  PYTHON_INSTALLER("python-installer", "pypi", 4L << 10),
  /** {@code node_modules/<name>/package.json}, scoped names included. */
  NPM_PACKAGE_JSON("npm-package.json", "npm", 16L << 20),
  /** {@code package-lock.json}, {@code npm-shrinkwrap.json}, {@code node_modules/.package-lock.json}. */
  NPM_LOCKFILE("npm-lockfile", "npm", 64L << 20),
  /** A Java archive ({@code .jar}, {@code .war}, {@code .ear}, {@code .jpi}, {@code .hpi}), streamed. */
  JAVA_ARCHIVE("java-archive", "maven", Long.MAX_VALUE);

  private static final String DPKG_STATUS_D_DIR = "/var/lib/dpkg/status.d";

  private final String label;
  private final String ecosystem;
  private final long maxBytes;

  PackageFileKind(String label, String ecosystem, long maxBytes) {
    this.label = label;
    this.ecosystem = ecosystem;
    this.maxBytes = maxBytes;
  }

  /** The name used in facts, e.g. {@code dpkg-status}. */
  String label() {
    return label;
  }

  /** The ecosystem (purl type) of the packages this kind of file lists. */
  String ecosystem() {
    return ecosystem;
  }

  /** The largest file of this kind read into memory ({@link Long#MAX_VALUE}: streamed, never held). */
  long maxBytes() {
    return maxBytes;
  }

  /**
   * The kind of a regular file, from its path. Cheap: it looks at the name first.
   *
   * @param path an absolute, clean image path
   * @return the kind, or empty when the inspector does not read the file
   */
  static Optional<PackageFileKind> of(String path) {
    String name = ImagePaths.name(path);
    switch (name) {
      case "status":
        return path.equals("/var/lib/dpkg/status") ? Optional.of(DPKG_STATUS) : statusD(path);
      case "installed":
        return path.equals("/lib/apk/db/installed") || path.equals("/usr/lib/apk/db/installed")
            ? Optional.of(APK_INSTALLED) : statusD(path);
      case "rpmdb.sqlite", "Packages", "Packages.db":
        return RpmDatabases.LOCATIONS.contains(path) ? Optional.of(RPM_DATABASE) : statusD(path);
      case "METADATA", "PKG-INFO":
        return PythonDistributions.isMetadataPath(path) ? Optional.of(PYTHON_METADATA) : statusD(path);
      case "INSTALLER": {
        String dir = ImagePaths.name(ImagePaths.parent(path));
        return dir.endsWith(".dist-info") || dir.endsWith(".egg-info") ? Optional.of(PYTHON_INSTALLER)
            : statusD(path);
      }
      case "package.json":
        return NpmPackageJsons.isInstalledPackagePath(path) ? Optional.of(NPM_PACKAGE_JSON) : Optional.empty();
      case "package-lock.json", "npm-shrinkwrap.json":
        // A lockfile inside node_modules belongs to an installed package, whose own manifests list what it
        // installed; only a project's lockfile is read.
        return path.contains("/node_modules/") ? Optional.empty() : Optional.of(NPM_LOCKFILE);
      case ".package-lock.json":
        return ImagePaths.name(ImagePaths.parent(path)).equals("node_modules") ? Optional.of(NPM_LOCKFILE)
            : Optional.empty();
      default:
        break;
    }
    if (name.endsWith(".egg-info") && PythonDistributions.isMetadataPath(path)) {
      return Optional.of(PYTHON_METADATA);
    }
    if (name.endsWith(".jar") || name.endsWith(".war") || name.endsWith(".ear") || name.endsWith(".jpi")
        || name.endsWith(".hpi")) {
      return Optional.of(JAVA_ARCHIVE);
    }
    return statusD(path);
  }

  private static Optional<PackageFileKind> statusD(String path) {
    return path.startsWith(DPKG_STATUS_D_DIR + "/") && ImagePaths.parent(path).equals(DPKG_STATUS_D_DIR)
        && DpkgStatus.isStatusDEntry(path)
        ? Optional.of(DPKG_STATUS_D) : Optional.empty();
  }
}
