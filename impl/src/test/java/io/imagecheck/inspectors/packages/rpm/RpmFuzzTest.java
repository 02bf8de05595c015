package io.imagecheck.inspectors.packages.rpm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.imagecheck.inspectors.packages.PackageDatabaseException;

/**
 * The rpm databases (SQLite, Berkeley DB hash, NDB) and header blobs: the first byte chooses between a
 * whole database (format detected from the bytes) and a single header blob. Only
 * {@link PackageDatabaseException}s may come out.
 */
class RpmFuzzTest {

  static {
    // fuzzing only: no log line per input
    if (System.getenv("JAZZER_FUZZ") != null) {
      java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.OFF);
      for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
        h.setLevel(java.util.logging.Level.OFF);
      }
    }
  }

  @FuzzTest(maxDuration = "5m")
  void fuzz_rpm_databases_and_headers(byte[] data) {
    if (data.length == 0) {
      return;
    }
    byte[] rest = java.util.Arrays.copyOfRange(data, 1, data.length);
    try {
      if ((data[0] & 1) == 0) {
        RpmDatabases.read("/var/lib/rpm/rpmdb.sqlite", rest);
      } else {
        RpmHeaderParser.parse(ByteView.of("/var/lib/rpm/Packages", "header 1", rest, true));
      }
    } catch (PackageDatabaseException e) {
      // typed rejection
    }
  }
}
