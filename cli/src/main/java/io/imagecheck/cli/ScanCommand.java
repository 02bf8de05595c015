package io.imagecheck.cli;

import io.imagecheck.cache.LayerCache;
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
import io.imagecheck.writers.support.RuleCatalog;
import io.imagecheck.writers.json.JsonReportWriter;
import io.imagecheck.writers.text.TextReportWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * (severities, disabled rules, waivers, fail threshold) and writes the report as text, JSON or any other
 * format of {@link ReportWriters#formats()} (SARIF, JUnit XML, SPDX, CycloneDX, Markdown, HTML).
 *
 * <p>Exit status: {@link ExitCode#OK} when the image passes, {@link ExitCode#POLICY_FAILURE} when a
 * finding reaches the policy's threshold, {@link ExitCode#ERROR} when the source, the policy file or the
 * command line is wrong, or when the scan is INCOMPLETE (an inspector could not run, a read limit was
 * hit: the image is not vouched for). With {@code --all-platforms} every image of an index is scanned,
 * each gets its verdict, and the exit status is the worst of them.
 *
 * <p>The {@code --format} report goes to stdout, or to {@code --output FILE}; then stderr gets the verdict
 * line. Each {@code --output FORMAT=FILE} (repeatable; the part before {@code =} a known format) writes that
 * format of the same scan to FILE as well. Formats other than text and JSON describe one image, so they
 * cannot be combined with {@code --all-platforms}. Progress is drawn on stderr only when it is a terminal.
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
      description = CommonOptions.SOURCE_HELP)
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

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Keep per-layer scan results in DIR (created when missing; at most 2 GiB, least recently "
          + "used evicted) and take layers scanned before from it: an image that shares its base layers "
          + "with one scanned before reads only its own layers. Off by default.")
  @Nullable Path cache;

  @Option(names = "--output", paramLabel = "FILE|FORMAT=FILE",
      description = "FILE: write the --format report to FILE (replacing it) instead of stdout; the verdict line "
          + "goes to stderr. FORMAT=FILE (repeatable): also write that format (text, json, sarif, junit, spdx, "
          + "cyclonedx, markdown, html) of the same scan to FILE.")
  List<String> outputs = new ArrayList<>();

  /** Where the reports go: the --format report's file (stdout when absent) and more formats' files. */
  private record Outputs(@Nullable Path main, Map<String, Path> extra) {}

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
    Outputs targets = outputs();
    Policy chosen = Policies.resolve(policy);
    if (failOn != null) {
      chosen = chosen.extend(chosen.name()).failOn(failOn).build();
    }
    // The --limit values bound the layer reading too, not only the documents the source opens.
    Scanner scanner = Scanner.with(chosen, parent.inspectors())
        .withViewOptions(ViewOptions.defaults().withLimits(options.sourceOptions().limits()));
    if (cache != null) {
      scanner = scanner.withCache(LayerCache.open(cache));
    }

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

    Path output = targets.main();
    if (output == null) {
      write(options.format, reports, parent.out());
    } else {
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output))) {
        write(options.format, reports, file);
      }
      for (Report r : reports) {
        parent.err().println(Terminal.escape(TextReportWriter.verdictLine(r)));
      }
      parent.err().println("imagecheck: report written to " + Terminal.escape(output.toString()));
    }
    for (Map.Entry<String, Path> e : targets.extra().entrySet()) {
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(e.getValue()))) {
        write(e.getKey(), reports, file);
      }
      parent.err().println("imagecheck: " + e.getKey() + " report written to "
          + Terminal.escape(e.getValue().toString()));
    }

    Verdict verdict = Verdict.worst(reports);
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

  /**
   * Reads the {@code --output} values: at most one plain FILE, and FORMAT=FILE pairs whose FORMAT is a known
   * format (a value whose part before {@code =} is not one is a plain FILE). Refuses, as usage errors, a
   * second plain FILE, a format given twice, and one-image formats with {@code --all-platforms}.
   */
  private Outputs outputs() {
    Path main = null;
    Map<String, Path> extra = new LinkedHashMap<>();
    List<String> formats = ReportWriters.formats();
    for (String value : outputs) {
      int eq = value.indexOf('=');
      String prefix = eq > 0 ? value.substring(0, eq).toLowerCase(Locale.ROOT) : "";
      if (formats.contains(prefix)) {
        if (extra.put(prefix, Path.of(value.substring(eq + 1))) != null) {
          throw new ParameterException(spec.commandLine(), "--output " + prefix + "=FILE given twice");
        }
      } else if (main == null) {
        main = Path.of(value);
      } else {
        throw new ParameterException(spec.commandLine(), "--output FILE given twice (" + main + ", " + value
            + "); use --output FORMAT=FILE for more formats");
      }
    }
    if (allPlatforms) {
      List<String> oneImage = new ArrayList<>();
      if (!isTextOrJson(options.format)) {
        oneImage.add(options.format);
      }
      extra.keySet().stream().filter(f -> !isTextOrJson(f)).forEach(oneImage::add);
      if (!oneImage.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--all-platforms writes text or json; "
            + String.join(", ", oneImage) + " describes one image (choose it with --platform)");
      }
    }
    return new Outputs(main, extra);
  }

  private static boolean isTextOrJson(String format) {
    return format.equals(TextReportWriter.FORMAT) || format.equals(JsonReportWriter.FORMAT);
  }

  private void write(String format, List<Report> reports, OutputStream out) throws IOException {
    switch (format) {
      case JsonReportWriter.FORMAT -> {
        if (allPlatforms) {
          new JsonReportWriter().writeAll(reports, out);
        } else {
          new JsonReportWriter().write(reports.get(0), out);
        }
      }
      case TextReportWriter.FORMAT -> {
        if (allPlatforms) {
          new TextReportWriter().writeAll(reports, out);
        } else {
          new TextReportWriter().write(reports.get(0), out);
        }
      }
      default -> ReportWriters.named(format, RuleCatalog.of(parent.inspectors()))
          .orElseThrow(() -> new IllegalStateException("unhandled format " + format))
          .write(reports.get(0), out);
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
