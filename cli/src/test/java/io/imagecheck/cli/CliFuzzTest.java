package io.imagecheck.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on a hostile file: {@code ls} and {@code scan} of fuzzer bytes as a docker-archive or an
 * OCI archive (first byte). Every run ends with exit status 0, 1 or 2; status 2 comes with one stderr line
 * that names the problem (the last line, after any warnings) and is neither an internal error nor a stack
 * trace, and no output carries a raw escape character.
 */
class CliFuzzTest {

  static {
    // fuzzing only: no log line per input
    if (System.getenv("JAZZER_FUZZ") != null) {
      java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.OFF);
      for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
        h.setLevel(java.util.logging.Level.OFF);
      }
    }
  }

  @TempDir static Path tmp;

  @FuzzTest(maxDuration = "5m")
  void fuzz_ls_and_scan_of_an_archive(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    Path file = tmp.resolve("image.tar");
    Files.write(file, java.util.Arrays.copyOfRange(data, 1, data.length));
    String source = ((data[0] & 1) == 0 ? "docker-archive:" : "oci-archive:") + file;
    String[] command = (data[0] & 2) == 0 ? new String[] {"ls", source, "--limit", "layer-bytes=64m"}
        : new String[] {"scan", source, "--limit", "layer-bytes=64m"};
    CliRun run = CliRun.of(command);
    if (run.code() < 0 || run.code() > 2) {
      throw new AssertionError("exit status " + run.code());
    }
    if (run.err().contains("internal error") || run.err().contains("\tat ")) {
      throw new AssertionError("unexpected failure:\n" + run.err());
    }
    if (run.code() == 2 && run.out().isEmpty()
        && (run.errLines().isEmpty() || !run.errLines().get(run.errLines().size() - 1).startsWith("imagecheck: "))) {
      throw new AssertionError("expected an imagecheck: line last on stderr:\n" + run.err());
    }
    if (run.out().indexOf('\u001b') >= 0 || run.err().indexOf('\u001b') >= 0) {
      throw new AssertionError("raw escape character in the output");
    }
  }
}
