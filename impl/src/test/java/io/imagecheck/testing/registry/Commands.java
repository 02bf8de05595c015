package io.imagecheck.testing.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real third-party tools the registry tests need, with a timeout, and skips when one is missing. */
public final class Commands {

  private Commands() {}

  /**
   * Skips the calling test when a tool is not on the PATH.
   *
   * @param tools executable names
   */
  public static void assumeInstalled(String... tools) {
    for (String t : tools) {
      assumeTrue(onPath(t), t + " is not installed (apt-get install docker-registry skopeo buildah umoci "
          + "apache2-utils openssl): skipping");
    }
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs a command and returns its standard output.
   *
   * @param timeout how long it may take
   * @param command the command and arguments
   * @return stdout
   * @throws IOException when it fails, times out, or exits non-zero (with its stderr)
   */
  public static String run(Duration timeout, String... command) throws IOException {
    return run(timeout, Map.of(), command);
  }

  /**
   * Runs a command with extra environment variables and returns its standard output.
   *
   * @param timeout how long it may take
   * @param env extra environment
   * @param command the command and arguments
   * @return stdout
   * @throws IOException when it fails, times out, or exits non-zero (with its stderr)
   */
  public static String run(Duration timeout, Map<String, String> env, String... command) throws IOException {
    Path out = Files.createTempFile("cmd", ".out");
    Path err = Files.createTempFile("cmd", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(env);
      Process p = pb.start();
      boolean done;
      try {
        done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw new IOException("interrupted: " + List.of(command));
      }
      if (!done) {
        p.destroyForcibly();
        throw new IOException("timed out after " + timeout + ": " + List.of(command));
      }
      if (p.exitValue() != 0) {
        throw new IOException("exit " + p.exitValue() + ": " + List.of(command) + "\n"
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
