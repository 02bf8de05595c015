package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.lab.LabImageFacts;
import io.imagecheck.lab.LabImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code imagecheck test} on the real-tool lab images with the structure-test configs the testkit's tests
 * use ({@code testkit/src/test/resources/structure}).
 */
class TestCommandLabIT {

  private static final Path CONFIGS = Path.of("../testkit/src/test/resources/structure");

  private static Path config(String name) {
    Path p = CONFIGS.resolve(name);
    Assumptions.assumeTrue(Files.isRegularFile(p), p + " absent: skipping");
    return p;
  }

  @Test
  void should_pass_debian_and_fail_the_stripped_variant_naming_the_deleting_layer(@TempDir Path tmp)
      throws Exception {
    // GIVEN
    LabImages lab = LabImages.get();
    LabImageFacts stripped = lab.image("debian-stripped");
    Path xml = tmp.resolve("stripped.xml");

    // WHEN
    CliRun debian = CliRun.of("test", "oci:" + lab.layout("debian") + ":" + lab.image("debian").tag(), "--config",
        config("debian.yaml").toString());
    CliRun failed = CliRun.of("test", "oci:" + lab.layout("debian-stripped") + ":" + stripped.tag(), "--config",
        config("debian.yaml").toString(), "--format", "junit", "--output", xml.toString());

    // THEN
    assertThat(debian.code()).isZero();
    assertThat(debian.out()).endsWith("Passes:      11\nFailures:    0\nSkipped:     1\nTotal tests: 12\n\nPASS\n");
    assertThat(failed.code()).isEqualTo(1);
    assertThat(failed.err()).isEqualTo("imagecheck: FAIL: 11 run, 2 failed, 0 errored, 1 skipped; results written to "
        + xml + "\n");
    Document doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(xml.toFile());
    assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("2");
    List<String> history = stripped.config().historyCreatedBy();
    String deleted = "layer 4 of 4 (" + stripped.layers().get(3).digest().shortForm() + "), history step 5: "
        + history.get(4);
    assertThat(doc.getElementsByTagName("failure").item(0).getTextContent()).contains("File /usr/bin/bash should exist"
        + " but does not (added by layer 1 of 4 (" + stripped.layers().get(0).digest().shortForm() + "), history step"
        + " 1: " + history.get(0) + ", deleted by " + deleted + ")");
  }

  @Test
  void should_fail_the_hardened_expectations_on_busybox_and_pass_them_on_distroless() {
    // GIVEN
    LabImages lab = LabImages.get();

    // WHEN
    CliRun busybox = CliRun.of("test", "oci-archive:" + lab.ociArchive("busybox"), "--config",
        config("hardened.yaml").toString());
    CliRun distroless = CliRun.of("test", "docker-archive:" + lab.dockerArchive("distroless"), "--config",
        config("hardened.yaml").toString(), "--config", config("distroless.yaml").toString());

    // THEN
    assertThat(busybox.code()).isEqualTo(1);
    assertThat(busybox.out()).contains("=== RUN: File Existence Test: no sh\n--- FAIL\nError: File /bin/sh -> busybox ="
        + " /bin/busybox should not exist but does (layer 1 of 1 (");
    assertThat(busybox.out()).endsWith("Passes:      3\nFailures:    3\nSkipped:     0\nTotal tests: 6\n\nFAIL\n");
    assertThat(distroless.code()).isZero();
    assertThat(distroless.out()).endsWith("Passes:      14\nFailures:    0\nSkipped:     1\nTotal tests: 15\n\nPASS\n");
  }
}
