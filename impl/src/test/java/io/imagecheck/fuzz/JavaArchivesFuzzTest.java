package io.imagecheck.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.imagecheck.inspectors.packages.PackageDatabaseException;
import io.imagecheck.inspectors.packages.java.JavaArchives;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Java archives (jar, war, nested jars, pom.properties, manifests): only typed I/O failures may come out. */
class JavaArchivesFuzzTest {

  static {
    // fuzzing only: no log line per input
    FuzzImages.quietWhenFuzzing();
  }

  @FuzzTest(maxDuration = "5m")
  void fuzz_java_archives(byte[] data) throws IOException {
    try {
      JavaArchives.read("/app/app.jar", new ByteArrayInputStream(data));
    } catch (PackageDatabaseException e) {
      // typed rejection
    }
  }
}
