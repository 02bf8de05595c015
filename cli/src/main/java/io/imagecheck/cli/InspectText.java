package io.imagecheck.cli;

import io.imagecheck.image.Digest;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an {@link InspectReport} for people: digests shortened to {@code sha256:} and 12 hex
 * characters, layers counted from 1 ("layer 2 of 5"), history steps counted from 1 over all history
 * entries, and every string from the image escaped with {@link Terminal#escape(CharSequence)}.
 *
 * <pre>
 * reference   oci-archive:app.tar:latest
 * manifest    sha256:5cec6b4ce61c  application/vnd.oci.image.manifest.v1+json, 1,024 bytes
 * config      sha256:75ae28b8ebf8
 * ...
 * layer 1 of 3  sha256:0308a5d8e1c2
 *   diff_id     sha256:356d5e7f4012
 *   created by  history step 1 of 5: ADD rootfs.tar /
 * </pre>
 *
 * <p>Thread-safe (stateless).
 */
final class InspectText {

  /** The longest {@code created_by} shown; the JSON output has it whole. */
  static final int CREATED_BY_WIDTH = 100;

  private static final String INDENT = "            ";

  private InspectText() {}

  /**
   * Writes the report.
   *
   * @param r the report
   * @param out the output stream
   */
  static void write(InspectReport r, PrintStream out) {
    field(out, "reference", Terminal.escape(r.reference()));
    InspectReport.IndexInfo index = r.index();
    if (index != null) {
      field(out, "index", shortDigest(index.digest()) + "  " + Terminal.escape(index.mediaType()));
    }
    InspectReport.ManifestInfo m = r.manifest();
    field(out, "manifest", shortDigest(m.digest()) + "  " + Terminal.escape(m.mediaType()) + ", " + bytes(m.size())
        + (m.synthesized() ? " (synthesized from the archive's manifest.json)" : ""));
    field(out, "config", shortDigest(r.config().digest()));
    field(out, "platform", r.platform() == null ? "(not set)" : Terminal.escape(r.platform()));
    field(out, "user", r.user().isEmpty() ? "(not set: runs as root)" : Terminal.escape(r.user()));
    field(out, "entrypoint", command(r.entrypoint()));
    field(out, "cmd", command(r.cmd()));
    field(out, "workdir", r.workingDir().isEmpty() ? "(not set)" : Terminal.escape(r.workingDir()));
    lines(out, "env", r.env());
    List<String> labels = new ArrayList<>();
    for (Map.Entry<String, String> e : r.labels().entrySet()) {
      labels.add(e.getKey() + "=" + e.getValue());
    }
    lines(out, "labels", labels);
    field(out, "ports", r.exposedPorts().isEmpty() ? "(none)"
        : Terminal.escape(String.join(", ", r.exposedPorts())));
    InspectReport.HistoryInfo h = r.history();
    field(out, "history", h.steps() + (h.steps() == 1 ? " step, " : " steps, ") + h.layerSteps()
        + (h.layerSteps() == 1 ? " of them made a layer" : " of them made layers"));
    if (!h.matchesLayers()) {
      out.println(INDENT + "note: the history has " + h.layerSteps() + " layer-making steps for "
          + r.layers().size() + " layers, so matching layers to steps may be wrong"
          + (h.layerSteps() < r.layers().size() ? "; the last layers have no step" : ""));
    }
    long total = r.layers().stream().mapToLong(InspectReport.LayerInfo::size).sum();
    field(out, "layers", r.layers().size() + ", " + bytes(total) + " as stored");
    int count = r.layers().size();
    for (InspectReport.LayerInfo l : r.layers()) {
      out.println();
      out.println("layer " + l.number() + " of " + count + "  " + shortDigest(l.digest()));
      sub(out, "diff_id", shortDigest(l.diffId()));
      sub(out, "media type", Terminal.escape(l.mediaType()));
      sub(out, "size", bytes(l.size()));
      Integer step = l.historyStep();
      String createdBy = l.createdBy();
      if (step == null || createdBy == null) {
        sub(out, "created by", "(no history step)");
      } else {
        String command = createdBy.isEmpty()
            ? "(no created_by)"
            : Terminal.truncate(Terminal.escape(createdBy), CREATED_BY_WIDTH);
        sub(out, "created by", "history step " + step + " of " + h.steps() + ": " + command);
      }
    }
  }

  /**
   * A history step's command on one line: whitespace runs collapsed, truncated for text output.
   *
   * @param createdBy the command as recorded
   * @return the one-line form
   */
  static String oneLine(String createdBy) {
    return Terminal.truncate(createdBy.strip().replaceAll("\\s+", " "), CREATED_BY_WIDTH);
  }

  /**
   * Shortens a digest for text output.
   *
   * @param digest a full digest
   * @return {@code sha256:} and 12 hex characters
   */
  static String shortDigest(String digest) {
    return Digest.parse(digest).shortForm();
  }

  /**
   * A byte count for people: {@code 512 bytes}, {@code 1.4 MiB (1,523,200 bytes)}.
   *
   * @param n a size in bytes
   * @return the text
   */
  static String bytes(long n) {
    String exact = String.format(Locale.ROOT, "%,d bytes", n);
    if (n < 1024) {
      return n == 1 ? "1 byte" : exact;
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s (%s)", v, units[u], exact);
  }

  private static String command(List<String> args) {
    if (args.isEmpty()) {
      return "(not set)";
    }
    List<String> quoted = new ArrayList<>(args.size());
    for (String a : args) {
      quoted.add("\"" + Terminal.escape(a).replace("\"", "\\\"") + "\"");
    }
    return "[" + String.join(", ", quoted) + "]";
  }

  private static void lines(PrintStream out, String name, List<String> values) {
    if (values.isEmpty()) {
      field(out, name, "(none)");
      return;
    }
    field(out, name, Terminal.escape(values.get(0)));
    for (int i = 1; i < values.size(); i++) {
      out.println(INDENT + Terminal.escape(values.get(i)));
    }
  }

  private static void field(PrintStream out, String name, String value) {
    out.println(String.format(Locale.ROOT, "%-12s%s", name, value));
  }

  private static void sub(PrintStream out, String name, String value) {
    out.println(String.format(Locale.ROOT, "  %-12s%s", name, value));
  }
}
