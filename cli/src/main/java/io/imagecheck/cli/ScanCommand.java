package io.imagecheck.cli;

import io.imagecheck.filesystems.ViewOptions;
import io.imagecheck.image.Image;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policies.Policies;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.report.Verdict;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.writers.ReportWriters;
import io.imagecheck.writers.json.JsonReportWriter;
import io.imagecheck.writers.text.TextReportWriter;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code imagecheck scan SOURCE}: runs the inspectors a policy selects on an image, applies the policy
 * (severities, disabled rules, waivers, fail threshold) and writes the report as text or JSON.
 *
 * <p>Exit status: {@link ExitCode#OK} when the image passes, {@link ExitCode#POLICY_FAILURE} when a
 * finding reaches the policy's threshold, {@link ExitCode#ERROR} when the source, the policy file or the
 * command line is wrong, or when the scan is INCOMPLETE (an inspector could not run, a read limit was
 * hit: the image is not vouched for). With {@code --all-platforms} every image of an index is scanned,
 * each gets its verdict, and the exit status is the worst of them.
 *
 * <p>The report goes to stdout, or to {@code --output FILE}; then stderr gets the verdict line. Progress
 * is drawn on stderr only when it is a terminal.
 */
@Command(name = "scan",
    description = "Checks an image against a policy (default: hardened) and reports the findings; exits 1 when "
        + "the image fails the policy.",
    sortOptions = false,
    footer = {"",
        "Exit status: 0 the image passes, 1 it fails the policy, 2 source, policy or usage error, or the scan is",
        "incomplete (an inspector could not run). With --all-platforms: the worst over the platforms.",
        "Policies: hardened (the default; fails at high), baseline (CIS Docker Benchmark image checks as",
        "warnings; fails at critical), or a YAML/JSON policy file (docs/policy.md)."})
final class ScanCommand implements Callable<Integer> {

  @ParentCommand
  ImageCheckCommand parent;

  @Spec
  CommandSpec spec;

  @Mixin
  CommonOptions options;

  @Parameters(index = "0", paramLabel = "SOURCE", converter = CommonOptions.ReferenceConverter.class,
      description = "The image: docker-archive:PATH[:TAG], oci:DIR[:REF], oci-archive:PATH[:REF], dir:DIR, "
          + "or a path whose kind is detected.")
  ImageReference source;

  @Option(names = "--policy", paramLabel = "hardened|baseline|FILE", defaultValue = Policies.HARDENED,
      description = "The policy: a built-in name or a policy file (default: ${DEFAULT-VALUE}).")
  String policy = Policies.HARDENED;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = SeverityConverter.class,
      description = "Fail on findings at or above this severity (critical, high, medium, low, info), "
          + "instead of the policy's threshold.")
  @Nullable Severity failOn;

  @Option(names = "--all-platforms",
      description = "Scan every image of a multi-platform index and report a verdict for each; the exit "
          + "status is the worst. Cannot be combined with --platform.")
  boolean allPlatforms;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the report to FILE (replacing it) instead of stdout; the verdict line goes to stderr.")
  @Nullable Path output;

  /**
   * Scans and writes the report.
   *
   * @return the exit code for the verdict
   * @throws IOException when the policy file or the source cannot be read (mapped to {@link ExitCode#ERROR})
   */
  @Override
  public Integer call() throws IOException {
    if (allPlatforms && options.platform != null) {
      throw new ParameterException(spec.commandLine(), "--all-platforms and --platform cannot be combined");
    }
    Policy chosen = Policies.resolve(policy);
    if (failOn != null) {
      chosen = chosen.extend(chosen.name()).failOn(failOn).build();
    }
    // The --limit values bound the layer reading too, not only the documents the source opens.
    Scanner scanner = Scanner.with(chosen, parent.inspectors())
        .withViewOptions(ViewOptions.defaults().withLimits(options.sourceOptions().limits()));

    Progress progress = parent.progress();
    List<Report> reports = new ArrayList<>();
    try (ImageSource opened = options.open(source)) {
      List<Image> images = allPlatforms ? opened.images() : List.of(opened.image());
      for (int i = 0; i < images.size(); i++) {
        Image image = images.get(i);
        progress.update("scanning " + source + image.platform().map(p -> " (" + p + ")").orElse("")
            + (images.size() > 1 ? ", image " + (i + 1) + " of " + images.size() : ""));
        reports.add(scanner.scan(opened, image));
      }
    } finally {
      progress.clear();
    }

    if (output == null) {
      write(reports, parent.out());
    } else {
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output))) {
        write(reports, file);
      }
      for (Report r : reports) {
        parent.err().println(Terminal.escape(TextReportWriter.verdictLine(r)));
      }
      parent.err().println("imagecheck: report written to " + Terminal.escape(output.toString()));
    }

    Verdict verdict = ReportWriters.worstVerdict(reports);
    if (verdict == Verdict.INCOMPLETE) {
      parent.err().println("imagecheck: scan incomplete: " + Terminal.escape(incompleteReason(reports))
          + "; the image is not vouched for");
    }
    return switch (verdict) {
      case PASS -> ExitCode.OK.code();
      case FAIL -> ExitCode.POLICY_FAILURE.code();
      case INCOMPLETE -> ExitCode.ERROR.code();
    };
  }

  private void write(List<Report> reports, OutputStream out) throws IOException {
    switch (options.format) {
      case JSON -> {
        if (allPlatforms) {
          new JsonReportWriter().writeAll(reports, out);
        } else {
          new JsonReportWriter().write(reports.get(0), out);
        }
      }
      case TEXT -> {
        if (allPlatforms) {
          new TextReportWriter().writeAll(reports, out);
        } else {
          new TextReportWriter().write(reports.get(0), out);
        }
      }
      default -> throw new IllegalStateException("unhandled format " + options.format);
    }
    out.flush();
  }

  private static String incompleteReason(List<Report> reports) {
    List<String> parts = new ArrayList<>();
    for (Report r : reports) {
      List<String> errored = r.results().stream()
          .filter(x -> x.status() == InspectorResult.Status.ERROR)
          .map(InspectorResult::inspector).toList();
      if (errored.isEmpty()) {
        continue;
      }
      String where = reports.size() > 1 ? r.image().platform().map(Object::toString)
          .orElse(r.image().digest().shortForm()) + ": " : "";
      parts.add(where + String.join(", ", errored) + " could not run");
    }
    return parts.isEmpty() ? "no inspector ran" : String.join("; ", parts);
  }

  /** {@code --fail-on}: a severity name in any case. */
  static final class SeverityConverter implements ITypeConverter<Severity> {
    @Override
    public Severity convert(String value) {
      try {
        return Severity.parse(value.toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }
}
