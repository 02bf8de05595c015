package io.imagecheck.inspectors.packages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs external tools (npm, python3) for integration tests. */
public final class ExternalTools {

  private ExternalTools() {}

  /**
   * The outcome of a run.
   *
   * @param exitCode the exit code, or -1 when the tool could not be started or timed out
   * @param output standard output and standard error, interleaved
   */
  public record Result(int exitCode, String output) {

    /**
     * Tells whether the tool exited with 0.
     *
     * @return true on success
     */
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /**
   * Runs a command and waits for it; kills it (and only it) on timeout.
   *
   * @param dir the working directory
   * @param timeout how long to wait
   * @param env extra environment variables
   * @param command the command and its arguments
   * @return the result; never throws for a missing tool
   */
  public static Result run(Path dir, Duration timeout, Map<String, String> env, String... command) {
    ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(dir.toFile());
    pb.redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new Result(-1, "could not start " + command[0] + ": " + e.getMessage());
    }
    StringBuilder out = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = p.getInputStream()) {
                out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                out.append("(output unreadable: ").append(e.getMessage()).append(')');
              }
            });
    reader.start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        reader.join(10_000);
        return new Result(-1, "timed out after " + timeout + ": " + out);
      }
      reader.join(10_000);
      return new Result(p.exitValue(), out.toString());
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
