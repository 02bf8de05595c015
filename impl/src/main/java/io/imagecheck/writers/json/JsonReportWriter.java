package io.imagecheck.writers.json;

import io.imagecheck.report.Verdict;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.imagecheck.fs.Origin;
import io.imagecheck.fs.PathGlob;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Platform;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.inspect.Severity;
import io.imagecheck.internal.json.Json;
import io.imagecheck.policy.Policy;
import io.imagecheck.policy.Waiver;
import io.imagecheck.report.ImageIdentity;
import io.imagecheck.report.LayerInfo;
import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import io.imagecheck.report.Summary;
import io.imagecheck.report.WaivedFinding;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes reports as JSON (format {@code json}), streaming with Jackson's {@link JsonGenerator}: no tree
 * and no string of the whole document is built. Field names are camelCase and stable; the document is
 * described by the JSON Schema {@value #SCHEMA_RESOURCE} (in the repository:
 * {@code docs/schema/report-1.0.schema.json}; the format is explained in {@code docs/report-json.md}).
 *
 * <p>One report:
 *
 * <pre>{@code
 * {
 *   "schemaVersion": "1.0",
 *   "toolVersion": "0.1.0",
 *   "image": {"source": "oci:app:latest", "digest": "sha256:...", "configDigest": "sha256:...",
 *             "manifestSynthesized": false, "platform": {"os": "linux", "architecture": "amd64"},
 *             "layers": [{"index": 0, "digest": "sha256:...", "diffId": "sha256:...", "mediaType": "...",
 *                         "size": 1234, "historyStep": 1, "createdBy": "ADD rootfs.tar /"}]},
 *   "policy": {"name": "hardened", "failOn": "high", ...},
 *   "verdict": "FAIL",
 *   "summary": {"total": 1, "findings": {"critical": 0, "high": 1, ...}, "waived": 0, ...},
 *   "results": [{"inspector": "shell", "status": "FAIL", "facts": {...},
 *                "findings": [{"ruleId": "shell.present", "severity": "high", "message": "...",
 *                              "path": "/bin/sh", "layer": {"index": 0, ...}, "evidence": {...}}]}],
 *   "waived": [],
 *   "notes": []
 * }
 * }</pre>
 *
 * <p>Several reports (every platform of an index, {@link #writeAll(List, OutputStream)}) are one object
 * with the worst {@code verdict} and a {@code reports} array.
 *
 * <p>Absent values ({@link Optional#empty()}) are left out rather than written as {@code null}. Facts are
 * written deliberately, never by reflection: strings, numbers, booleans, null, lists, maps with string keys,
 * {@link InstalledPackage} (as in {@code docs/report-json.md}), {@link Origin} (as the {@code layer} object
 * findings use), {@link Digest}, {@link Platform}, {@link PathGlob}, {@link Severity} (its label) and other
 * enums (their name). Any other fact value is a bug of the inspector that produced it: {@link #write}
 * throws {@link IllegalArgumentException} before writing anything.
 *
 * <p>Strings are written as they are (JSON escapes control characters); an unpaired surrogate, which
 * has no UTF-8 form, becomes U+FFFD.
 *
 * <p>Thread-safe (stateless).
 */
public final class JsonReportWriter implements ReportWriter {

  /** The format name. */
  public static final String FORMAT = "json";

  /** The class-path resource holding the report's JSON Schema. */
  public static final String SCHEMA_RESOURCE = "/io/imagecheck/writers/json/report-1.0.schema.json";

  /** The schema's {@code $id}. */
  public static final String SCHEMA_ID = "urn:imagecheck:schema:report:1.0";

  /** How deep facts may nest (the readers' default limit, so that our own output can be read back). */
  private static final int MAX_FACT_DEPTH = Json.DEFAULT_DEPTH - 8;

  /** Creates the writer. */
  public JsonReportWriter() {}

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public String fileExtension() {
    return ".json";
  }

  /**
   * Writes one report.
   *
   * @param report the report
   * @param out where to write UTF-8 JSON; flushed, not closed
   * @throws IOException when writing fails
   * @throws IllegalArgumentException when a fact is not JSON-shaped (an inspector bug), before anything
   *     is written
   */
  @Override
  public void write(Report report, OutputStream out) throws IOException {
    Objects.requireNonNull(report, "report");
    checkFacts(report);
    try (JsonGenerator g = generator(out)) {
      report(g, report);
    }
    out.write('\n');
    out.flush();
  }

  /**
   * Writes several reports of one source (e.g. every platform of an index) as one document:
   * {@code {"schemaVersion", "toolVersion", "source", "verdict" (the worst), "reports": [...]}}.
   *
   * @param reports the reports, at least one
   * @param out where to write UTF-8 JSON; flushed, not closed
   * @throws IOException when writing fails
   * @throws IllegalArgumentException when {@code reports} is empty or a fact is not JSON-shaped
   */
  public void writeAll(List<Report> reports, OutputStream out) throws IOException {
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("no reports to write");
    }
    for (Report r : reports) {
      checkFacts(r);
    }
    Report first = reports.get(0);
    try (JsonGenerator g = generator(out)) {
      g.writeStartObject();
      g.writeStringField("schemaVersion", first.schemaVersion());
      string(g, "toolVersion", first.toolVersion());
      string(g, "source", first.image().source());
      g.writeStringField("verdict", Verdict.worst(reports).name());
      g.writeArrayFieldStart("reports");
      for (Report r : reports) {
        report(g, r);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static JsonGenerator generator(OutputStream out) throws IOException {
    JsonGenerator g = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8);
    g.setCharacterEscapes(Json.TERMINAL_SAFE);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    g.setPrettyPrinter(new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter));
    return g;
  }

  private static void report(JsonGenerator g, Report r) throws IOException {
    g.writeStartObject();
    g.writeStringField("schemaVersion", r.schemaVersion());
    string(g, "toolVersion", r.toolVersion());
    image(g, r.image());
    policy(g, r.policy());
    g.writeStringField("verdict", r.verdict().name());
    summary(g, r.summary());
    g.writeArrayFieldStart("results");
    for (InspectorResult result : r.results()) {
      result(g, result);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("waived");
    for (WaivedFinding w : r.waived()) {
      g.writeStartObject();
      string(g, "inspector", w.finding().inspector());
      findingFields(g, w.finding());
      g.writeFieldName("waiver");
      waiver(g, w.waiver());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("notes");
    for (String note : r.notes()) {
      g.writeString(clean(note));
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void image(JsonGenerator g, ImageIdentity image) throws IOException {
    g.writeObjectFieldStart("image");
    string(g, "source", image.source());
    g.writeStringField("digest", image.digest().toString());
    if (image.indexDigest().isPresent()) {
      g.writeStringField("indexDigest", image.indexDigest().get().toString());
    }
    g.writeStringField("configDigest", image.configDigest().toString());
    g.writeBooleanField("manifestSynthesized", image.manifestSynthesized());
    if (image.platform().isPresent()) {
      g.writeFieldName("platform");
      platform(g, image.platform().get());
    }
    g.writeArrayFieldStart("layers");
    for (LayerInfo l : image.layers()) {
      g.writeStartObject();
      g.writeNumberField("index", l.index());
      g.writeStringField("digest", l.digest().toString());
      g.writeStringField("diffId", l.diffId().toString());
      string(g, "mediaType", l.mediaType().toString());
      g.writeNumberField("size", l.size());
      if (l.historyIndex().isPresent()) {
        g.writeNumberField("historyStep", l.historyIndex().get() + 1);
      }
      if (l.createdBy().isPresent()) {
        string(g, "createdBy", l.createdBy().get());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void platform(JsonGenerator g, Platform p) throws IOException {
    g.writeStartObject();
    string(g, "os", p.os());
    string(g, "architecture", p.architecture());
    if (p.variant().isPresent()) {
      string(g, "variant", p.variant().get());
    }
    if (p.osVersion().isPresent()) {
      string(g, "osVersion", p.osVersion().get());
    }
    if (!p.osFeatures().isEmpty()) {
      g.writeArrayFieldStart("osFeatures");
      for (String f : p.osFeatures()) {
        g.writeString(clean(f));
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void policy(JsonGenerator g, Policy p) throws IOException {
    g.writeObjectFieldStart("policy");
    string(g, "name", p.name());
    g.writeStringField("failOn", p.failOn().label());
    g.writeArrayFieldStart("inspectors");
    for (String i : p.inspectors()) {
      g.writeString(clean(i));
    }
    g.writeEndArray();
    g.writeObjectFieldStart("severities");
    for (Map.Entry<String, Severity> e : p.severities().entrySet()) {
      g.writeStringField(clean(e.getKey()), e.getValue().label());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("disabledRules");
    for (String rule : p.disabledRules()) {
      g.writeString(clean(rule));
    }
    g.writeEndArray();
    g.writeArrayFieldStart("waivers");
    for (Waiver w : p.waivers()) {
      waiver(g, w);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("options");
    for (Map.Entry<String, Map<String, Object>> e : p.options().entrySet()) {
      g.writeFieldName(clean(e.getKey()));
      value(g, e.getValue(), 0, "policy option " + e.getKey());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void waiver(JsonGenerator g, Waiver w) throws IOException {
    g.writeStartObject();
    string(g, "rule", w.rule());
    if (w.path().isPresent()) {
      string(g, "path", w.path().get().toString());
    }
    string(g, "reason", w.reason());
    if (w.expires().isPresent()) {
      g.writeStringField("expires", w.expires().get().toString());
    }
    g.writeEndObject();
  }

  private static void summary(JsonGenerator g, Summary s) throws IOException {
    g.writeObjectFieldStart("summary");
    g.writeNumberField("total", s.total());
    g.writeObjectFieldStart("findings");
    for (Severity severity : Severity.values()) {
      g.writeNumberField(severity.label(), s.findings().get(severity));
    }
    g.writeEndObject();
    g.writeNumberField("waived", s.waived());
    g.writeNumberField("inspectorsRun", s.inspectorsRun());
    g.writeNumberField("inspectorsFailed", s.inspectorsFailed());
    g.writeNumberField("inspectorsErrored", s.inspectorsErrored());
    g.writeNumberField("inspectorsSkipped", s.inspectorsSkipped());
    g.writeEndObject();
  }

  private static void result(JsonGenerator g, InspectorResult r) throws IOException {
    g.writeStartObject();
    string(g, "inspector", r.inspector());
    g.writeStringField("status", r.status().name());
    g.writeObjectFieldStart("facts");
    for (Map.Entry<String, Object> fact : r.facts().entrySet()) {
      g.writeFieldName(clean(fact.getKey()));
      value(g, fact.getValue(), 0, where(r, fact.getKey()));
    }
    g.writeEndObject();
    g.writeArrayFieldStart("findings");
    for (Finding f : r.findings()) {
      g.writeStartObject();
      findingFields(g, f);
      g.writeEndObject();
    }
    g.writeEndArray();
    if (r.error().isPresent()) {
      string(g, "error", r.error().get());
    }
    g.writeEndObject();
  }

  private static void findingFields(JsonGenerator g, Finding f) throws IOException {
    string(g, "ruleId", f.ruleId());
    g.writeStringField("severity", f.severity().label());
    string(g, "message", f.message());
    if (f.path().isPresent()) {
      string(g, "path", f.path().get());
    }
    if (f.origin().isPresent()) {
      g.writeFieldName("layer");
      layer(g, f.origin().get());
    }
    g.writeObjectFieldStart("evidence");
    for (Map.Entry<String, String> e : f.evidence().entrySet()) {
      string(g, clean(e.getKey()), e.getValue());
    }
    g.writeEndObject();
  }

  /** An {@link Origin} as the {@code layer} object of findings and packages. */
  private static void layer(JsonGenerator g, Origin o) throws IOException {
    g.writeStartObject();
    g.writeNumberField("index", o.layerIndex());
    g.writeStringField("digest", o.layerDigest().toString());
    g.writeStringField("diffId", o.diffId().toString());
    if (o.historyStep().isPresent()) {
      g.writeNumberField("historyStep", o.historyStep().get());
    }
    if (o.createdBy().isPresent()) {
      string(g, "createdBy", o.createdBy().get());
    }
    g.writeEndObject();
  }

  private static void installedPackage(JsonGenerator g, InstalledPackage p) throws IOException {
    g.writeStartObject();
    string(g, "ecosystem", p.ecosystem());
    string(g, "name", p.name());
    string(g, "version", p.version());
    if (p.arch().isPresent()) {
      string(g, "arch", p.arch().get());
    }
    if (p.license().isPresent()) {
      string(g, "license", p.license().get());
    }
    string(g, "purl", p.purl());
    string(g, "sourcePath", p.sourcePath());
    if (p.origin().isPresent()) {
      g.writeFieldName("layer");
      layer(g, p.origin().get());
    }
    g.writeObjectFieldStart("metadata");
    for (Map.Entry<String, String> e : p.metadata().entrySet()) {
      string(g, clean(e.getKey()), e.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void checkFacts(Report r) throws IOException {
    for (InspectorResult result : r.results()) {
      for (Map.Entry<String, Object> fact : result.facts().entrySet()) {
        value(null, fact.getValue(), 0, where(result, fact.getKey()));
      }
    }
    for (Map.Entry<String, Map<String, Object>> e : r.policy().options().entrySet()) {
      value(null, e.getValue(), 0, "policy option " + e.getKey());
    }
  }

  private static String where(InspectorResult r, String fact) {
    return "fact \"" + fact + "\" of inspector " + r.inspector();
  }

  /**
   * Writes a JSON-shaped value, or (with a null generator) only checks that it is one.
   */
  private static void value(@Nullable JsonGenerator g, @Nullable Object v, int depth, String where)
      throws IOException {
    if (depth > MAX_FACT_DEPTH) {
      throw new IllegalArgumentException(where + " nests deeper than " + MAX_FACT_DEPTH + " levels");
    }
    if (v == null) {
      if (g != null) {
        g.writeNull();
      }
    } else if (v instanceof String s) {
      if (g != null) {
        g.writeString(clean(s));
      }
    } else if (v instanceof Boolean b) {
      if (g != null) {
        g.writeBoolean(b);
      }
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      if (g != null) {
        g.writeNumber(((Number) v).longValue());
      }
    } else if (v instanceof BigInteger n) {
      if (g != null) {
        g.writeNumber(n);
      }
    } else if (v instanceof BigDecimal n) {
      if (g != null) {
        g.writeNumber(n);
      }
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(where + " holds " + d + ", which JSON cannot represent");
      }
      if (g != null) {
        g.writeNumber(d);
      }
    } else if (v instanceof Map<?, ?> m) {
      if (g != null) {
        g.writeStartObject();
      }
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(where + " has a map key of type "
              + (e.getKey() == null ? "null" : e.getKey().getClass().getName()) + "; JSON keys are strings");
        }
        if (g != null) {
          g.writeFieldName(clean(key));
        }
        value(g, e.getValue(), depth + 1, where);
      }
      if (g != null) {
        g.writeEndObject();
      }
    } else if (v instanceof Collection<?> c) {
      if (g != null) {
        g.writeStartArray();
      }
      for (Object item : c) {
        value(g, item, depth + 1, where);
      }
      if (g != null) {
        g.writeEndArray();
      }
    } else if (v instanceof Optional<?> o) {
      value(g, o.orElse(null), depth, where);
    } else if (v instanceof InstalledPackage p) {
      if (g != null) {
        installedPackage(g, p);
      }
    } else if (v instanceof Origin o) {
      if (g != null) {
        layer(g, o);
      }
    } else if (v instanceof Platform p) {
      if (g != null) {
        platform(g, p);
      }
    } else if (v instanceof Severity s) {
      if (g != null) {
        g.writeString(s.label());
      }
    } else if (v instanceof Enum<?> e) {
      if (g != null) {
        g.writeString(e.name());
      }
    } else if (v instanceof Digest || v instanceof PathGlob) {
      if (g != null) {
        g.writeString(clean(v.toString()));
      }
    } else {
      throw new IllegalArgumentException(where + " holds a " + v.getClass().getName()
          + ", which is not JSON-shaped (strings, numbers, booleans, lists, maps with string keys, "
          + "InstalledPackage, Origin, Digest, Platform)");
    }
  }

  private static void string(JsonGenerator g, String field, String value) throws IOException {
    g.writeStringField(field, clean(value));
  }

  /** Replaces unpaired surrogates (no UTF-8 form) with U+FFFD; other text is written as it is. */
  private static String clean(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        StringBuilder b = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
          char c = s.charAt(k);
          if (Character.isHighSurrogate(c) && k + 1 < n && Character.isLowSurrogate(s.charAt(k + 1))) {
            b.append(c).append(s.charAt(++k));
          } else {
            b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
          }
        }
        return b.toString();
      }
    }
    return s;
  }
}
