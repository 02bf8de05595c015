package io.imagecheck.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.imagecheck.policies.Policies;
import io.imagecheck.policies.PolicyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy files in YAML and JSON (the first byte chooses the extension): only {@link PolicyException}s
 * may come out.
 */
class PolicyFilesFuzzTest {

  static {
    // fuzzing only: no log line per input
    FuzzImages.quietWhenFuzzing();
  }

  @TempDir static Path tmp;

  @FuzzTest(maxDuration = "5m")
  void fuzz_policy_files(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    Path file = tmp.resolve((data[0] & 1) == 0 ? "policy.yaml" : "policy.json");
    Files.write(file, java.util.Arrays.copyOfRange(data, 1, data.length));
    try {
      Policies.load(file);
    } catch (PolicyException e) {
      // typed rejection
    }
  }
}
