package io.imagecheck.cli;

import io.imagecheck.image.Platform;
import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.structure.StructureTestConfig;
import io.imagecheck.structure.StructureTestRunner;
import io.imagecheck.structure.StructureTestWriters;
import io.imagecheck.writers.json.JsonReportWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code imagecheck test SOURCE --config FILE.yaml}: runs container-structure-test configs against an
 * image without a container runtime (file existence, file content, metadata and license tests; command
 * tests are reported as skipped) and writes the results as text (like container-structure-test's), JSON
 * (the report document of {@code scan --format json}, one result per test) or JUnit XML (one test case
 * per test).
 *
 * <p>Exit status like {@code scan}: {@link ExitCode#OK} when every test passed (skipped command tests do
 * not count), {@link ExitCode#POLICY_FAILURE} when a test failed, {@link ExitCode#ERROR} when the image or
 * a config cannot be read (the message names the config's file, line and field) or a test could not read
 * the image.
 *
 * <p>This command declares {@code --platform}, {@code --format}, {@code --limit} and {@code --debug} itself
 * instead of mixing in {@link CommonOptions}: its {@code --format} also takes {@code junit}, which the
 * shared option does not; the source is opened through {@link CommonOptions} all the same.
 */
@Command(name = "test",
    description = "Runs container-structure-test configs (schema 2.0.0) against an image without Docker; exits 1 "
        + "when a test fails.",
    sortOptions = false,
    footer = {"",
        "Runs fileExistenceTests, fileContentTests, metadataTest and licenseTests on the image's merged filesystem",
        "and config, with container-structure-test's field semantics; commandTests need a container and are",
        "reported as skipped. Exit status: 0 every test passed, 1 a test failed, 2 the image or a config cannot",
        "be read."})
final class TestCommand implements Callable<Integer> {

  /** Output formats of this command. */
  enum Format {
    /** container-structure-test's text: {@code === RUN}, {@code --- PASS}, errors, counts. */
    TEXT,
    /** The JSON report document, as {@code scan --format json} writes it. */
    JSON,
    /** JUnit XML, one test case per test. */
    JUNIT
  }

  @ParentCommand
  ImageCheckCommand parent;

  @Parameters(index = "0", paramLabel = "SOURCE", converter = CommonOptions.ReferenceConverter.class,
      description = CommonOptions.SOURCE_HELP)
  ImageReference source;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true,
      description = "A container-structure-test config, YAML or JSON (repeatable; run in order).")
  List<Path> configs = new ArrayList<>();

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
      description = "Output format: text, json or junit (default: ${DEFAULT-VALUE}).")
  Format format = Format.TEXT;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the results to FILE (replacing it) instead of stdout; the counts go to stderr.")
  @Nullable Path output;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = CommonOptions.PlatformConverter.class,
      description = "Which image of a multi-platform index to test (default: the host's platform, else the only "
          + "one).")
  @Nullable Platform platform;

  @Option(names = "--limit", paramLabel = "NAME=VALUE", converter = CommonOptions.LimitConverter.class,
      description = "Raise or lower a read limit, e.g. layer-bytes=8g (repeatable); see 'imagecheck scan --help'.")
  List<String> limits = new ArrayList<>();

  // Main reads --debug before parsing; declared so that picocli accepts and documents it.
  @Option(names = "--debug", description = "Print stack traces for errors and the library's DEBUG log lines on stderr.")
  boolean debug;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Mixin
  RegistryFlags registry = new RegistryFlags();

  /**
   * Reads the configs, runs them and writes the results.
   *
   * @return the exit code for the results
   * @throws IOException when a config or the image cannot be read (mapped to {@link ExitCode#ERROR})
   */
  @Override
  public Integer call() throws IOException {
    List<StructureTestConfig> loaded = new ArrayList<>();
    for (Path config : configs) {
      loaded.add(StructureTestConfig.load(config));
    }
    CommonOptions opener = new CommonOptions();
    opener.platform = platform;
    opener.limits = limits;
    opener.registry = registry;

    Progress progress = parent.progress();
    Report report;
    try (ImageSource opened = opener.open(source, progress)) {
      progress.update("testing " + source);
      report = StructureTestRunner.run(opened.image(), loaded);
    } finally {
      progress.clear();
    }

    ReportWriter writer = switch (format) {
      case TEXT -> StructureTestWriters.text();
      case JSON -> new JsonReportWriter();
      case JUNIT -> StructureTestWriters.junit();
    };
    if (output == null) {
      writer.write(report, parent.out());
      parent.out().flush();
    } else {
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output))) {
        writer.write(report, file);
      }
      parent.err().println("imagecheck: " + Terminal.escape(counts(report)) + "; results written to "
          + Terminal.escape(output.toString()));
    }
    return switch (report.verdict()) {
      case PASS -> ExitCode.OK.code();
      case FAIL -> ExitCode.POLICY_FAILURE.code();
      case INCOMPLETE -> ExitCode.ERROR.code();
    };
  }

  private static String counts(Report report) {
    return report.verdict() + ": " + report.summary().inspectorsRun() + " run, " + report.summary().inspectorsFailed()
        + " failed, " + report.summary().inspectorsErrored() + " errored, " + report.summary().inspectorsSkipped()
        + " skipped";
  }

  /** {@code --format}: text, json or junit, in any case. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format f : Format.values()) {
        if (f.name().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      throw new TypeConversionException("expected text, json or junit, got \"" + value + "\"");
    }
  }
}
