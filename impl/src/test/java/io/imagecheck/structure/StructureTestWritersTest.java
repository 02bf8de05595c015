package io.imagecheck.structure;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.report.Report;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Tests for {@link StructureTestWriters}: the text and JUnit XML shapes. */
class StructureTestWritersTest {

  @TempDir
  static Path dir;

  static Report report;

  @BeforeAll
  static void run() throws IOException {
    StructureTestRunnerTest.IMAGE.writeOciLayout(dir.resolve("layout"), "latest");
    String yaml = """
        schemaVersion: 2.0.0
        commandTests:
          - {name: hello, command: echo}
        fileExistenceTests:
          - {name: passwd, path: /etc/passwd}
          - {name: "no shell", path: /bin/sh, shouldExist: false}
        """;
    StructureTestConfig config = StructureTestConfig.parse(yaml.getBytes(StandardCharsets.UTF_8), "app.yaml", true);
    try (ImageSource source = ImageSources.open("oci:" + dir.resolve("layout") + ":latest")) {
      report = StructureTestRunner.run(source.image(), List.of(config));
    }
  }

  private static String write(io.imagecheck.report.ReportWriter writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void should_write_text_as_container_structure_test_prints_it() throws IOException {
    // WHEN
    String text = write(StructureTestWriters.text());

    // THEN
    String base = "layer 1 of 2 (" + StructureTestRunnerTest.IMAGE.layerDigests().get(0).shortForm()
        + "), history step 1: ADD rootfs.tar / # base";
    assertThat(text).isEqualTo("=== RUN: Command Test: hello\n"
        + "--- SKIP\n"
        + "Reason: command tests run commands in a container; imagecheck reads images without a container runtime\n"
        + "=== RUN: File Existence Test: passwd\n"
        + "--- PASS\n"
        + "=== RUN: File Existence Test: no shell\n"
        + "--- FAIL\n"
        + "Error: File /bin/sh -> busybox = /bin/busybox should not exist but does (" + base + ")\n"
        + "\n"
        + "Image:       " + report.image().source() + " (" + report.image().digest().shortForm() + ")\n"
        + "Passes:      1\n"
        + "Failures:    1\n"
        + "Skipped:     1\n"
        + "Total tests: 3\n"
        + "\n"
        + "FAIL\n");
  }

  @Test
  void should_write_one_junit_test_case_per_test() throws Exception {
    // WHEN
    String xml = write(StructureTestWriters.junit());

    // THEN
    Document doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element suites = doc.getDocumentElement();
    assertThat(suites.getTagName()).isEqualTo("testsuites");
    assertThat(suites.getAttribute("tests")).isEqualTo("3");
    assertThat(suites.getAttribute("failures")).isEqualTo("1");
    assertThat(suites.getAttribute("skipped")).isEqualTo("1");
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("app.yaml");
    NodeList cases = doc.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(3);
    Element failed = (Element) cases.item(2);
    assertThat(failed.getAttribute("name")).isEqualTo("File Existence Test: no shell");
    Element failure = (Element) failed.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("structure.file-existence");
    assertThat(failure.getAttribute("message")).startsWith("File /bin/sh -> busybox = /bin/busybox should not exist");
    assertThat(((Element) cases.item(0)).getElementsByTagName("skipped").getLength()).isEqualTo(1);
    assertThat(((Element) cases.item(1)).getChildNodes().getLength()).isZero();
  }
}
