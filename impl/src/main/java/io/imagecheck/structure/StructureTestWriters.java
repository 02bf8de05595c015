package io.imagecheck.structure;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writers for the reports of {@link StructureTestRunner}, in the shapes container-structure-test users
 * read: {@link #text()} and {@link #junit()}. (The JSON and other report writers apply to these reports
 * as to any other.) Thread-safe (stateless).
 */
public final class StructureTestWriters {

  private StructureTestWriters() {}

  /**
   * The text writer: per test {@code === RUN: NAME}, then {@code --- PASS}, {@code --- FAIL} with one
   * {@code Error: ...} line per error, or {@code --- SKIP} with the reason; then the counts and
   * {@code PASS}/{@code FAIL}. Control characters from images or configs are escaped.
   *
   * @return a new writer
   */
  public static ReportWriter text() {
    return new TextWriter();
  }

  /**
   * The JUnit XML writer: one {@code <testsuite>} per config file, one {@code <testcase>} per test, with a
   * {@code <failure>} listing a failed test's errors, an {@code <error>} when the test could not read the
   * image, a {@code <skipped>} with the reason for command tests. Properties name the image (source,
   * manifest and config digests). Characters XML 1.0 cannot carry are written as
   * <code>&#92;uXXXX</code>.
   *
   * @return a new writer
   */
  public static ReportWriter junit() {
    return new JUnitWriter();
  }

  /** The config file a result came from. */
  private static String config(InspectorResult r) {
    return r.fact("config").map(Object::toString).orElse("structure-tests");
  }

  private static final class TextWriter implements ReportWriter {
    @Override
    public String format() {
      return "text";
    }

    @Override
    public String fileExtension() {
      return ".txt";
    }

    @Override
    public void write(Report report, OutputStream out) throws IOException {
      PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      int pass = 0;
      int fail = 0;
      int skip = 0;
      int error = 0;
      for (InspectorResult r : report.results()) {
        w.print("=== RUN: " + line(r.inspector()) + "\n");
        switch (r.status()) {
          case PASS -> {
            pass++;
            w.print("--- PASS\n");
          }
          case FAIL -> {
            fail++;
            w.print("--- FAIL\n");
            for (Finding f : r.findings()) {
              w.print("Error: " + line(f.message()) + "\n");
            }
          }
          case SKIPPED -> {
            skip++;
            w.print("--- SKIP\n");
            w.print("Reason: " + line(r.fact("skipReason").map(Object::toString).orElse("skipped")) + "\n");
          }
          case ERROR -> {
            error++;
            w.print("--- ERROR\n");
            w.print("Error: " + line(r.error().orElse("could not run")) + "\n");
          }
          default -> throw new IllegalStateException("unknown status " + r.status());
        }
      }
      for (String note : report.notes()) {
        w.print("Note: " + line(note) + "\n");
      }
      w.print("\n");
      w.print("Image:       " + line(report.image().source()) + " (" + report.image().digest().shortForm() + ")\n");
      w.print("Passes:      " + pass + "\n");
      w.print("Failures:    " + fail + "\n");
      if (error > 0) {
        w.print("Errors:      " + error + "\n");
      }
      w.print("Skipped:     " + skip + "\n");
      w.print("Total tests: " + report.results().size() + "\n");
      w.print("\n");
      w.print(switch (report.verdict()) {
        case PASS -> "PASS\n";
        case FAIL -> "FAIL\n";
        case INCOMPLETE -> "INCOMPLETE\n";
      });
      w.flush();
      if (w.checkError()) {
        throw new IOException("cannot write the structure-test report");
      }
    }

    private static String line(String s) {
      return Texts.printable(s, Integer.MAX_VALUE);
    }
  }

  private static final class JUnitWriter implements ReportWriter {
    @Override
    public String format() {
      return "junit";
    }

    @Override
    public String fileExtension() {
      return ".junit.xml";
    }

    @Override
    public void write(Report report, OutputStream out) throws IOException {
      Map<String, List<InspectorResult>> suites = new LinkedHashMap<>();
      for (InspectorResult r : report.results()) {
        suites.computeIfAbsent(config(r), k -> new ArrayList<>()).add(r);
      }
      try {
        XMLStreamWriter x = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuites");
        attr(x, "name", "imagecheck test " + report.image().source());
        counts(x, report.results());
        int id = 0;
        for (Map.Entry<String, List<InspectorResult>> suite : suites.entrySet()) {
          x.writeCharacters("\n  ");
          x.writeStartElement("testsuite");
          attr(x, "name", suite.getKey());
          attr(x, "id", Integer.toString(id++));
          counts(x, suite.getValue());
          x.writeCharacters("\n    ");
          x.writeStartElement("properties");
          property(x, "image", report.image().source());
          property(x, "manifestDigest", report.image().digest().toString());
          property(x, "configDigest", report.image().configDigest().toString());
          property(x, "verdict", report.verdict().name());
          x.writeCharacters("\n    ");
          x.writeEndElement();
          for (InspectorResult r : suite.getValue()) {
            testCase(x, suite.getKey(), r);
          }
          x.writeCharacters("\n  ");
          x.writeEndElement();
        }
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
        x.flush();
        x.close();
      } catch (XMLStreamException e) {
        throw new IOException("structure-test report for " + report.image().source() + ": cannot write XML: "
            + e.getMessage(), e);
      }
      out.flush();
    }

    private static void testCase(XMLStreamWriter x, String config, InspectorResult r) throws XMLStreamException {
      x.writeCharacters("\n    ");
      x.writeStartElement("testcase");
      attr(x, "classname", "structure-tests." + config);
      attr(x, "name", r.inspector());
      attr(x, "time", "0");
      switch (r.status()) {
        case FAIL -> {
          x.writeCharacters("\n      ");
          x.writeStartElement("failure");
          attr(x, "message", r.findings().get(0).message());
          attr(x, "type", r.findings().get(0).ruleId());
          StringBuilder text = new StringBuilder();
          for (Finding f : r.findings()) {
            text.append(f.message()).append('\n');
          }
          x.writeCharacters(xml(text.toString()));
          x.writeEndElement();
          x.writeCharacters("\n    ");
        }
        case ERROR -> {
          x.writeCharacters("\n      ");
          x.writeStartElement("error");
          attr(x, "message", r.error().orElse("could not run"));
          x.writeEndElement();
          x.writeCharacters("\n    ");
        }
        case SKIPPED -> {
          x.writeCharacters("\n      ");
          x.writeEmptyElement("skipped");
          attr(x, "message", r.fact("skipReason").map(Object::toString).orElse("skipped"));
          x.writeCharacters("\n    ");
        }
        default -> {
          // a passing test case has no child
        }
      }
      x.writeEndElement();
    }

    private static void counts(XMLStreamWriter x, List<InspectorResult> results) throws XMLStreamException {
      long failures = results.stream().filter(r -> r.status() == InspectorResult.Status.FAIL).count();
      long errors = results.stream().filter(r -> r.status() == InspectorResult.Status.ERROR).count();
      long skipped = results.stream().filter(r -> r.status() == InspectorResult.Status.SKIPPED).count();
      attr(x, "tests", Integer.toString(results.size()));
      attr(x, "failures", Long.toString(failures));
      attr(x, "errors", Long.toString(errors));
      attr(x, "skipped", Long.toString(skipped));
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
      x.writeCharacters("\n      ");
      x.writeEmptyElement("property");
      attr(x, "name", name);
      attr(x, "value", value);
    }

    private static void attr(XMLStreamWriter x, String name, String value) throws XMLStreamException {
      x.writeAttribute(name, xml(value));
    }

    /** Replaces what XML 1.0 cannot carry (most control characters, lone surrogates, U+FFFE/U+FFFF). */
    private static String xml(String s) {
      StringBuilder b = null;
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean ok;
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          if (b != null) {
            b.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
        ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
        if (!ok && b == null) {
          b = new StringBuilder(s.substring(0, i));
        }
        if (b != null) {
          if (ok) {
            b.append(c);
          } else {
            b.append("\\u").append(String.format(java.util.Locale.ROOT, "%04x", (int) c));
          }
        }
      }
      return b == null ? s : b.toString();
    }
  }
}
