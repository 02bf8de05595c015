package io.imagecheck.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.imagecheck.inspectors.packages.PackageDatabaseException;
import io.imagecheck.inspectors.packages.apk.ApkInstalled;
import io.imagecheck.inspectors.packages.dpkg.DpkgFileList;
import io.imagecheck.inspectors.packages.dpkg.DpkgStatus;
import io.imagecheck.inspectors.packages.npm.NpmLockfile;
import io.imagecheck.inspectors.packages.npm.NpmPackageJsons;
import io.imagecheck.inspectors.packages.python.PythonDistributions;

/**
 * The text package databases: dpkg status (and status.d, opkg), dpkg file lists, apk's installed
 * database, Python metadata (METADATA/PKG-INFO, INSTALLER, RECORD) and npm package.json/lockfiles. The
 * first byte chooses the parser. Only {@link PackageDatabaseException}s may come out; parsers that report
 * problems as warnings must not throw at all.
 */
class PackageDatabasesFuzzTest {

  static {
    // fuzzing only: no log line per input
    FuzzImages.quietWhenFuzzing();
  }

  @FuzzTest(maxDuration = "5m")
  void fuzz_text_package_databases(byte[] data) {
    if (data.length == 0) {
      return;
    }
    int which = (data[0] & 0xff) % 10;
    byte[] content = java.util.Arrays.copyOfRange(data, 1, data.length);
    try {
      switch (which) {
        case 0 -> DpkgStatus.parse("/var/lib/dpkg/status", content);
        case 1 -> DpkgStatus.parseStatusD("/var/lib/dpkg/status.d/base", content);
        case 2 -> DpkgStatus.parseOpkg("/usr/lib/opkg/status", content);
        case 3 -> DpkgFileList.parse("/var/lib/dpkg/info/base.list", content);
        case 4 -> ApkInstalled.parse("/lib/apk/db/installed", content);
        case 5 -> PythonDistributions.parseMetadata("/usr/lib/python3/site-packages/a-1.dist-info/METADATA",
            content);
        case 6 -> PythonDistributions.parseFileList("/usr/lib/python3/site-packages/a-1.dist-info/RECORD", content);
        case 7 -> PythonDistributions.read("/usr/lib/python3/site-packages/a.egg-info/PKG-INFO", content, content,
            content);
        case 8 -> NpmLockfile.parse("/app/package-lock.json", content);
        default -> NpmPackageJsons.parse("/app/node_modules/a/package.json", content);
      }
    } catch (PackageDatabaseException e) {
      // typed rejection
    }
  }
}
