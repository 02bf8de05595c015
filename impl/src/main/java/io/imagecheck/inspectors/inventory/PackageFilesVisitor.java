package io.imagecheck.inspectors.inventory;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import io.imagecheck.fs.ContentVisitor;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.inspectors.packages.apk.ApkInstalled;
import io.imagecheck.inspectors.packages.dpkg.DpkgStatus;
import io.imagecheck.inspectors.packages.java.JavaArchives;
import io.imagecheck.inspectors.packages.npm.NpmLockfile;
import io.imagecheck.inspectors.packages.npm.NpmPackageJsons;
import io.imagecheck.inspectors.packages.python.PythonDistributions;
import io.imagecheck.inspectors.packages.rpm.RpmDatabases;
import io.imagecheck.inspectors.packages.rpm.RpmPackage;
import io.imagecheck.source.ImageSourceException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Parses each copy of each package file as its layer streams by (see {@link PackageFileKind}): the
 * inspector later keeps the copies that are in the final tree. A file that cannot be read becomes an
 * {@link ParsedPackageFile.Unreadable} result, never an exception, so a broken database never stops the
 * scan. A file larger than its kind's limit is not read at all.
 *
 * <p>Thread-safe (stateless).
 */
final class PackageFilesVisitor implements ContentVisitor<ParsedPackageFile> {

  @Override
  public String name() {
    return "packages";
  }

  @Override
  public boolean accepts(FileEntry entry) {
    return entry.isRegularFile() && PackageFileKind.of(entry.path()).isPresent();
  }

  @Override
  public ParsedPackageFile visit(FileEntry entry, InputStream content) throws IOException {
    PackageFileKind kind = PackageFileKind.of(entry.path()).orElseThrow();
    String path = entry.path();
    if (entry.size() > kind.maxBytes()) {
      return new ParsedPackageFile.Unreadable(kind, path + " has " + entry.size() + " bytes, more than the "
          + kind.maxBytes() + " bytes read for a " + kind.label() + " file; not read");
    }
    try {
      if (kind == PackageFileKind.JAVA_ARCHIVE) {
        return new ParsedPackageFile.Java(JavaArchives.read(path, content));
      }
      byte[] bytes = content.readNBytes((int) entry.size());
      return switch (kind) {
        case DPKG_STATUS -> new ParsedPackageFile.Dpkg(kind, DpkgStatus.parse(path, bytes));
        case DPKG_STATUS_D -> new ParsedPackageFile.Dpkg(kind, DpkgStatus.parseStatusD(path, bytes));
        case APK_INSTALLED -> new ParsedPackageFile.Apk(ApkInstalled.parse(path, bytes));
        case RPM_DATABASE -> {
          List<RpmPackage> packages = RpmDatabases.read(path, bytes); // throws when no format is recognised
          yield new ParsedPackageFile.Rpm(RpmDatabases.detect(bytes).orElseThrow(), packages);
        }
        case PYTHON_METADATA -> new ParsedPackageFile.Python(PythonDistributions.parseMetadata(path, bytes));
        case PYTHON_INSTALLER -> new ParsedPackageFile.Installer(PythonDistributions.parseInstaller(path, bytes));
        case NPM_PACKAGE_JSON -> new ParsedPackageFile.NpmManifest(NpmPackageJsons.parse(path, bytes));
        case NPM_LOCKFILE -> new ParsedPackageFile.NpmLock(NpmLockfile.parse(path, bytes));
        case JAVA_ARCHIVE -> throw new IllegalStateException("streamed above");
      };
    } catch (ImageSourceException e) {
      // The layer stream itself failed: that is not this file's problem, and it fails the whole view.
      throw e;
    } catch (IOException | RuntimeException e) {
      String message = e instanceof PackageDatabaseException ? e.getMessage() : path + ": " + e;
      return new ParsedPackageFile.Unreadable(kind, Optional.ofNullable(message).orElse(path + ": " + e));
    }
  }
}
