package io.imagecheck.cli;

import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspectors.Inspectors;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code imagecheck} command: {@code --help}, {@code --version}, {@code --debug} and the
 * subcommands. It holds what every subcommand writes to (stdout, stderr, the progress display);
 * subcommands reach it through picocli's {@code @ParentCommand}.
 *
 * <p>Each subcommand is one class, listed in {@code subcommands} below.
 */
@Command(name = "imagecheck",
    mixinStandardHelpOptions = true,
    versionProvider = ImageCheckCommand.VersionProvider.class,
    description = "Checks container images for the properties immutable, hardened infrastructure depends on.",
    footer = {"",
        "Exit status: 0 success, 1 policy failure (checking commands), 2 source, usage or other error.",
        "Sources: docker-archive:PATH[:TAG], oci:DIR[:REF], oci-archive:PATH[:REF], dir:DIR, or a path."},
    subcommands = {InspectCommand.class, LsCommand.class, DiffCommand.class, ScanCommand.class, VerifyCommand.class,
        TestCommand.class, HelpCommand.class})
final class ImageCheckCommand implements Runnable {

  // Main reads --debug before parsing (Main.debugRequested), so that usage errors and logging honour it;
  // the option is declared so that picocli accepts and documents it.
  @Option(names = "--debug",
      description = "Print stack traces for errors and the library's DEBUG log lines on stderr.")
  boolean debug;

  @Spec
  CommandSpec spec;

  private final PrintStream out;
  private final PrintStream err;
  private final Progress progress;
  private final List<Inspector> inspectors;

  /**
   * Creates the command.
   *
   * @param out where command output goes (stdout)
   * @param err where messages go (stderr)
   * @param progress the progress display on stderr
   * @param inspectors the inspectors {@code scan} chooses from ({@link Inspectors#builtIn()} in the program)
   */
  ImageCheckCommand(PrintStream out, PrintStream err, Progress progress, List<Inspector> inspectors) {
    this.out = out;
    this.err = err;
    this.progress = progress;
    this.inspectors = List.copyOf(inspectors);
  }

  /**
   * Runs when no subcommand is given: that is a usage error.
   *
   * @throws ParameterException always
   */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: choose one of "
        + String.join(", ", spec.subcommands().keySet()));
  }

  /** The command's output stream: results only, never messages or progress. */
  PrintStream out() {
    return out;
  }

  /** The message stream. */
  PrintStream err() {
    return err;
  }

  /** The progress display (draws only when stderr is a terminal). */
  Progress progress() {
    return progress;
  }

  /** The inspectors a scan's policy selects from. */
  List<Inspector> inspectors() {
    return inspectors;
  }

  /** {@code --version}: the project version, filtered into {@code version.properties} by Maven. */
  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = ImageCheckCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"imagecheck " + p.getProperty("version", "(unknown version)"),
          "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"};
    }
  }
}
