package io.imagecheck.cli;

import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspectors.Inspectors;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One in-process run of {@link Main#run(String[], PrintStream, PrintStream)}: its exit code and what it
 * wrote to stdout and stderr.
 *
 * @param code the exit code
 * @param out stdout
 * @param err stderr
 */
record CliRun(int code, String out, String err) {

  /**
   * Runs the command line.
   *
   * @param args the arguments
   * @return the result
   */
  static CliRun of(String... args) {
    return with(Inspectors.builtIn(), args);
  }

  /**
   * Runs the command line with given inspectors (what {@code scan} chooses from).
   *
   * @param inspectors the inspectors
   * @param args the arguments
   * @return the result
   */
  static CliRun with(List<Inspector> inspectors, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e, Progress.disabled(), inspectors);
    }
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * The lines written to stderr.
   *
   * @return stderr split into lines
   */
  List<String> errLines() {
    return err.lines().toList();
  }
}
