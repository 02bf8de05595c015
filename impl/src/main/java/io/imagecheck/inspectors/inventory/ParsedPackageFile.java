package io.imagecheck.inspectors.inventory;

import io.imagecheck.inspectors.packages.apk.ApkDatabase;
import io.imagecheck.inspectors.packages.dpkg.DpkgDatabase;
import io.imagecheck.inspectors.packages.java.JavaArchiveScan;
import io.imagecheck.inspectors.packages.npm.NpmLockfile;
import io.imagecheck.inspectors.packages.npm.NpmPackage;
import io.imagecheck.inspectors.packages.python.PythonPackage;
import io.imagecheck.inspectors.packages.rpm.RpmDatabaseFormat;
import io.imagecheck.inspectors.packages.rpm.RpmPackage;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code packages} inspector's visitor read from one copy of one package file: the parsed
 * database or manifest, or why it could not be read. Ecosystem records only: package URLs need the
 * image's {@code os-release}, which is known once the view is built.
 */
sealed interface ParsedPackageFile {

  /** The kind of file. */
  PackageFileKind kind();

  /** A dpkg status file or status.d entry. */
  record Dpkg(PackageFileKind kind, DpkgDatabase database) implements ParsedPackageFile {}

  /** An apk installed database. */
  record Apk(ApkDatabase database) implements ParsedPackageFile {
    @Override
    public PackageFileKind kind() {
      return PackageFileKind.APK_INSTALLED;
    }
  }

  /** An rpm database. */
  record Rpm(RpmDatabaseFormat format, List<RpmPackage> packages) implements ParsedPackageFile {
    @Override
    public PackageFileKind kind() {
      return PackageFileKind.RPM_DATABASE;
    }
  }

  /** A Python core metadata file. */
  record Python(PythonPackage distribution) implements ParsedPackageFile {
    @Override
    public PackageFileKind kind() {
      return PackageFileKind.PYTHON_METADATA;
    }
  }

  /** The first line of a Python {@code INSTALLER} file. */
  record Installer(Optional<String> installer) implements ParsedPackageFile {
    @Override
    public PackageFileKind kind() {
      return PackageFileKind.PYTHON_INSTALLER;
    }
  }

  /** An installed npm package's {@code package.json} (empty when it names no package). */
  record NpmManifest(Optional<NpmPackage> npmPackage) implements ParsedPackageFile {
    @Override
    public PackageFileKind kind() {
      return PackageFileKind.NPM_PACKAGE_JSON;
    }
  }

  /** An npm lockfile. */
  record NpmLock(NpmLockfile lockfile) implements ParsedPackageFile {
    @Override
    public PackageFileKind kind() {
      return PackageFileKind.NPM_LOCKFILE;
    }
  }

  /** A Java archive and the archives nested in it. */
  record Java(JavaArchiveScan scan) implements ParsedPackageFile {
    @Override
    public PackageFileKind kind() {
      return PackageFileKind.JAVA_ARCHIVE;
    }
  }

  /** A file that could not be read: malformed, too large, or a reader failure. */
  record Unreadable(PackageFileKind kind, String problem) implements ParsedPackageFile {}
}
