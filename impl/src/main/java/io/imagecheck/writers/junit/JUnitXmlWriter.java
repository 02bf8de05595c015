package io.imagecheck.writers.junit;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.ImageIdentity;
import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import io.imagecheck.report.WaivedFinding;
import io.imagecheck.writers.support.RuleCatalog;
import io.imagecheck.writers.support.RuleInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a report as JUnit XML (the Ant/Surefire shape Jenkins, GitLab, GitHub Actions test reporters and
 * container-structure-test users read), so a scan shows up next to the tests of a CI run.
 *
 * <ul>
 *   <li>{@code <testsuites>} for the image; one {@code <testsuite name="imagecheck.INSPECTOR">} per
 *       inspector of the report, with {@code <properties>} naming the image (source, manifest and config
 *       digests, platform), the policy, its threshold, the verdict and the inspector's status.
 *   <li>One {@code <testcase classname="imagecheck.INSPECTOR" name="RULE-ID">} per rule of the inspector
 *       (from the {@link RuleCatalog}, plus any rule id its findings carry that the catalogue lacks). An
 *       inspector without any known rule gets one test case named after itself.
 *   <li>A rule with effective findings at or above the policy's fail threshold has a {@code <failure>}
 *       ({@code type} is the most severe severity, the text lists every finding: message, path, layer and
 *       history step, evidence). Findings below the threshold and waived findings go to the test case's
 *       {@code <system-out>}; the test case passes.
 *   <li>An inspector that could not run gives an {@code <error>} in each of its test cases; a skipped
 *       inspector, or a rule the policy disables, a {@code <skipped>}.
 * </ul>
 *
 * <p>Characters XML 1.0 cannot carry (control characters from hostile file names) are written as
 * <code>&#92;uXXXX</code> text. Streams through the JDK's StAX writer. Thread-safe (stateless).
 */
public final class JUnitXmlWriter implements ReportWriter {

  private final RuleCatalog catalog;

  /**
   * A writer naming test cases after the rules of a catalogue.
   *
   * @param catalog the rules, e.g. {@link RuleCatalog#builtIn()}
   */
  public JUnitXmlWriter(RuleCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public String format() {
    return "junit";
  }

  @Override
  public String fileExtension() {
    return ".junit.xml";
  }

  /** One test case as it will be written. */
  private record Case(String name, Kind kind, String message, String type, String text, String systemOut) {}

  /** The outcome of a test case. */
  private enum Kind { PASS, FAILURE, ERROR, SKIPPED }

  @Override
  public void write(Report report, OutputStream out) throws IOException {
    Map<String, List<RuleInfo>> rules = catalog.rulesByInspector(report);
    Map<String, List<Case>> suites = new LinkedHashMap<>();
    for (InspectorResult r : report.results()) {
      suites.put(r.inspector(), cases(report, r, rules.getOrDefault(r.inspector(), List.of())));
    }
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    for (List<Case> cases : suites.values()) {
      for (Case c : cases) {
        tests++;
        failures += c.kind() == Kind.FAILURE ? 1 : 0;
        errors += c.kind() == Kind.ERROR ? 1 : 0;
        skipped += c.kind() == Kind.SKIPPED ? 1 : 0;
      }
    }
    try {
      XMLStreamWriter x = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      attr(x, "name", "imagecheck " + report.image().source());
      counts(x, tests, failures, errors, skipped);
      int id = 0;
      for (InspectorResult r : report.results()) {
        writeSuite(x, report, r, suites.get(r.inspector()), id++);
      }
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("junit report for " + report.image().source() + ": cannot write XML: "
          + e.getMessage(), e);
    }
    out.flush();
  }

  private List<Case> cases(Report report, InspectorResult r, List<RuleInfo> rules) {
    List<String> names = new ArrayList<>();
    if (rules.isEmpty()) {
      names.add(r.inspector());
    }
    rules.forEach(rule -> names.add(rule.id()));
    List<Case> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      switch (r.status()) {
        case ERROR -> out.add(new Case(name, Kind.ERROR, "inspector " + r.inspector() + " could not run",
            "ERROR", r.error().orElse("unknown error"), ""));
        case SKIPPED -> out.add(new Case(name, Kind.SKIPPED, "inspector " + r.inspector() + " was not run: "
            + r.fact("skipReason").map(Object::toString).orElse("skipped"), "", "", ""));
        default -> out.add(rules.isEmpty() ? new Case(name, Kind.PASS, "", "", "", "")
            : ruleCase(report, r, rules.get(i), name, report.policy()));
      }
    }
    return out;
  }

  private static Case ruleCase(Report report, InspectorResult r, RuleInfo rule, String name, Policy policy) {
    if (policy.disabled(rule.id())) {
      return new Case(name, Kind.SKIPPED, "rule " + rule.id() + " is disabled by policy " + policy.name(), "", "",
          "");
    }
    List<Finding> failing = new ArrayList<>();
    StringBuilder systemOut = new StringBuilder();
    Severity worst = null;
    for (Finding f : r.findings()) {
      if (!f.ruleId().equals(rule.id())) {
        continue;
      }
      if (f.severity().atLeast(policy.failOn())) {
        failing.add(f);
        worst = worst == null || f.severity().atLeast(worst) ? f.severity() : worst;
      } else {
        systemOut.append("below the fail threshold (").append(policy.failOn().label()).append("): ");
        describe(systemOut, f);
      }
    }
    for (WaivedFinding w : report.waived()) {
      if (w.finding().ruleId().equals(rule.id()) && w.finding().inspector().equals(r.inspector())) {
        systemOut.append("waived (").append(w.waiver().reason()).append(
            w.waiver().expires().map(d -> ", until " + d).orElse("")).append("): ");
        describe(systemOut, w.finding());
      }
    }
    if (failing.isEmpty()) {
      return new Case(name, Kind.PASS, "", "", "", systemOut.toString());
    }
    StringBuilder text = new StringBuilder();
    for (Finding f : failing) {
      describe(text, f);
    }
    String message = failing.size() == 1 ? failing.get(0).message()
        : failing.size() + " findings of " + rule.id() + " (" + rule.title() + ") at or above "
            + policy.failOn().label();
    return new Case(name, Kind.FAILURE, message, worst.name(), text.toString(), systemOut.toString());
  }

  private static void describe(StringBuilder b, Finding f) {
    b.append('[').append(f.severity().name()).append("] ").append(f.message()).append('\n');
    f.path().ifPresent(p -> b.append("  path: ").append(p).append('\n'));
    f.origin().ifPresent(o -> b.append("  added by: ").append(o.describe()).append('\n'));
    if (!f.evidence().isEmpty()) {
      b.append("  evidence:");
      f.evidence().forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
      b.append('\n');
    }
  }

  private static void writeSuite(XMLStreamWriter x, Report report, InspectorResult r, List<Case> cases, int id)
      throws XMLStreamException {
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    for (Case c : cases) {
      failures += c.kind() == Kind.FAILURE ? 1 : 0;
      errors += c.kind() == Kind.ERROR ? 1 : 0;
      skipped += c.kind() == Kind.SKIPPED ? 1 : 0;
    }
    x.writeCharacters("\n  ");
    x.writeStartElement("testsuite");
    attr(x, "name", "imagecheck." + r.inspector());
    counts(x, cases.size(), failures, errors, skipped);
    x.writeAttribute("id", Integer.toString(id));
    attr(x, "package", "imagecheck");
    x.writeCharacters("\n    ");
    x.writeStartElement("properties");
    ImageIdentity image = report.image();
    property(x, "image.source", image.source());
    property(x, "image.digest", image.digest().toString());
    property(x, "image.configDigest", image.configDigest().toString());
    if (image.indexDigest().isPresent()) {
      property(x, "image.indexDigest", image.indexDigest().get().toString());
    }
    if (image.platform().isPresent()) {
      property(x, "image.platform", image.platform().get().toString());
    }
    property(x, "policy", report.policy().name());
    property(x, "policy.failOn", report.policy().failOn().label());
    property(x, "verdict", report.verdict().name());
    property(x, "inspector.status", r.status().name());
    x.writeCharacters("\n    ");
    x.writeEndElement();
    for (Case c : cases) {
      x.writeCharacters("\n    ");
      x.writeStartElement("testcase");
      attr(x, "name", c.name());
      attr(x, "classname", "imagecheck." + r.inspector());
      x.writeAttribute("time", "0");
      switch (c.kind()) {
        case FAILURE, ERROR -> {
          x.writeCharacters("\n      ");
          x.writeStartElement(c.kind() == Kind.FAILURE ? "failure" : "error");
          attr(x, "message", c.message());
          attr(x, "type", c.type());
          x.writeCharacters(clean(c.text()));
          x.writeEndElement();
        }
        case SKIPPED -> {
          x.writeCharacters("\n      ");
          x.writeEmptyElement("skipped");
          attr(x, "message", c.message());
        }
        case PASS -> { }
      }
      if (!c.systemOut().isEmpty()) {
        x.writeCharacters("\n      ");
        x.writeStartElement("system-out");
        x.writeCharacters(clean(c.systemOut()));
        x.writeEndElement();
      }
      if (c.kind() != Kind.PASS || !c.systemOut().isEmpty()) {
        x.writeCharacters("\n    ");
      }
      x.writeEndElement();
    }
    x.writeCharacters("\n  ");
    x.writeEndElement();
  }

  private static void counts(XMLStreamWriter x, int tests, int failures, int errors, int skipped)
      throws XMLStreamException {
    x.writeAttribute("tests", Integer.toString(tests));
    x.writeAttribute("failures", Integer.toString(failures));
    x.writeAttribute("errors", Integer.toString(errors));
    x.writeAttribute("skipped", Integer.toString(skipped));
    x.writeAttribute("time", "0");
  }

  private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeCharacters("\n      ");
    x.writeEmptyElement("property");
    attr(x, "name", name);
    attr(x, "value", value);
  }

  private static void attr(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeAttribute(name, clean(value));
  }

  /**
   * Makes text safe for XML 1.0: characters it cannot carry (C0 controls other than tab, line feed and
   * carriage return, U+FFFE, U+FFFF, unpaired surrogates) become <code>&#92;uXXXX</code>.
   *
   * @param s the text
   * @return the text XML can carry
   */
  static String clean(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (ok) {
          if (b != null) {
            b.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else if (Character.isLowSurrogate(c)) {
        ok = false;
      } else {
        ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
      }
      if (ok) {
        if (b != null) {
          b.append(c);
        }
      } else {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        b.append("\\u").append(String.format(java.util.Locale.ROOT, "%04X", (int) c));
      }
    }
    return b == null ? s : b.toString();
  }
}
