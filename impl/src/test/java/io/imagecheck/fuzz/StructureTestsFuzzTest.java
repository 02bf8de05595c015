package io.imagecheck.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.imagecheck.structure.StructureTestConfig;
import io.imagecheck.structure.StructureTestException;
import java.util.Arrays;

/**
 * container-structure-test configs in YAML and JSON (the first byte chooses): only
 * {@link StructureTestException}s may come out, and a config that is accepted counts its tests.
 */
class StructureTestsFuzzTest {

  static {
    // fuzzing only: no log line per input
    FuzzImages.quietWhenFuzzing();
  }

  @FuzzTest(maxDuration = "5m")
  void fuzz_structure_test_configs(byte[] data) {
    if (data.length == 0) {
      return;
    }
    boolean yaml = (data[0] & 1) == 0;
    byte[] config = Arrays.copyOfRange(data, 1, data.length);
    try {
      StructureTestConfig c = StructureTestConfig.parse(config, yaml ? "fuzz.yaml" : "fuzz.json", yaml);
      if (c.testCount() < 0) {
        throw new AssertionError("negative test count");
      }
    } catch (StructureTestException e) {
      // typed rejection
    }
  }
}
