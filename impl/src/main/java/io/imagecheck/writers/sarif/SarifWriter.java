package io.imagecheck.writers.sarif;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.imagecheck.fs.Origin;
import io.imagecheck.image.Digest;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.internal.json.Json;
import io.imagecheck.policy.Waiver;
import io.imagecheck.report.ImageIdentity;
import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import io.imagecheck.report.Verdict;
import io.imagecheck.report.WaivedFinding;
import io.imagecheck.writers.support.RuleCatalog;
import io.imagecheck.writers.support.RuleInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes a report as a SARIF 2.1.0 log, for code-scanning dashboards (GitHub code scanning, Azure DevOps,
 * SARIF viewers).
 *
 * <p>One run; {@code tool.driver.rules} has one entry per rule of the inspectors in the report (from the
 * {@link RuleCatalog}, with a stand-in for unknown rule ids), each with a short and full description, a help
 * text, a default level and {@code properties.security-severity}. One result per finding:
 *
 * <ul>
 *   <li><b>level</b>: CRITICAL and HIGH give {@code error}, MEDIUM {@code warning}, LOW and INFO
 *       {@code note}. GitHub ranks alerts by the rule's {@code properties.security-severity}, a number as a
 *       string: CRITICAL 9.5, HIGH 8.0, MEDIUM 5.5, LOW 3.0, INFO 0.0. A rule's value is the most severe
 *       severity its findings have in this report (so a policy override shows), else its default.
 *   <li><b>location</b>: the path inside the image as a URI relative to the base id {@value #URI_BASE_ID}:
 *       {@code /usr/bin/curl} becomes {@code uri: "usr/bin/curl", uriBaseId: "IMAGE_ROOT"} (GitHub
 *       accepts only relative paths; characters outside RFC 3986's unreserved set and {@code /} are
 *       percent-encoded as UTF-8). {@code run.originalUriBaseIds.IMAGE_ROOT} names the image (source
 *       reference and manifest digest) in its description and has no {@code uri}, since the image root is
 *       not addressable as a URL. A finding about the image as a whole (no path, e.g. running as root)
 *       points at {@code uri: "."}, the image root itself.
 *   <li><b>fingerprint</b>: {@code partialFingerprints["imagecheckFinding/v1"]} is the SHA-256 (hex) of
 *       the rule id, the path and the {@code resolvedTarget} evidence (or, for a finding without a path,
 *       the rule id and the message). The layer digest is left out on purpose: a rebuilt image has new
 *       layer digests, and its same shell at the same path must match the earlier alert.
 *   <li><b>properties</b>: {@code severity}, {@code inspector}, {@code path}, the origin
 *       ({@code layerIndex}, {@code layerNumber}, {@code layerDigest}, {@code layerDiffId},
 *       {@code historyStep}, {@code createdBy}) and {@code evidence}.
 *   <li>Waived findings are results too, with a {@code suppressions} entry (kind {@code external},
 *       status {@code accepted}, the waiver's reason as justification).
 * </ul>
 *
 * <p>Inspectors that errored or were skipped, and the report's notes, are
 * {@code invocations[0].toolExecutionNotifications}; {@code executionSuccessful} is false for an
 * INCOMPLETE verdict. The image, policy, verdict and counts are {@code run.properties}.
 *
 * <p>Streams with a Jackson generator. Thread-safe (stateless).
 */
public final class SarifWriter implements ReportWriter {

  /** The {@code $schema} value written. */
  public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  /** The {@code uriBaseId} of every location: the root of the image's filesystem. */
  public static final String URI_BASE_ID = "IMAGE_ROOT";
  /** The key of the fingerprint in {@code partialFingerprints}. */
  public static final String FINGERPRINT_KEY = "imagecheckFinding/v1";

  private final RuleCatalog catalog;

  /**
   * A writer describing rules from a catalogue.
   *
   * @param catalog the rules, e.g. {@link RuleCatalog#builtIn()}
   */
  public SarifWriter(RuleCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public String format() {
    return "sarif";
  }

  @Override
  public String fileExtension() {
    return ".sarif.json";
  }

  @Override
  public void write(Report report, OutputStream out) throws IOException {
    List<RuleInfo> rules = catalog.rulesFor(report);
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      ruleIndex.put(rules.get(i).id(), i);
    }
    Map<String, Severity> mostSevere = new HashMap<>();
    for (Finding f : report.findings()) {
      mostSevere.merge(f.ruleId(), f.severity(), (a, b) -> a.atLeast(b) ? a : b);
    }
    try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("$schema", SCHEMA_URI);
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();

      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", "imagecheck");
      g.writeStringField("version", report.toolVersion());
      g.writeArrayFieldStart("rules");
      for (RuleInfo r : rules) {
        writeRule(g, r, mostSevere.getOrDefault(r.id(), r.defaultSeverity()));
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();

      writeInvocation(g, report);

      g.writeObjectFieldStart("originalUriBaseIds");
      g.writeObjectFieldStart(URI_BASE_ID);
      writeMessage(g, "description", "The root of the filesystem of image " + report.image().source() + " ("
          + report.image().digest() + "); every location is a path inside it.");
      g.writeEndObject();
      g.writeEndObject();

      g.writeArrayFieldStart("results");
      for (InspectorResult r : report.results()) {
        for (Finding f : r.findings()) {
          writeResult(g, f, ruleIndex, null);
        }
      }
      for (WaivedFinding w : report.waived()) {
        writeResult(g, w.finding(), ruleIndex, w.waiver());
      }
      g.writeEndArray();

      writeRunProperties(g, report);
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    }
    out.flush();
  }

  private static void writeRule(JsonGenerator g, RuleInfo r, Severity effective) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", r.id());
    g.writeStringField("name", r.id());
    writeMessage(g, "shortDescription", r.title());
    writeMessage(g, "fullDescription", r.description());
    g.writeObjectFieldStart("help");
    g.writeStringField("text", r.help());
    g.writeStringField("markdown", "**" + markdownEscape(r.title()) + "**\n\n" + markdownEscape(r.description())
        + "\n\n" + markdownEscape(r.help()));
    g.writeEndObject();
    g.writeObjectFieldStart("defaultConfiguration");
    g.writeStringField("level", level(r.defaultSeverity()));
    g.writeEndObject();
    g.writeObjectFieldStart("properties");
    g.writeArrayFieldStart("tags");
    g.writeString("security");
    g.writeString("container-image");
    g.writeString(r.inspector());
    g.writeEndArray();
    g.writeStringField("security-severity", securitySeverity(effective));
    g.writeStringField("inspector", r.inspector());
    g.writeStringField("defaultSeverity", r.defaultSeverity().label());
    g.writeBooleanField("known", r.known());
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeInvocation(JsonGenerator g, Report report) throws IOException {
    g.writeArrayFieldStart("invocations");
    g.writeStartObject();
    g.writeBooleanField("executionSuccessful", report.verdict() != Verdict.INCOMPLETE);
    g.writeArrayFieldStart("toolExecutionNotifications");
    for (InspectorResult r : report.results()) {
      if (r.status() == InspectorResult.Status.ERROR) {
        writeNotification(g, "error", r.inspector(),
            "inspector " + r.inspector() + " could not run: " + r.error().orElse("unknown error"));
      } else if (r.status() == InspectorResult.Status.SKIPPED) {
        writeNotification(g, "note", r.inspector(), "inspector " + r.inspector() + " was not run: "
            + r.fact("skipReason").map(Object::toString).orElse("skipped"));
      }
    }
    for (String note : report.notes()) {
      writeNotification(g, "warning", null, note);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
  }

  private static void writeNotification(JsonGenerator g, String level, @Nullable String inspector, String text)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("level", level);
    writeMessage(g, "message", text);
    if (inspector != null) {
      g.writeObjectFieldStart("descriptor");
      g.writeStringField("id", inspector);
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeResult(JsonGenerator g, Finding f, Map<String, Integer> ruleIndex,
      @Nullable Waiver waiver) throws IOException {
    g.writeStartObject();
    g.writeStringField("ruleId", f.ruleId());
    Integer index = ruleIndex.get(f.ruleId());
    if (index != null) {
      g.writeNumberField("ruleIndex", index);
    }
    g.writeStringField("level", level(f.severity()));
    writeMessage(g, "message", f.message());
    g.writeArrayFieldStart("locations");
    g.writeStartObject();
    g.writeObjectFieldStart("physicalLocation");
    g.writeObjectFieldStart("artifactLocation");
    g.writeStringField("uri", f.path().map(SarifWriter::relativeUri).orElse("."));
    g.writeStringField("uriBaseId", URI_BASE_ID);
    g.writeEndObject();
    g.writeEndObject();
    if (f.path().isEmpty()) {
      writeMessage(g, "message", "the image as a whole (its configuration)");
    }
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectFieldStart("partialFingerprints");
    g.writeStringField(FINGERPRINT_KEY, fingerprint(f));
    g.writeEndObject();
    if (waiver != null) {
      g.writeArrayFieldStart("suppressions");
      g.writeStartObject();
      g.writeStringField("kind", "external");
      g.writeStringField("status", "accepted");
      g.writeStringField("justification", waiver.reason()
          + waiver.expires().map(d -> " (waived until " + d + ")").orElse(""));
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeObjectFieldStart("properties");
    g.writeStringField("severity", f.severity().label());
    g.writeStringField("inspector", f.inspector());
    if (f.path().isPresent()) {
      g.writeStringField("path", f.path().get());
    }
    if (f.origin().isPresent()) {
      Origin o = f.origin().get();
      g.writeNumberField("layerIndex", o.layerIndex());
      g.writeNumberField("layerNumber", o.layerNumber());
      g.writeStringField("layerDigest", o.layerDigest().toString());
      g.writeStringField("layerDiffId", o.diffId().toString());
      if (o.historyStep().isPresent()) {
        g.writeNumberField("historyStep", o.historyStep().get());
      }
      if (o.createdBy().isPresent()) {
        g.writeStringField("createdBy", o.createdBy().get());
      }
    }
    if (!f.evidence().isEmpty()) {
      g.writeObjectFieldStart("evidence");
      for (Map.Entry<String, String> e : f.evidence().entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeRunProperties(JsonGenerator g, Report report) throws IOException {
    ImageIdentity image = report.image();
    g.writeObjectFieldStart("properties");
    g.writeObjectFieldStart("image");
    g.writeStringField("source", image.source());
    g.writeStringField("digest", image.digest().toString());
    g.writeStringField("configDigest", image.configDigest().toString());
    if (image.indexDigest().isPresent()) {
      g.writeStringField("indexDigest", image.indexDigest().get().toString());
    }
    if (image.platform().isPresent()) {
      g.writeStringField("platform", image.platform().get().toString());
    }
    g.writeNumberField("layers", image.layers().size());
    g.writeEndObject();
    g.writeStringField("policy", report.policy().name());
    g.writeStringField("failOn", report.policy().failOn().label());
    g.writeStringField("verdict", report.verdict().name());
    g.writeStringField("reportSchemaVersion", report.schemaVersion());
    g.writeObjectFieldStart("findings");
    for (Map.Entry<Severity, Integer> e : report.summary().findings().entrySet()) {
      g.writeNumberField(e.getKey().label(), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("waived", report.summary().waived());
    g.writeEndObject();
  }

  private static void writeMessage(JsonGenerator g, String field, String text) throws IOException {
    g.writeObjectFieldStart(field);
    g.writeStringField("text", text);
    g.writeEndObject();
  }

  /**
   * The SARIF level of a severity.
   *
   * @param severity the severity
   * @return {@code error}, {@code warning} or {@code note}
   */
  public static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /**
   * The GitHub {@code security-severity} score of a severity.
   *
   * @param severity the severity
   * @return a number between 0.0 and 10.0, as a string
   */
  public static String securitySeverity(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "0.0";
    };
  }

  /**
   * The location URI of a path inside the image: relative (no leading slash), percent-encoded.
   *
   * @param path an absolute path inside the image, e.g. {@code /usr/bin/curl}
   * @return e.g. {@code usr/bin/curl}; {@code .} for the root
   */
  public static String relativeUri(String path) {
    String p = path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.isEmpty()) {
      return ".";
    }
    StringBuilder b = new StringBuilder(p.length() + 8);
    for (byte x : p.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
      if (unreserved) {
        b.append((char) c);
      } else {
        b.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return b.toString();
  }

  /**
   * The stable fingerprint of a finding (see the class comment).
   *
   * @param f the finding
   * @return 64 hex digits
   */
  public static String fingerprint(Finding f) {
    String key = f.path()
        .map(p -> f.ruleId() + "\n" + p + "\n" + f.evidence().getOrDefault("resolvedTarget", ""))
        .orElseGet(() -> f.ruleId() + "\n\n\n" + f.message());
    MessageDigest sha = Digest.newMessageDigest(Digest.SHA256);
    return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  private static String markdownEscape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ("\\`*_{}[]<>()#+!|".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }
}
