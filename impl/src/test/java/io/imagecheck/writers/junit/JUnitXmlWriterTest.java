package io.imagecheck.writers.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.report.Report;
import io.imagecheck.writers.JUnitShapes;
import io.imagecheck.writers.support.RuleCatalog;
import io.imagecheck.writers.TestReports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML of synthetic reports made by the scanner: the CI shape, counts, outcomes and hostile text. */
class JUnitXmlWriterTest {

  @TempDir Path tmp;

  private final JUnitXmlWriter writer = new JUnitXmlWriter(RuleCatalog.of(TestReports.syntheticInspectors()));

  private static Document validate(byte[] xml) throws IOException {
    return JUnitShapes.validate(xml);
  }

  private static Element suite(Document d, String inspector) {
    NodeList suites = d.getElementsByTagName("testsuite");
    for (int i = 0; i < suites.getLength(); i++) {
      Element e = (Element) suites.item(i);
      if (e.getAttribute("name").equals("imagecheck." + inspector)) {
        return e;
      }
    }
    throw new AssertionError("no suite for " + inspector);
  }

  private static Element testcase(Document d, String name) {
    NodeList cases = d.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element e = (Element) cases.item(i);
      if (e.getAttribute("name").equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no test case " + name);
  }

  private static String outcome(Element testcase) {
    for (String tag : List.of("failure", "error", "skipped")) {
      if (testcase.getElementsByTagName(tag).getLength() > 0) {
        return tag;
      }
    }
    return "pass";
  }

  @Test
  void should_write_one_suite_per_inspector_and_one_case_per_rule_in_the_ci_shape() throws IOException {
    // GIVEN the failing synthetic report
    Report report = TestReports.synthetic(tmp, false);
    // WHEN written as JUnit XML
    Document d = validate(TestReports.write(writer, report));
    // THEN it has the report's inspectors as suites, in order
    NodeList suites = d.getElementsByTagName("testsuite");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < suites.getLength(); i++) {
      names.add(((Element) suites.item(i)).getAttribute("name"));
    }
    assertThat(names).containsExactly("imagecheck.shell", "imagecheck.package-manager", "imagecheck.secrets",
        "imagecheck.packages", "imagecheck.hygiene", "imagecheck.tools", "imagecheck.broken");
    // AND the totals count 9 cases: 3 failures (shell, private key, env secret), 3 skipped, no errors
    Element root = d.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo("9");
    assertThat(root.getAttribute("failures")).isEqualTo("3");
    assertThat(root.getAttribute("errors")).isEqualTo("0");
    assertThat(root.getAttribute("skipped")).isEqualTo("3");
    assertThat(suite(d, "secrets").getAttribute("tests")).isEqualTo("2");
    assertThat(suite(d, "secrets").getAttribute("failures")).isEqualTo("2");
    // AND each outcome follows the policy
    assertThat(outcome(testcase(d, "shell.present"))).isEqualTo("failure");
    assertThat(outcome(testcase(d, "package-manager.present"))).isEqualTo("pass");
    assertThat(outcome(testcase(d, "hygiene.stray-file"))).isEqualTo("pass");
    assertThat(outcome(testcase(d, "hygiene.no-healthcheck"))).isEqualTo("skipped");
    assertThat(outcome(testcase(d, "tools.network"))).isEqualTo("skipped");
    assertThat(outcome(testcase(d, "packages"))).isEqualTo("pass");
    assertThat(testcase(d, "shell.present").getAttribute("classname")).isEqualTo("imagecheck.shell");
  }

  @Test
  void should_carry_the_findings_with_path_layer_and_step_in_the_failure() throws IOException {
    // GIVEN the failing synthetic report
    Report report = TestReports.synthetic(tmp, false);
    // WHEN written
    Document d = validate(TestReports.write(writer, report));
    // THEN the shell failure names the finding, its path, layer and history step
    Element failure = (Element) testcase(d, "shell.present").getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("HIGH");
    assertThat(failure.getAttribute("message")).isEqualTo("shell /bin/sh -> /bin/busybox");
    assertThat(failure.getTextContent())
        .contains("[HIGH] shell /bin/sh -> /bin/busybox")
        .contains("path: /bin/sh")
        .contains("added by: layer 1 of 4 (sha256:")
        .contains("history step 1: ADD alpine-minirootfs.tar.gz / # base")
        .contains("evidence: resolvedTarget=/bin/busybox");
    // AND a finding below the threshold and a waived one are in the passing case's output
    String out = testcase(d, "hygiene.stray-file").getElementsByTagName("system-out").item(0).getTextContent();
    assertThat(out).contains("below the fail threshold (high): [LOW] stray file /tmp/x</script><script>");
    assertThat(out).contains("waived (scratch file, accepted, until 2999-12-31): [LOW] stray file /tmp/notes.txt");
    // AND control characters from the hostile file name are kept visible as text
    assertThat(out).contains("\\u0001\\u001B[31m");
    // AND every suite names the image
    Element props = (Element) suite(d, "shell").getElementsByTagName("properties").item(0);
    NodeList p = props.getElementsByTagName("property");
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < p.getLength(); i++) {
      Element e = (Element) p.item(i);
      pairs.add(e.getAttribute("name") + "=" + e.getAttribute("value"));
    }
    assertThat(pairs).contains("image.digest=" + report.image().digest(), "image.source=" + report.image().source(),
        "image.platform=linux/amd64", "policy=test-hardened", "policy.failOn=high", "verdict=FAIL",
        "inspector.status=FAIL");
  }

  @Test
  void should_give_an_error_case_for_an_inspector_that_could_not_run() throws IOException {
    // GIVEN the INCOMPLETE synthetic report
    Document d = validate(TestReports.write(writer, TestReports.synthetic(tmp, true)));
    // WHEN / THEN the broken inspector's rule errors, with its error text
    Element error = (Element) testcase(d, "broken.check").getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("message")).isEqualTo("inspector broken could not run");
    assertThat(error.getTextContent()).startsWith("IOException: cannot read </script> database \\u0007 at");
    assertThat(d.getDocumentElement().getAttribute("errors")).isEqualTo("1");
    assertThat(d.getDocumentElement().getAttribute("skipped")).isEqualTo("2");
  }

  @Test
  void should_reject_a_document_that_misses_the_shape_so_the_check_is_real() {
    // GIVEN a test case without its required classname
    byte[] bad = "<testsuites><testsuite name=\"a\" tests=\"1\"><testcase name=\"x\"/></testsuite></testsuites>"
        .getBytes(StandardCharsets.UTF_8);
    // WHEN / THEN
    assertThatThrownBy(() -> validate(bad)).isInstanceOf(IOException.class).hasMessageContaining("classname");
  }

  @Test
  void should_replace_characters_xml_cannot_carry() {
    // GIVEN / WHEN / THEN
    assertThat(JUnitXmlWriter.clean("a\u0000b\u001fc\td\ne\uFFFEf\uD800g\uD83D\uDE00"))
        .isEqualTo("a\\u0000b\\u001Fc\td\ne\\uFFFEf\\uD800g\uD83D\uDE00");
    assertThat(JUnitXmlWriter.clean("plain")).isSameAs("plain");
  }
}
