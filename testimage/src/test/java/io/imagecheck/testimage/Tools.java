package io.imagecheck.testimage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/** Runs the external tools the integration tests compare against; skips a test when one is absent. */
final class Tools {

  private static final AtomicInteger RUNS = new AtomicInteger();

  /** The outcome of one command. */
  record Result(List<String> command, int exit, byte[] stdout, String stderr) {

    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    Result ok() {
      assertEquals(0, exit, () -> String.join(" ", command) + " failed (" + exit + "): " + stderr + out());
      return this;
    }
  }

  private Tools() {}

  static void assumeInstalled(String... tools) {
    for (String tool : tools) {
      boolean found = false;
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
          found = true;
          break;
        }
      }
      Assumptions.assumeTrue(found, tool + " absent: skipping");
    }
  }

  /**
   * Runs a command with TZ=UTC and LC_ALL=C.UTF-8, its output captured in files under
   * {@code scratch}.
   */
  static Result run(Path scratch, String... command) throws IOException, InterruptedException {
    int n = RUNS.incrementAndGet();
    Path out = scratch.resolve("stdout-" + n);
    Path err = scratch.resolve("stderr-" + n);
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("TZ", "UTC");
    pb.environment().put("LC_ALL", "C.UTF-8");
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " timed out");
    }
    return new Result(List.of(command), p.exitValue(), Files.readAllBytes(out),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
