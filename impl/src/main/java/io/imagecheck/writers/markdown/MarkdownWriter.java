package io.imagecheck.writers.markdown;

import io.imagecheck.fs.Origin;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.report.ImageIdentity;
import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import io.imagecheck.report.WaivedFinding;
import io.imagecheck.writers.support.PackageInventories;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes a compact Markdown summary of a report, sized for a pull-request comment or a CI step summary
 * (GitHub-flavoured Markdown).
 *
 * <p>Verdict, image and policy; a table of counts by severity; one row per inspector with its status; the
 * {@value #TOP_FINDINGS} most severe findings in a table (severity, rule, path, layer and history step,
 * message), the rest in a collapsed {@code <details>} block; waived findings and notes likewise; package
 * counts per ecosystem.
 *
 * <p><b>Size:</b> the output stays below {@value #MAX_CHARS} characters (GitHub's comment limit is 65,536)
 * however large the report: long cells are shortened and, when the budget runs out, the remaining rows are
 * left out with a note saying how many.
 *
 * <p><b>Hostile text:</b> strings from the image (paths, commands, messages) are written with Markdown and
 * HTML punctuation as character references, so they cannot open tags, links, tables cells or emphasis;
 * paths and rule ids are in {@code <code>} elements (GitHub does not turn {@code @name} there into
 * mentions); control characters become U+FFFD.
 *
 * <p>Streams (UTF-8). Thread-safe (stateless).
 */
public final class MarkdownWriter implements ReportWriter {

  /** The most characters written. */
  public static final int MAX_CHARS = 64_000;
  /** Findings listed before the collapsed block. */
  public static final int TOP_FINDINGS = 10;

  /** Room kept for closing tags and the truncation note. */
  private static final int RESERVE = 2_000;
  private static final String FINDINGS_HEADER = "| Severity | Rule | Path | Layer | Message |\n|---|---|---|---|---|\n";

  /** A new writer. */
  public MarkdownWriter() {}

  @Override
  public String format() {
    return "markdown";
  }

  @Override
  public String fileExtension() {
    return ".md";
  }

  @Override
  public void write(Report report, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    Budget b = new Budget(w, MAX_CHARS - RESERVE);
    ImageIdentity image = report.image();
    String icon = switch (report.verdict()) {
      case PASS -> "✅";
      case FAIL -> "❌";
      case INCOMPLETE -> "⚠️";
    };
    b.write("## " + icon + " imagecheck: " + report.verdict() + "\n\n");
    b.write("**Image** " + code(image.source(), 200) + " · " + code(image.digest().toString(), 80)
        + image.platform().map(p -> " (" + text(p.toString(), 40) + ")").orElse("")
        + " · " + image.layers().size() + " layers · **policy** " + code(report.policy().name(), 60)
        + ", fails at **" + report.policy().failOn().label() + "**\n\n");

    StringBuilder counts = new StringBuilder("| | ");
    StringBuilder rule = new StringBuilder("|---|");
    StringBuilder row = new StringBuilder("| **Findings** | ");
    for (Map.Entry<Severity, Integer> e : report.summary().findings().entrySet()) {
      counts.append(e.getKey().label()).append(" | ");
      rule.append("---:|");
      row.append(e.getValue()).append(" | ");
    }
    counts.append("waived |\n");
    rule.append("---:|\n");
    row.append(report.summary().waived()).append(" |\n");
    b.write(counts + rule.toString() + row + "\n");

    b.write("| Inspector | Status | Findings |\n|---|---|---:|\n");
    int inspectorRowsLeft = 0;
    for (InspectorResult r : report.results()) {
      if (b.stopped) {
        inspectorRowsLeft++;
        continue;
      }
      String status = switch (r.status()) {
        case PASS -> "✅ pass";
        case FAIL -> "❌ fail";
        case ERROR -> "⚠️ error: " + text(r.error().orElse(""), 200);
        case SKIPPED -> "⏭️ skipped";
      };
      if (!b.row("| " + code(r.inspector(), 60) + " | " + status + " | "
          + (r.status() == InspectorResult.Status.ERROR || r.status() == InspectorResult.Status.SKIPPED ? "—"
              : Integer.toString(r.findings().size())) + " |\n")) {
        inspectorRowsLeft++;
      }
    }
    b.note(inspectorRowsLeft, "inspectors");
    b.write("\n");

    List<Finding> findings = new ArrayList<>(report.findings());
    findings.sort(Comparator.comparing(Finding::severity));
    if (!findings.isEmpty()) {
      int top = Math.min(TOP_FINDINGS, findings.size());
      b.write("### Findings\n\n" + FINDINGS_HEADER);
      int left = rows(b, findings.subList(0, top));
      if (findings.size() > top && !b.stopped) {
        b.write("\n<details><summary>" + (findings.size() - top) + " more findings</summary>\n\n" + FINDINGS_HEADER);
        left += rows(b, findings.subList(top, findings.size()));
        b.force("\n</details>\n");
      } else {
        left += findings.size() - top;
      }
      b.note(left, "findings");
      b.write("\n");
    }

    if (!report.waived().isEmpty() && !b.stopped) {
      b.write("<details><summary>" + report.waived().size() + " waived findings</summary>\n\n"
          + "| Severity | Rule | Path | Reason | Expires |\n|---|---|---|---|---|\n");
      int left = 0;
      for (WaivedFinding wf : report.waived()) {
        Finding f = wf.finding();
        if (b.stopped || !b.row("| " + f.severity().label() + " | " + code(f.ruleId(), 80) + " | "
            + f.path().map(p -> code(p, 200)).orElse("—") + " | " + text(wf.waiver().reason(), 200) + " | "
            + wf.waiver().expires().map(Object::toString).orElse("—") + " |\n")) {
          left++;
        }
      }
      b.force("\n</details>\n");
      b.note(left, "waived findings");
      b.write("\n");
    }

    Map<String, Integer> ecosystems = PackageInventories.countsByEcosystem(report);
    if (!ecosystems.isEmpty() && !b.stopped) {
      StringBuilder p = new StringBuilder("**Packages:** ");
      int total = 0;
      boolean first = true;
      for (Map.Entry<String, Integer> e : ecosystems.entrySet()) {
        p.append(first ? "" : ", ").append(text(e.getKey(), 30)).append(' ').append(e.getValue());
        total += e.getValue();
        first = false;
      }
      b.write(p.append(" (").append(total).append(" in all)\n\n").toString());
    }

    if (!report.notes().isEmpty() && !b.stopped) {
      b.write("**Notes**\n\n");
      int left = 0;
      for (String n : report.notes()) {
        if (b.stopped || !b.row("- " + text(n, 400) + "\n")) {
          left++;
        }
      }
      b.note(left, "notes");
      b.write("\n");
    }
    b.force("<sub>imagecheck " + text(report.toolVersion(), 40) + " · report schema "
        + text(report.schemaVersion(), 10)
        + "</sub>\n");
    w.flush();
  }

  private static int rows(Budget b, List<Finding> findings) throws IOException {
    int left = 0;
    for (Finding f : findings) {
      if (b.stopped || !b.row("| " + f.severity().label() + " | " + code(f.ruleId(), 80) + " | "
          + f.path().map(p -> code(p, 200)).orElse("—") + " | " + f.origin().map(MarkdownWriter::layer).orElse("—")
          + " | " + text(f.message(), 300) + " |\n")) {
        left++;
      }
    }
    return left;
  }

  private static String layer(Origin o) {
    StringBuilder s = new StringBuilder().append(o.layerNumber()).append('/').append(o.layerCount());
    o.historyStep().ifPresent(h -> s.append(", step ").append(h));
    o.createdBy().filter(c -> !c.isBlank()).ifPresent(c -> s.append(' ').append(code(c.strip(), 60)));
    return s.toString();
  }

  /**
   * Text from the report as inert Markdown: shortened to a length (with an ellipsis), line breaks as
   * spaces, control characters as U+FFFD, Markdown and HTML punctuation as character references.
   *
   * @param s the text
   * @param max the most characters kept
   * @return the Markdown
   */
  static String text(String s, int max) {
    String t = s.length() > max ? s.substring(0, max) + "…" : s;
    StringBuilder b = new StringBuilder(t.length() + 16);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '\n', '\r', '\t' -> b.append(' ');
        case '|', '\\', '`', '*', '_', '[', ']', '~', '@', '#', '!', '(', ')', '{', '}', '$', ':', '"', '\'' ->
            b.append("&#").append((int) c).append(';');
        default -> b.append(c < 0x20 || c == 0x7f ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }

  private static String code(String s, int max) {
    return "<code>" + text(s, max) + "</code>";
  }

  /** A writer that counts characters and refuses rows past a budget. */
  private static final class Budget {
    private final Writer w;
    private final int limit;
    private int written;
    private boolean stopped;

    Budget(Writer w, int limit) {
      this.w = w;
      this.limit = limit;
    }

    /** Writes structural text when there is room; once the budget is used up, nothing more but forced text. */
    void write(String s) throws IOException {
      if (!stopped && written + s.length() <= limit) {
        w.write(s);
        written += s.length();
      } else {
        stopped = true;
      }
    }

    /** Writes a row if it fits; returns false (and stops) when it does not. */
    boolean row(String s) throws IOException {
      write(s);
      return !stopped;
    }

    /** Writes closing text from the reserve. */
    void force(String s) throws IOException {
      w.write(s);
      written += s.length();
    }

    /** Says how many items were left out, from the reserve. */
    void note(int left, String what) throws IOException {
      if (left > 0) {
        force("\n_" + left + " more " + what + " not shown: this summary is kept under " + MAX_CHARS
            + " characters; the json, sarif or html report has them all._\n");
      }
    }
  }
}
