package io.imagecheck.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs external commands: the floors ({@code gzip -dc F | sha256sum}), the input builders
 * ({@code tar}, {@code gzip}, {@code zstd}) and one-shot imagecheck runs.
 *
 * <p>Thread-safe (stateless).
 */
final class Commands {

  private Commands() {}

  /** Whether a command is on the PATH. */
  static boolean installed(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs a command to completion, output discarded, stderr kept for the error message.
   *
   * @param okExits the exit statuses that count as success
   * @param command the command and arguments
   * @return the wall-clock seconds it took
   * @throws IOException when it cannot start, or exits with another status
   */
  static double timed(Set<Integer> okExits, List<String> command) throws IOException {
    Path err = Files.createTempFile("imagecheck-bench", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(err.toFile());
      long t0 = System.nanoTime();
      Process p = pb.start();
      int status = waitFor(p);
      double s = Samples.seconds(t0);
      if (!okExits.contains(status)) {
        throw new IOException(String.join(" ", command) + " exited with " + status + ": "
            + tail(Files.readString(err, StandardCharsets.UTF_8)));
      }
      return s;
    } finally {
      Files.deleteIfExists(err);
    }
  }

  /**
   * Runs a shell command line with {@code bash -o pipefail -c}.
   *
   * @param line the command line
   * @return the wall-clock seconds it took
   * @throws IOException when it fails
   */
  static double shell(String line) throws IOException {
    return timed(Set.of(0), List.of("bash", "-o", "pipefail", "-c", line));
  }

  /**
   * Runs a command and returns its standard output.
   *
   * @param command the command
   * @return stdout as UTF-8
   * @throws IOException when it fails
   */
  static String output(List<String> command) throws IOException {
    Path out = Files.createTempFile("imagecheck-bench", ".out");
    Path err = Files.createTempFile("imagecheck-bench", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      int status = waitFor(p);
      if (status != 0) {
        throw new IOException(String.join(" ", command) + " exited with " + status + ": "
            + tail(Files.readString(err, StandardCharsets.UTF_8)));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Shell-quotes a path or word for {@link #shell(String)}. */
  static String quote(Object word) {
    return "'" + word.toString().replace("'", "'\\''") + "'";
  }

  /** The java launcher of the running JVM. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static List<String> list(String... words) {
    return new ArrayList<>(List.of(words));
  }

  private static int waitFor(Process p) throws IOException {
    try {
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("command timed out after 30 minutes");
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String tail(String s) {
    return s.length() <= 2000 ? s.strip() : "..." + s.substring(s.length() - 2000).strip();
  }
}
