package io.imagecheck.testkit;

import static io.imagecheck.testkit.ImageCheckAssertions.assertThat;
import static io.imagecheck.testkit.SyntheticImages.looseLayer;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.report.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link StructureTests} and the structure-test assertions. */
class StructureTestsTest extends ImageFixtures {

  @Test
  void should_run_a_config_and_assert_its_counts(@TempDir Path configs) throws IOException {
    // GIVEN
    Path config = Files.writeString(configs.resolve("app.yaml"), """
        schemaVersion: 2.0.0
        commandTests:
          - {name: version, command: /app/server, args: [--version]}
        fileExistenceTests:
          - {name: server, path: /app/server, permissions: '-rwxr-xr-x', uid: 0, isExecutableBy: any}
          - {name: no shell, path: /bin/sh, shouldExist: false}
        metadataTest:
          user: '65532'
          entrypoint: [/app/server]
          exposedPorts: ['8080']
        """);

    // WHEN
    Report report = StructureTests.load(config).run(hardened);

    // THEN
    assertThat(report).passes().hasResults(3, 0, 1);
    assertThat(hardened).passesStructureTests(config);
  }

  @Test
  void should_fail_naming_each_failed_test_its_error_and_the_layer(@TempDir Path configs) throws IOException {
    // GIVEN
    Path config = Files.writeString(configs.resolve("app.yaml"), """
        schemaVersion: 2.0.0
        fileExistenceTests:
          - {name: no shell, path: /bin/sh, shouldExist: false}
          - {name: passwd, path: /etc/passwd}
        """);
    String nl = System.lineSeparator();

    // WHEN / THEN
    assertThatThrownBy(() -> assertThat(loose).passesStructureTests(config)).hasMessage(
        "Expecting structure tests [" + config + "] on image " + loose.source() + " to pass, but it failed:" + nl
            + "- File Existence Test: no shell failed" + nl
            + "    [high] structure.file-existence: File /bin/sh -> busybox = /bin/busybox should not exist but does ("
            + looseLayer(1) + ")");
    assertThatThrownBy(() -> assertThat(StructureTests.load(config).run(loose)).hasResults(2, 0, 0))
        .hasMessage("Expecting report of image " + loose.source() + " to have 2 passed, 0 failed and 0 skipped results,"
            + " but it has 1 passed, 1 failed, 0 skipped and 0 errored:" + nl
            + "- File Existence Test: no shell: FAIL" + nl
            + "- File Existence Test: passwd: PASS");
  }

  @Test
  void should_report_an_invalid_config_as_a_setup_error(@TempDir Path configs) throws IOException {
    // GIVEN
    Path config = Files.writeString(configs.resolve("bad.yaml"), "schemaVersion: 2.0.0\nfileTests: []\n");

    // WHEN / THEN
    assertThatThrownBy(() -> StructureTests.load(config))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage(config + ":2: unknown field \"fileTests\"; expected one of schemaVersion, globalEnvVars,"
            + " commandTests, fileExistenceTests, fileContentTests, metadataTest, licenseTests, containerRunOptions");
  }
}
