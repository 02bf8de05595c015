package io.imagecheck.cli;

import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspectors.Inspectors;
import io.imagecheck.policies.PolicyException;
import io.imagecheck.source.ImageSourceException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code imagecheck} program: builds the picocli command line, installs the exception handlers
 * and sets up logging, runs one command and exits with its {@link ExitCode}.
 *
 * <p>Failures become exit status 2 and exactly one line on stderr, {@code imagecheck: <message>}:
 *
 * <ul>
 *   <li>a source that cannot be opened or read ({@link ImageSourceException}, any {@link IOException}):
 *       the library's message, which names the source and the problem;
 *   <li>a policy file that cannot be used ({@link PolicyException}): its message, which names the file,
 *       the line and the field;
 *   <li>a usage error (an unknown option, a malformed {@code --platform}, reference or {@code --limit}):
 *       the problem and where to find help;
 *   <li>anything else: its type and message, and "(run with --debug for details)".
 * </ul>
 *
 * <p>With {@code --debug} (anywhere before a {@code --}) the stack trace is printed before that line
 * and the library's DEBUG log lines are shown. Library warnings are one line each on stderr; stdout
 * carries only the command's output. Messages are escaped with {@link Terminal#escape(CharSequence)}:
 * they can quote tags and paths from the image.
 *
 * <p>Not thread-safe: a run installs process-wide log handlers on stderr for its duration, so run one command at a time per process.
 */
public final class Main {

  private Main() {}

  /**
   * Runs {@code imagecheck} as a process: UTF-8 output, progress on stderr when the process has a
   * terminal, and {@link System#exit(int)} with the exit code.
   *
   * @param args the command line, e.g. {@code inspect app.tar --format json}
   */
  @SuppressForbidden("the process's own standard streams are wrapped here, once, for UTF-8 and buffering")
  public static void main(String[] args) {
    PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    // Java 17 cannot ask whether stderr alone is a terminal; a console means stdin and stdout are.
    boolean interactive = System.console() != null;
    int code = run(args, out, err, Progress.on(err, interactive));
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs one command in this process without exiting (for tests and embedding). No progress is
   * drawn.
   *
   * @param args the command line
   * @param out where the command's output goes
   * @param err where messages and log lines go
   * @return the exit code (see {@link ExitCode})
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, Progress.disabled());
  }

  /**
   * Runs one command with a progress display.
   *
   * @param args the command line
   * @param out where the command's output goes
   * @param err where messages and log lines go
   * @param progress the progress display
   * @return the exit code
   */
  static int run(String[] args, PrintStream out, PrintStream err, Progress progress) {
    return run(args, out, err, progress, Inspectors.builtIn());
  }

  /**
   * Runs one command with given inspectors (tests scan with their own inspectors through the library).
   *
   * @param args the command line
   * @param out where the command's output goes
   * @param err where messages and log lines go
   * @param progress the progress display
   * @param inspectors the inspectors {@code scan} chooses from
   * @return the exit code
   */
  static int run(String[] args, PrintStream out, PrintStream err, Progress progress, List<Inspector> inspectors) {
    boolean debug = debugRequested(args);
    try (StderrLogging logging = StderrLogging.install(err, debug)) {
      CommandLine commandLine = commandLine(out, err, progress, debug, inspectors);
      try {
        return commandLine.execute(args);
      } catch (RuntimeException | Error e) {
        // picocli hands exceptions to the handler below; this catches what escapes it (Errors, picocli bugs).
        return unexpected(e, err, debug);
      } finally {
        commandLine.getOut().flush();
        commandLine.getErr().flush();
      }
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * Builds the command tree with its handlers.
   *
   * @param out the output stream
   * @param err the message stream
   * @param progress the progress display
   * @param debug whether {@code --debug} was given
   * @param inspectors the inspectors {@code scan} chooses from
   * @return the command line, ready to {@code execute}
   */
  static CommandLine commandLine(PrintStream out, PrintStream err, Progress progress, boolean debug,
      List<Inspector> inspectors) {
    CommandLine cl = new CommandLine(new ImageCheckCommand(out, err, progress, inspectors));
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, args) -> usageError(ex, err, debug));
    cl.setExecutionExceptionHandler((ex, command, parseResult) -> failure(ex, command, parseResult, err, debug));
    return cl;
  }

  /**
   * Tells whether {@code --debug} is on the command line (before any {@code --}). Checked before
   * parsing, so that parse errors and logging set-up honour it too.
   *
   * @param args the command line
   * @return true when debugging was asked for
   */
  static boolean debugRequested(String[] args) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("--debug")) {
        return true;
      }
    }
    return false;
  }

  private static int usageError(ParameterException ex, PrintStream err, boolean debug) {
    if (debug) {
      ex.printStackTrace(err);
    }
    String command = ex.getCommandLine().getCommandSpec().qualifiedName();
    err.println("imagecheck: " + Terminal.escape(String.valueOf(ex.getMessage()))
        + " (see '" + command + " --help')");
    return ExitCode.ERROR.code();
  }

  private static int failure(Exception ex, CommandLine command, ParseResult parseResult, PrintStream err,
      boolean debug) {
    Throwable problem = ex instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : ex;
    if (!(problem instanceof IOException) && !(problem instanceof IllegalArgumentException)) {
      return unexpected(problem, err, debug);
    }
    if (debug) {
      problem.printStackTrace(err);
    }
    String message;
    if (problem instanceof ImageSourceException || problem instanceof PolicyException) {
      // Both already name their source (the image, or the policy file with line and field).
      message = String.valueOf(problem.getMessage());
    } else if (problem instanceof IOException io) {
      message = CommonOptions.describe(io);
    } else {
      // Caller-side IllegalArgumentExceptions reach here only from arguments picocli did not convert.
      message = problem.getMessage() + " (see '" + command.getCommandSpec().qualifiedName() + " --help')";
    }
    err.println("imagecheck: " + Terminal.escape(message));
    return ExitCode.ERROR.code();
  }

  private static int unexpected(Throwable t, PrintStream err, boolean debug) {
    if (debug) {
      t.printStackTrace(err);
    }
    err.println("imagecheck: internal error: " + Terminal.escape(t.getClass().getName()
        + (t.getMessage() == null ? "" : ": " + t.getMessage()))
        + (debug ? "" : " (run with --debug for details)"));
    return ExitCode.ERROR.code();
  }
}
