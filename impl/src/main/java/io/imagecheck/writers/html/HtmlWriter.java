package io.imagecheck.writers.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.imagecheck.fs.Origin;
import io.imagecheck.image.Digest;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.report.ImageIdentity;
import io.imagecheck.report.LayerInfo;
import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import io.imagecheck.report.WaivedFinding;
import io.imagecheck.writers.support.PackageInventories;
import io.imagecheck.writers.support.RuleCatalog;
import io.imagecheck.writers.support.RuleInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a report as one self-contained HTML page: verdict, counts, a bar chart of the layers, package
 * counts per ecosystem, and a findings table a reader filters by severity and inspector.
 *
 * <p><b>Self-contained:</b> CSS and script are inline; there are no external URLs, fonts or images (the
 * favicon is an empty {@code data:} URL). A {@code Content-Security-Policy} meta tag allows only the
 * page's own style and script (by their SHA-256 hashes) and nothing from any network, so even a string
 * that got through as markup could not run or load anything.
 *
 * <p><b>Data:</b> the findings, waived findings and rules are embedded as JSON in a
 * {@code <script type="application/json" id="report-data">} block, written with {@code <}, {@code >},
 * {@code &}, {@code '} and every non-ASCII character as {@code \}{@code uXXXX} escapes, so a hostile path
 * such as {@code </script><script>...} cannot end the block. The page's script builds the table from it
 * with {@code textContent} (never as markup). Everything written as markup (the layer chart, the
 * inspector table, notes) is HTML-escaped, with control characters as U+FFFD.
 *
 * <p><b>Layer chart:</b> an SVG bar per layer, its length the layer's compressed size (the size the
 * manifest records; reports do not carry uncompressed sizes), labelled with the layer number, the history
 * step and its command. A layer is marked when a finding (effective or waived) of a {@code shell.*},
 * {@code package-manager.*} or {@code secrets.*} rule points at it (the finding's origin layer).
 *
 * <p><b>Packages:</b> counts per ecosystem from {@link PackageInventories#countsByEcosystem(Report)}.
 *
 * <p>Streams (UTF-8). Thread-safe (stateless).
 */
public final class HtmlWriter implements ReportWriter {

  /** The id of the embedded JSON data block. */
  public static final String DATA_ID = "report-data";

  private static final String CSS = """
      :root{--critical:#b71c1c;--high:#e65100;--medium:#f9a825;--low:#1565c0;--info:#607d8b;\
      --fg:#1d2329;--muted:#5f6b76;--line:#d8dee4;--bg:#ffffff;--panel:#f6f8fa}
      *{box-sizing:border-box}
      body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);\
      background:var(--bg)}
      main{max-width:1200px;margin:0 auto;padding:0 20px 40px}
      header.verdict{padding:18px 20px;color:#fff}
      header.verdict h1{margin:0;font-size:28px}
      header.verdict p{margin:4px 0 0;opacity:.95;word-break:break-all}
      .v-PASS{background:#1b7f3b}.v-FAIL{background:#b42318}.v-INCOMPLETE{background:#b26a00}
      h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
      .tiles{display:flex;gap:10px;flex-wrap:wrap;margin-top:16px}
      .tile{min-width:110px;padding:10px 14px;border-radius:6px;background:var(--panel);\
      border-left:6px solid var(--info)}
      .tile b{display:block;font-size:22px}
      .t-critical{border-color:var(--critical)}.t-high{border-color:var(--high)}\
      .t-medium{border-color:var(--medium)}.t-low{border-color:var(--low)}.t-info{border-color:var(--info)}
      .t-waived{border-color:#9e9e9e}
      svg text{font:12px system-ui,sans-serif;fill:var(--fg)}
      svg .muted{fill:var(--muted)}
      svg .bar{fill:#4f7cac}svg .bar.marked{fill:#c2410c}
      svg .badge-shell{fill:#b42318}svg .badge-package-manager{fill:#7c3aed}svg .badge-secrets{fill:#0f766e}
      svg .badge-text{fill:#fff;font-size:11px}
      svg .eco{fill:#2f855a}
      .legend span{display:inline-block;margin-right:14px}
      .sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
      .sw-shell{background:#b42318}.sw-package-manager{background:#7c3aed}.sw-secrets{background:#0f766e}
      #filters{display:flex;gap:16px;align-items:center;flex-wrap:wrap;padding:8px 0}
      #filters fieldset{border:1px solid var(--line);border-radius:6px;padding:4px 10px;margin:0}
      #filters legend{font-size:12px;color:var(--muted)}
      #filters label{margin-right:8px;white-space:nowrap}
      table{border-collapse:collapse;width:100%}
      th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
      th{background:var(--panel);font-weight:600}
      td.path,td.rule,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;\
      font-size:12.5px;word-break:break-all}
      td.rule{word-break:normal;white-space:nowrap}
      .sev{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;font-weight:600}
      .s-critical{background:var(--critical)}.s-high{background:var(--high)}.s-medium{background:var(--medium);\
      color:#222}.s-low{background:var(--low)}.s-info{background:var(--info)}
      .small{font-size:12px;color:var(--muted)}
      .empty{color:var(--muted);font-style:italic}
      footer{margin-top:30px;color:var(--muted);font-size:12px}
      """;

  private static final String SCRIPT = """
      (function () {
        'use strict';
        var data = JSON.parse(document.getElementById('report-data').textContent);
        function el(tag, cls, text) {
          var e = document.createElement(tag);
          if (cls) { e.className = cls; }
          if (text !== undefined && text !== null) { e.textContent = String(text); }
          return e;
        }
        function layerCell(f) {
          var td = el('td');
          if (f.layer === undefined) { td.textContent = '\\u2014'; return td; }
          td.appendChild(el('div', null, 'layer ' + f.layer + (f.step !== undefined ? ', step ' + f.step : '')));
          if (f.createdBy) {
            var cmd = f.createdBy.length > 90 ? f.createdBy.slice(0, 90) + '\\u2026' : f.createdBy;
            var c = el('div', 'small mono', cmd);
            c.title = f.createdBy;
            td.appendChild(c);
          }
          return td;
        }
        function row(f, withReason) {
          var tr = el('tr');
          tr.setAttribute('data-severity', f.severity);
          tr.setAttribute('data-inspector', f.inspector);
          var sev = el('td');
          sev.appendChild(el('span', 'sev s-' + f.severity, f.severity));
          tr.appendChild(sev);
          tr.appendChild(el('td', null, f.inspector));
          var rule = el('td', 'rule', f.rule);
          var r = data.rules[f.rule];
          if (r) { rule.title = r.title; }
          tr.appendChild(rule);
          tr.appendChild(el('td', 'path', f.path === undefined ? '\\u2014' : f.path));
          tr.appendChild(layerCell(f));
          var msg = el('td', null, f.message);
          var keys = f.evidence ? Object.keys(f.evidence) : [];
          if (keys.length) {
            var pairs = keys.map(function (k) { return k + '=' + f.evidence[k]; });
            msg.appendChild(el('div', 'small mono', pairs.join('  ')));
          }
          if (withReason) {
            var until = f.expires ? ' (until ' + f.expires + ')' : '';
            msg.appendChild(el('div', 'small', 'waived: ' + f.reason + until));
          }
          tr.appendChild(msg);
          return tr;
        }
        var tbody = document.querySelector('#findings-table tbody');
        var rows = data.findings.map(function (f) { var tr = row(f, false); tbody.appendChild(tr); return tr; });
        var wbody = document.querySelector('#waived-table tbody');
        data.waived.forEach(function (f) { wbody.appendChild(row(f, true)); });
        var select = document.getElementById('inspector-filter');
        var inspectors = [];
        data.findings.forEach(function (f) {
          if (inspectors.indexOf(f.inspector) < 0) { inspectors.push(f.inspector); }
        });
        inspectors.sort().forEach(function (i) { var o = el('option', null, i); o.value = i; select.appendChild(o); });
        var boxes = Array.prototype.slice.call(document.querySelectorAll('#severity-filter input'));
        var shown = document.getElementById('shown');
        function apply() {
          var on = {};
          boxes.forEach(function (b) { on[b.value] = b.checked; });
          var inspector = select.value;
          var n = 0;
          rows.forEach(function (tr) {
            var visible = on[tr.getAttribute('data-severity')] === true
                && (inspector === '' || tr.getAttribute('data-inspector') === inspector);
            tr.hidden = !visible;
            if (visible) { n++; }
          });
          shown.textContent = n + ' of ' + rows.length + ' findings shown';
        }
        boxes.forEach(function (b) { b.addEventListener('change', apply); });
        select.addEventListener('change', apply);
        document.getElementById('findings-table').hidden = rows.length === 0;
        document.getElementById('no-findings').hidden = rows.length !== 0;
        document.getElementById('waived').hidden = data.waived.length === 0;
        apply();
      })();
      """;

  private static final String CSP = "default-src 'none'; script-src '" + sha256(SCRIPT) + "'; style-src '"
      + sha256(CSS) + "'; img-src data:; base-uri 'none'; form-action 'none'";

  /** The generator factory for the data block: HTML-safe escapes, ASCII only, never closes the page. */
  private static final JsonFactory DATA_JSON = new JsonFactoryBuilder()
      .characterEscapes(new HtmlSafeEscapes())
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  /** Rule-id prefixes whose findings mark the layer they point at, with their labels. */
  private static final Map<String, String> MARKS = new LinkedHashMap<>();

  static {
    MARKS.put("shell", "shell");
    MARKS.put("package-manager", "package manager");
    MARKS.put("secrets", "secret");
  }

  private final RuleCatalog catalog;

  /**
   * A writer describing rules from a catalogue (rule titles as tooltips).
   *
   * @param catalog the rules, e.g. {@link RuleCatalog#builtIn()}
   */
  public HtmlWriter(RuleCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public String format() {
    return "html";
  }

  @Override
  public String fileExtension() {
    return ".html";
  }

  @Override
  public void write(Report report, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    ImageIdentity image = report.image();
    w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    w.write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + CSP + "\">\n");
    w.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    w.write("<meta name=\"referrer\" content=\"no-referrer\">\n<link rel=\"icon\" href=\"data:,\">\n");
    w.write("<title>imagecheck " + report.verdict() + ": " + html(image.source()) + "</title>\n");
    w.write("<style>" + CSS + "</style>\n</head>\n<body>\n");

    w.write("<header class=\"verdict v-" + report.verdict() + "\" id=\"verdict\"><h1>" + report.verdict() + "</h1>");
    w.write("<p>" + html(image.source()) + " &middot; <span class=\"mono\">" + html(image.digest().toString())
        + "</span>" + image.platform().map(p -> " &middot; " + html(p.toString())).orElse("") + "</p>");
    w.write("<p>policy <b>" + html(report.policy().name()) + "</b>, fails at <b>" + report.policy().failOn().label()
        + "</b> &middot; " + image.layers().size() + " layers</p></header>\n<main>\n");

    w.write("<section class=\"tiles\" id=\"counts\">");
    for (Map.Entry<Severity, Integer> e : report.summary().findings().entrySet()) {
      w.write("<div class=\"tile t-" + e.getKey().label() + "\"><b>" + e.getValue() + "</b>" + e.getKey().label()
          + "</div>");
    }
    w.write("<div class=\"tile t-waived\"><b>" + report.summary().waived() + "</b>waived</div></section>\n");

    writeLayers(w, report);
    writePackages(w, report);
    writeFindings(w, report);
    writeInspectors(w, report);

    if (!report.notes().isEmpty()) {
      w.write("<section id=\"notes\"><h2>Notes</h2><ul>");
      for (String n : report.notes()) {
        w.write("<li>" + html(n) + "</li>");
      }
      w.write("</ul></section>\n");
    }
    w.write("<footer>imagecheck " + html(report.toolVersion()) + " &middot; report schema "
        + html(report.schemaVersion()) + " &middot; config <span class=\"mono\">"
        + html(image.configDigest().toString()) + "</span></footer>\n</main>\n");

    w.write("<script type=\"application/json\" id=\"" + DATA_ID + "\">");
    w.flush();
    writeData(w, report);
    w.write("</script>\n<script>" + SCRIPT + "</script>\n</body>\n</html>\n");
    w.flush();
  }

  private static void writeLayers(Writer w, Report report) throws IOException {
    List<LayerInfo> layers = report.image().layers();
    Map<Integer, Set<String>> marks = new TreeMap<>();
    List<Finding> all = new java.util.ArrayList<>(report.findings());
    report.waived().forEach(wf -> all.add(wf.finding()));
    for (Finding f : all) {
      String area = f.ruleId().contains(".") ? f.ruleId().substring(0, f.ruleId().indexOf('.')) : f.ruleId();
      if (MARKS.containsKey(area) && f.origin().isPresent()) {
        marks.computeIfAbsent(f.origin().get().layerIndex(), k -> new java.util.TreeSet<>()).add(area);
      }
    }
    w.write("<section id=\"layers\"><h2>Layers</h2>\n");
    if (layers.isEmpty()) {
      w.write("<p class=\"empty\">The image has no layers.</p></section>\n");
      return;
    }
    long max = 1;
    for (LayerInfo l : layers) {
      max = Math.max(max, l.size());
    }
    int rowHeight = 40;
    int width = 900;
    int barMax = 560;
    int height = rowHeight * layers.size() + 10;
    w.write("<svg id=\"layer-chart\" role=\"img\" aria-label=\"Compressed size of each layer\" width=\"100%\""
        + " viewBox=\"0 0 " + width + " " + height + "\" preserveAspectRatio=\"xMinYMin meet\">\n");
    for (LayerInfo l : layers) {
      int y = l.index() * rowHeight + 4;
      Set<String> areas = marks.getOrDefault(l.index(), Set.of());
      String step = l.historyIndex().map(h -> ", step " + (h + 1)).orElse("");
      String cmd = l.createdBy().map(String::strip).orElse("");
      String shortCmd = cmd.length() > 110 ? cmd.substring(0, 110) + "…" : cmd;
      long barWidth = Math.max(2, Math.round((double) l.size() / max * barMax));
      w.write("<g class=\"layer\" data-layer=\"" + (l.index() + 1) + "\" data-marks=\"" + String.join(" ", areas)
          + "\"><title>" + html("Layer " + (l.index() + 1) + step + ": " + (cmd.isEmpty() ? "(no history)" : cmd)
              + " — " + l.digest() + ", " + human(l.size()) + " compressed") + "</title>");
      w.write("<text x=\"0\" y=\"" + (y + 12) + "\"><tspan font-weight=\"600\">Layer " + (l.index() + 1)
          + html(step) + "</tspan> <tspan class=\"muted\">" + html(shortCmd) + "</tspan></text>");
      w.write("<rect class=\"bar" + (areas.isEmpty() ? "" : " marked") + "\" x=\"0\" y=\"" + (y + 18) + "\" width=\""
          + barWidth + "\" height=\"14\" rx=\"2\"></rect>");
      long x = barWidth + 8;
      w.write("<text x=\"" + x + "\" y=\"" + (y + 29) + "\">" + human(l.size()) + "</text>");
      x += 78;
      for (String area : areas) {
        String label = MARKS.get(area);
        int bw = label.length() * 7 + 12;
        w.write("<rect class=\"badge-" + area + "\" x=\"" + x + "\" y=\"" + (y + 17) + "\" width=\"" + bw
            + "\" height=\"16\" rx=\"8\"></rect><text class=\"badge-text\" x=\"" + (x + 6) + "\" y=\"" + (y + 29)
            + "\">" + label + "</text>");
        x += bw + 6;
      }
      w.write("</g>\n");
    }
    w.write("</svg>\n<p class=\"legend small\">Bar length: compressed layer size. Marked layers brought in "
        + "<span><i class=\"sw sw-shell\"></i>a shell</span><span><i class=\"sw sw-package-manager\"></i>"
        + "a package manager</span><span><i class=\"sw sw-secrets\"></i>a secret</span> (findings pointing at "
        + "the layer, waived ones included).</p></section>\n");
  }

  private static void writePackages(Writer w, Report report) throws IOException {
    Map<String, Integer> counts = PackageInventories.countsByEcosystem(report);
    w.write("<section id=\"packages\"><h2>Packages</h2>\n");
    if (counts.isEmpty()) {
      w.write("<p class=\"empty\">No package inventory in this report"
          + (report.result(PackageInventories.INSPECTOR).isEmpty() ? " (the packages inspector did not run)" : "")
          + ".</p></section>\n");
      return;
    }
    int max = 1;
    int total = 0;
    for (int c : counts.values()) {
      max = Math.max(max, c);
      total += c;
    }
    int rowHeight = 26;
    w.write("<svg id=\"package-chart\" role=\"img\" aria-label=\"Installed packages per ecosystem\" width=\"100%\""
        + " viewBox=\"0 0 900 " + (rowHeight * counts.size() + 6) + "\" preserveAspectRatio=\"xMinYMin meet\">\n");
    int i = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      int y = i * rowHeight + 3;
      long bar = Math.max(2, Math.round((double) e.getValue() / max * 600));
      w.write("<g class=\"ecosystem\" data-ecosystem=\"" + html(e.getKey()) + "\" data-count=\"" + e.getValue()
          + "\"><text x=\"0\" y=\"" + (y + 15) + "\">" + html(e.getKey()) + "</text><rect class=\"eco\" x=\"120\" y=\""
          + (y + 3) + "\" width=\"" + bar + "\" height=\"16\" rx=\"2\"></rect><text x=\"" + (128 + bar) + "\" y=\""
          + (y + 15) + "\">" + e.getValue() + "</text></g>\n");
      i++;
    }
    w.write("</svg>\n<p class=\"small\">" + total + " packages in " + counts.size() + " ecosystem"
        + (counts.size() == 1 ? "" : "s") + ".</p></section>\n");
  }

  private static void writeFindings(Writer w, Report report) throws IOException {
    Map<Severity, Integer> counts = report.summary().findings();
    w.write("<section id=\"findings\"><h2>Findings</h2>\n<div id=\"filters\"><fieldset id=\"severity-filter\">"
        + "<legend>Severity</legend>");
    for (Severity s : Severity.values()) {
      w.write("<label><input type=\"checkbox\" id=\"sev-" + s.label() + "\" value=\"" + s.label() + "\" checked> "
          + s.label() + " (" + counts.getOrDefault(s, 0) + ")</label>");
    }
    w.write("</fieldset><label>Inspector <select id=\"inspector-filter\"><option value=\"\">all</option></select>"
        + "</label><span id=\"shown\" class=\"small\"></span></div>\n");
    w.write("<noscript><p>The findings table needs JavaScript; the counts above are complete.</p></noscript>\n");
    w.write("<p id=\"no-findings\" class=\"empty\" hidden>No findings.</p>\n");
    w.write("<table id=\"findings-table\"><thead><tr><th>Severity</th><th>Inspector</th><th>Rule</th><th>Path</th>"
        + "<th>Layer</th><th>Message</th></tr></thead><tbody></tbody></table>\n");
    w.write("<div id=\"waived\" hidden><h2>Waived</h2><table id=\"waived-table\"><thead><tr><th>Severity</th>"
        + "<th>Inspector</th><th>Rule</th><th>Path</th><th>Layer</th><th>Message</th></tr></thead><tbody></tbody>"
        + "</table></div></section>\n");
  }

  private static void writeInspectors(Writer w, Report report) throws IOException {
    w.write("<section id=\"inspectors\"><h2>Inspectors</h2><table><thead><tr><th>Inspector</th><th>Status</th>"
        + "<th>Findings</th><th>Detail</th></tr></thead><tbody>\n");
    for (InspectorResult r : report.results()) {
      String detail = switch (r.status()) {
        case ERROR -> r.error().orElse("");
        case SKIPPED -> r.fact("skipReason").map(Object::toString).orElse("");
        default -> "";
      };
      w.write("<tr data-status=\"" + r.status() + "\"><td class=\"mono\">" + html(r.inspector()) + "</td><td>"
          + r.status() + "</td><td>" + r.findings().size() + "</td><td>" + html(detail) + "</td></tr>\n");
    }
    w.write("</tbody></table></section>\n");
  }

  private void writeData(Writer w, Report report) throws IOException {
    try (JsonGenerator g = DATA_JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("verdict", report.verdict().name());
      g.writeStringField("source", report.image().source());
      g.writeStringField("digest", report.image().digest().toString());
      g.writeArrayFieldStart("findings");
      List<Finding> findings = new java.util.ArrayList<>(report.findings());
      findings.sort(java.util.Comparator.comparing(Finding::severity));
      for (Finding f : findings) {
        writeFinding(g, f);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("waived");
      for (WaivedFinding wf : report.waived()) {
        writeFinding(g, wf.finding());
        g.writeStringField("reason", wf.waiver().reason());
        if (wf.waiver().expires().isPresent()) {
          g.writeStringField("expires", wf.waiver().expires().get().toString());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("rules");
      for (RuleInfo r : catalog.rulesFor(report)) {
        g.writeObjectFieldStart(r.id());
        g.writeStringField("title", r.title());
        g.writeStringField("inspector", r.inspector());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  /** Starts an object with a finding's fields, left open for the caller to add to and close. */
  private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("severity", f.severity().label());
    g.writeStringField("inspector", f.inspector());
    g.writeStringField("rule", f.ruleId());
    g.writeStringField("message", f.message());
    if (f.path().isPresent()) {
      g.writeStringField("path", f.path().get());
    }
    if (f.origin().isPresent()) {
      Origin o = f.origin().get();
      g.writeNumberField("layer", o.layerNumber());
      if (o.historyStep().isPresent()) {
        g.writeNumberField("step", o.historyStep().get());
      }
      if (o.createdBy().isPresent()) {
        g.writeStringField("createdBy", o.createdBy().get().strip());
      }
      g.writeStringField("layerDigest", o.layerDigest().toString());
    }
    if (!f.evidence().isEmpty()) {
      g.writeObjectFieldStart("evidence");
      for (Map.Entry<String, String> e : f.evidence().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
  }

  /**
   * Text as HTML character data or attribute value: {@code & < > " '} as references, control characters
   * (other than tab and line feed) as U+FFFD.
   *
   * @param s the text
   * @return the escaped text
   */
  static String html(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        case '\t', '\n' -> b.append(c);
        default -> b.append((c < 0x20 || (c >= 0x7f && c < 0xa0)) ? '\uFFFD' : c);
      }
    }
    return b.toString();
  }

  private static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }

  private static String sha256(String s) {
    byte[] hash = Digest.newMessageDigest(Digest.SHA256).digest(s.getBytes(StandardCharsets.UTF_8));
    return "sha256-" + Base64.getEncoder().encodeToString(hash);
  }
}
