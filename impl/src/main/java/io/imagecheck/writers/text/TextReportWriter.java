package io.imagecheck.writers.text;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Waiver;
import io.imagecheck.report.ImageIdentity;
import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import io.imagecheck.report.Verdict;
import io.imagecheck.report.WaivedFinding;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes reports for people (format {@code text}):
 *
 * <pre>
 * imagecheck 0.1.0 scan of oci:app:latest
 *   image:      sha256:0123456789ab (linux/amd64), 3 layers
 *   policy:     hardened, fails at high or above
 *   inspectors: 8 run, 2 failed, 0 errored, 0 skipped
 *
 * HIGH (2)
 *   shell.present: shell /bin/sh -&gt; /bin/busybox is reachable
 *     /bin/sh, added by layer 1 of 3 (sha256:ab12cd34ef56), history step 2: RUN apk add busybox
 *     evidence: target=/bin/busybox
 *   ...
 *
 * Waived (1)
 *   tools.present (high): curl at /usr/bin/curl
 *     /usr/bin/curl, added by layer 2 of 3 (sha256:9f8e7d6c5b4a), history step 3: RUN apk add curl
 *     waived: used by the health check (waiver tools.present, expires 2026-12-31)
 *
 * Notes
 *   - waiver for tools.* expired on 2025-01-31 and no longer applies (reason was: ...)
 *
 * FAIL: 2 high findings at or above high (policy hardened)
 * </pre>
 *
 * <p>Findings are grouped by severity, CRITICAL first, each in report order; under each, the path and the
 * layer and history step that added it ({@link io.imagecheck.fs.Origin#describe()}: layers counted from 1,
 * history steps from 1 over all entries, digests shortened to 12 hex digits), then its evidence. Waived
 * findings follow with the waiver's reason, then the inspectors that could not run, then the notes. The
 * last line is the verdict. Everything that comes from the image or the policy (paths, messages, build
 * commands, evidence, reasons) is escaped with {@link Printable#escape(CharSequence)}; the location line is
 * cut at {@value #MAX_LINE} characters (a {@code RUN} command can be very long).
 *
 * <p>Thread-safe (stateless).
 */
public final class TextReportWriter implements ReportWriter {

  /** The format name. */
  public static final String FORMAT = "text";

  /** The longest location or evidence line, in characters, before it is cut with {@code ...}. */
  public static final int MAX_LINE = 200;

  /** Creates the writer. */
  public TextReportWriter() {}

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public String fileExtension() {
    return ".txt";
  }

  /**
   * Writes one report.
   *
   * @param report the report
   * @param out where to write UTF-8 text; flushed, not closed
   * @throws IOException when writing fails
   */
  @Override
  public void write(Report report, OutputStream out) throws IOException {
    Objects.requireNonNull(report, "report");
    Writer w = writer(out);
    report(w, report);
    w.flush();
  }

  /**
   * Writes several reports of one source (e.g. every platform of an index), one after the other, and a
   * last line with the worst verdict and each image's: {@code Overall: FAIL (linux/amd64 FAIL, linux/arm64 PASS)}.
   *
   * @param reports the reports, at least one
   * @param out where to write UTF-8 text; flushed, not closed
   * @throws IOException when writing fails
   * @throws IllegalArgumentException when {@code reports} is empty
   */
  public void writeAll(List<Report> reports, OutputStream out) throws IOException {
    Verdict worst = Verdict.worst(reports);
    Writer w = writer(out);
    List<String> each = new ArrayList<>();
    for (Report r : reports) {
      report(w, r);
      w.write('\n');
      each.add(imageName(r.image()) + " " + r.verdict().name());
    }
    w.write("Overall: " + worst.name() + " (" + String.join(", ", each) + ")\n");
    w.flush();
  }

  private static Writer writer(OutputStream out) {
    // Not closed: closing would close the caller's stream; flushed at the end instead.
    return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
  }

  private static void report(Writer w, Report r) throws IOException {
    ImageIdentity image = r.image();
    line(w, "imagecheck " + esc(r.toolVersion()) + " scan of " + esc(image.source()));
    StringBuilder img = new StringBuilder("  image:      ").append(image.digest().shortForm());
    img.append(" (").append(image.platform().map(p -> esc(p.toString())).orElse("platform unknown")).append("), ");
    img.append(count(image.layers().size(), "layer", "layers"));
    image.indexDigest().ifPresent(d -> img.append(", from index ").append(d.shortForm()));
    if (image.manifestSynthesized()) {
      img.append(", manifest synthesized from a docker save archive");
    }
    line(w, img.toString());
    line(w, "  policy:     " + esc(r.policy().name()) + ", fails at " + r.policy().failOn().label() + " or above");
    line(w, "  inspectors: " + r.summary().inspectorsRun() + " run, " + r.summary().inspectorsFailed() + " failed, "
        + r.summary().inspectorsErrored() + " errored, " + r.summary().inspectorsSkipped() + " skipped");

    List<Finding> findings = r.findings();
    if (findings.isEmpty()) {
      w.write('\n');
      line(w, "No findings.");
    }
    for (Severity s : Severity.values()) {
      List<Finding> at = findings.stream().filter(f -> f.severity() == s).toList();
      if (at.isEmpty()) {
        continue;
      }
      w.write('\n');
      line(w, s.name() + " (" + at.size() + ")");
      for (Finding f : at) {
        line(w, "  " + esc(f.ruleId()) + ": " + esc(f.message()));
        details(w, f);
      }
    }

    if (!r.waived().isEmpty()) {
      w.write('\n');
      line(w, "Waived (" + r.waived().size() + ")");
      for (WaivedFinding wf : r.waived()) {
        Finding f = wf.finding();
        line(w, "  " + esc(f.ruleId()) + " (" + f.severity().label() + "): " + esc(f.message()));
        details(w, f);
        line(w, "    waived: " + esc(wf.waiver().reason()) + " (" + describe(wf.waiver()) + ")");
      }
    }

    List<InspectorResult> errors = r.results().stream()
        .filter(x -> x.status() == InspectorResult.Status.ERROR).toList();
    if (!errors.isEmpty()) {
      w.write('\n');
      line(w, "Could not run (" + errors.size() + ")");
      for (InspectorResult e : errors) {
        line(w, "  " + esc(e.inspector()) + ": " + esc(e.error().orElse("unknown error")));
      }
    }

    if (!r.notes().isEmpty()) {
      w.write('\n');
      line(w, "Notes");
      for (String note : r.notes()) {
        line(w, "  - " + esc(note));
      }
    }
    w.write('\n');
    line(w, verdictLine(r));
  }

  private static void details(Writer w, Finding f) throws IOException {
    String where = f.path().map(TextReportWriter::esc).orElse("");
    if (f.origin().isPresent()) {
      String added = "added by " + esc(f.origin().get().describe());
      where = where.isEmpty() ? added : where + ", " + added;
    }
    if (!where.isEmpty()) {
      line(w, cut("    " + where));
    }
    if (!f.evidence().isEmpty()) {
      List<String> pairs = new ArrayList<>();
      for (Map.Entry<String, String> e : f.evidence().entrySet()) {
        pairs.add(esc(e.getKey()) + "=" + esc(e.getValue()));
      }
      line(w, cut("    evidence: " + String.join(", ", pairs)));
    }
  }

  private static String describe(Waiver waiver) {
    StringBuilder b = new StringBuilder("waiver ").append(esc(waiver.rule()));
    waiver.path().ifPresent(p -> b.append(" at ").append(esc(p.toString())));
    waiver.expires().ifPresent(d -> b.append(", expires ").append(d));
    return b.toString();
  }

  /**
   * The last line of a report: the verdict and why (also what {@code scan --output} prints on stderr).
   *
   * @param r the report
   * @return e.g. {@code FAIL: 1 critical, 3 high findings at or above high (policy hardened)}
   */
  public static String verdictLine(Report r) {
    Severity threshold = r.policy().failOn();
    String policy = " (policy " + esc(r.policy().name()) + ")";
    List<String> above = new ArrayList<>();
    List<String> below = new ArrayList<>();
    int aboveCount = 0;
    for (Severity s : Severity.values()) {
      int n = r.summary().findings().get(s);
      if (n == 0) {
        continue;
      }
      if (s.atLeast(threshold)) {
        above.add(n + " " + s.label());
        aboveCount += n;
      } else {
        below.add(n + " " + s.label());
      }
    }
    String atOrAbove = String.join(", ", above) + (aboveCount == 1 ? " finding" : " findings")
        + " at or above " + threshold.label();
    return switch (r.verdict()) {
      case FAIL -> "FAIL: " + atOrAbove + policy;
      case PASS -> "PASS: no findings at or above " + threshold.label()
          + (below.isEmpty() ? "" : "; " + String.join(", ", below) + " below it") + policy;
      case INCOMPLETE -> {
        List<String> ids = r.results().stream()
            .filter(x -> x.status() == InspectorResult.Status.ERROR).map(x -> esc(x.inspector())).toList();
        if (ids.isEmpty()) {
          yield "INCOMPLETE: no inspector ran" + policy;
        }
        yield "INCOMPLETE: " + count(ids.size(), "inspector", "inspectors") + " could not run ("
            + String.join(", ", ids) + ")" + (above.isEmpty() ? "" : "; " + atOrAbove) + policy;
      }
    };
  }

  private static String imageName(ImageIdentity image) {
    return image.platform().map(p -> esc(p.toString())).orElse(image.digest().shortForm());
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private static String esc(String s) {
    return Printable.escape(s);
  }

  private static String cut(String s) {
    if (s.length() <= MAX_LINE) {
      return s;
    }
    int end = MAX_LINE - 3;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "...";
  }

  private static void line(Writer w, String s) throws IOException {
    w.write(s);
    w.write('\n');
  }
}
