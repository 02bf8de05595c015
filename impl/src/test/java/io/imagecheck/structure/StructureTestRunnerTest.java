package io.imagecheck.structure;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.fs.FileType;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.InspectorResult.Status;
import io.imagecheck.report.Report;
import io.imagecheck.report.Verdict;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.FileSpec;
import io.imagecheck.testimage.TestImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link StructureTestRunner} on a synthetic image: each field's semantics and messages. */
class StructureTestRunnerTest {

  /** Layer 1 (base, history step 1) and layer 2 (app, history step 3); step 2 and 4 set config. */
  static final TestImage IMAGE = TestImage.builder()
      .config(c -> c
          .user("65532")
          .entrypoint(List.of("/app/server"))
          .cmd(List.of("--port=8080"))
          .workingDir("/app")
          .addEnv("PATH", "/usr/bin:/bin")
          .addEnv("APP_HOME", "/app")
          .addEnv("VERSION", "2.1.7")
          .label("org.opencontainers.image.version", "1.2.3")
          .label("empty", "")
          .exposedPorts(List.of("8080/tcp", "53/udp"))
          .volumes(List.of("/data")))
      .layer("ADD rootfs.tar / # base", l -> l
          .directory("/bin")
          .file("/bin/busybox", "BusyBox v1.36.1", 0755)
          .symlink("/bin/sh", "busybox")
          .entry(FileSpec.builder("/bin/su", FileType.REGULAR).content("su").mode(04755).build())
          .directory("/etc")
          .file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532::/home/nonroot:/sbin/nologin\n")
          .directory("/tmp", 01777)
          .directory("/usr")
          .directory("/usr/share")
          .directory("/usr/share/doc")
          .directory("/usr/share/doc/libc6")
          .file("/usr/share/doc/libc6/copyright", "GNU Lesser General Public License\n")
          .directory("/usr/share/doc/bad")
          .file("/usr/share/doc/bad/copyright", "License: agpl-3.0\n")
          .directory("/usr/share/doc/nocopy")
          .directory("/usr/share/doc/libgnutls30"))
      .emptyLayerStep("ENV APP_HOME=/app VERSION=2.1.7")
      .layer("COPY build/ /app/", l -> l
          .entry(FileSpec.builder("/app", FileType.DIRECTORY).mode(0755).owner(65532, 65532).build())
          .entry(FileSpec.builder("/app/server", FileType.REGULAR).content("#!/bin/true\n").mode(0750)
              .owner(65532, 65532).build())
          .file("/app/config.yaml", "port: 8080\ndebug: true\nname: demo\n"))
      .emptyLayerStep("USER 65532")
      .build();

  static String base;
  static String app;

  @TempDir
  static Path dir;

  @BeforeAll
  static void write() throws IOException {
    IMAGE.writeOciLayout(dir.resolve("layout"), "latest");
    base = "layer 1 of 2 (" + IMAGE.layerDigests().get(0).shortForm() + "), history step 1: ADD rootfs.tar / # base";
    app = "layer 2 of 2 (" + IMAGE.layerDigests().get(1).shortForm() + "), history step 3: COPY build/ /app/";
  }

  private static Report run(String yaml) throws IOException {
    StructureTestConfig config = StructureTestConfig.parse(yaml.getBytes(StandardCharsets.UTF_8), "app.yaml", true);
    try (ImageSource source = ImageSources.open("oci:" + dir.resolve("layout") + ":latest")) {
      return StructureTestRunner.run(source.image(), List.of(config));
    }
  }

  private static List<String> errors(Report report, String test) {
    return report.result(test).orElseThrow().findings().stream().map(Finding::message).toList();
  }

  @Test
  void should_pass_file_existence_tests_that_hold_following_symlinks() throws IOException {
    // GIVEN
    String yaml = """
        schemaVersion: 2.0.0
        fileExistenceTests:
        - {name: server, path: '$APP_HOME/server', permissions: '-rwxr-x---', uid: 65532, gid: 65532,
           isExecutableBy: group}
        - {name: sh, path: /bin/sh, permissions: '-rwxr-xr-x', isExecutableBy: any}
        - {name: su go form, path: /bin/su, permissions: urwxr-xr-x}
        - {name: su ls form, path: /bin/su, permissions: '-rwsr-xr-x'}
        - {name: tmp, path: /tmp, permissions: dtrwxrwxrwx}
        - {name: no bash, path: /bin/bash, shouldExist: false}
        """;

    // WHEN
    Report report = run(yaml);

    // THEN
    assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    assertThat(report.results()).extracting(InspectorResult::inspector).containsExactly(
        "File Existence Test: server", "File Existence Test: sh", "File Existence Test: su go form",
        "File Existence Test: su ls form", "File Existence Test: tmp", "File Existence Test: no bash");
    assertThat(report.results()).extracting(InspectorResult::status).containsOnly(Status.PASS);
    assertThat(report.result("File Existence Test: server").orElseThrow().fact("path")).contains("/app/server");
  }

  @Test
  void should_fail_file_existence_tests_naming_path_layer_and_history_step() throws IOException {
    // GIVEN
    String yaml = """
        schemaVersion: 2.0.0
        fileExistenceTests:
        - {name: shell, path: /bin/sh, shouldExist: false}
        - {name: config, path: /app/config.yaml, permissions: '-rw-------', uid: 65532, gid: 0, isExecutableBy: owner}
        - {name: missing, path: /app/missing}
        """;

    // WHEN
    Report report = run(yaml);

    // THEN
    assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(errors(report, "File Existence Test: shell")).containsExactly(
        "File /bin/sh -> busybox = /bin/busybox should not exist but does (" + base + ")");
    assertThat(errors(report, "File Existence Test: config")).containsExactly(
        "/app/config.yaml has incorrect permissions. Expected: -rw-------, Actual: -rw-r--r-- (" + app + ")",
        "/app/config.yaml has incorrect executable bit. Expected to be executable by owner, Actual: -rw-r--r-- ("
            + app + ")",
        "/app/config.yaml has incorrect user ownership. Expected: 65532, Actual: 0 (" + app + ")");
    assertThat(errors(report, "File Existence Test: missing")).containsExactly(
        "File /app/missing should exist but does not");
    Finding f = report.result("File Existence Test: config").orElseThrow().findings().get(0);
    assertThat(f.ruleId()).isEqualTo(StructureTestRunner.FILE_EXISTENCE);
    assertThat(f.path()).contains("/app/config.yaml");
    assertThat(f.origin().orElseThrow().layerNumber()).isEqualTo(2);
    assertThat(f.evidence()).containsEntry("expected", "-rw-------").containsEntry("actual", "-rw-r--r--");
    assertThat(report.summary().inspectorsFailed()).isEqualTo(3);
  }

  @Test
  void should_search_content_patterns_anywhere_in_the_file() throws IOException {
    // GIVEN
    String yaml = """
        schemaVersion: 2.0.0
        fileContentTests:
        - name: passwd
          path: /etc/passwd
          expectedContents: ['root:x:0:0', 'nonroot:x:65532']
          excludedContents: ['^games:']
        - name: config
          path: /app/config.yaml
          expectedContents: ['port: \\d+', 'tls: true']
          excludedContents: ['debug: true']
        - name: missing
          path: /etc/shadow
        - name: dir
          path: /etc
        """;

    // WHEN
    Report report = run(yaml);

    // THEN
    assertThat(report.result("File Content Test: passwd").orElseThrow().status()).isEqualTo(Status.PASS);
    assertThat(errors(report, "File Content Test: config")).containsExactly(
        "Expected string 'tls: true' not found in file content of /app/config.yaml (34 bytes, starting 'port:"
            + " 8080\\u000adebug: true\\u000aname: demo\\u000a') (" + app + ")",
        "Excluded string 'debug: true' found in file content of /app/config.yaml at line 2: 'debug: true' (" + app
            + ")");
    assertThat(errors(report, "File Content Test: missing")).containsExactly(
        "Failed to open /etc/shadow. Error: no such file");
    assertThat(errors(report, "File Content Test: dir")).containsExactly(
        "Failed to open /etc. Error: is a directory (" + base + ")");
  }

  @Test
  void should_check_metadata_with_exact_values_regexes_and_bare_ports() throws IOException {
    // GIVEN a passing metadata test
    String yaml = """
        schemaVersion: 2.0.0
        metadataTest:
          env:
            - {key: PATH, value: /usr/bin:/bin}
            - {key: VERSION, value: '[0-9]+\\.1', isRegex: true}
          unboundEnv: [{key: DEBUG}]
          labels:
            - {key: org.opencontainers.image.version, value: 1.2.3}
            - {key: empty, value: ''}
          entrypoint: [/app/server]
          cmd: ['--port=8080']
          workdir: /app
          user: '65532'
          exposedPorts: ['8080', '53/udp']
          unexposedPorts: ['53/tcp', '22']
          volumes: [/data]
          unmountedVolumes: [/root]
        """;

    // WHEN
    Report report = run(yaml);

    // THEN
    assertThat(report.results()).extracting(InspectorResult::inspector).containsExactly("Metadata Test");
    assertThat(report.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void should_fail_metadata_naming_the_history_step_that_set_the_value() throws IOException {
    // GIVEN
    String yaml = """
        schemaVersion: 2.0.0
        metadataTest:
          env:
            - {key: APP_HOME, value: /srv}
            - {key: JAVA_HOME, value: /opt/java}
          unboundEnv: [{key: VERSION}]
          labels: [{key: org.opencontainers.image.version, value: '^2\\.', isRegex: true}]
          entrypoint: []
          cmd: ['--port=9090']
          workdir: /srv
          user: root
          exposedPorts: ['8080/udp']
          unexposedPorts: ['53']
          volumes: [/cache]
          unmountedVolumes: [/data]
        """;

    // WHEN
    Report report = run(yaml);

    // THEN
    String env = " (set by history step 2: ENV APP_HOME=/app VERSION=2.1.7)";
    assertThat(errors(report, "Metadata Test")).containsExactly(
        "env var APP_HOME value /app does not match expected value: /srv" + env,
        "variable JAVA_HOME not found in image env",
        "env variable VERSION should not be present in image metadata" + env,
        "label org.opencontainers.image.version value 1.2.3 does not match expected value: ^2\\.",
        "Image Cmd [--port=8080] does not match expected Cmd: [--port=9090]",
        "Image entrypoint [/app/server] does not match expected entrypoint: []",
        "Image workdir /app does not match config workdir: /srv",
        "Image user 65532 does not match config user: root (set by history step 4: USER 65532)",
        "Port 8080/udp not found in config",
        "Port 53 should not be exposed",
        "Volume /cache not found in config",
        "Volume /data should not be mounted");
    assertThat(report.result("Metadata Test").orElseThrow().findings().get(0).evidence())
        .containsEntry("historyStep", "2").containsEntry("actual", "/app");
  }

  @Test
  void should_check_debian_copyright_files_and_listed_files() throws IOException {
    // GIVEN
    String yaml = """
        schemaVersion: 2.0.0
        licenseTests:
        - debian: true
          files: [/usr/share/doc/libc6/copyright, /LICENSE]
        """;

    // WHEN
    Report report = run(yaml);

    // THEN the exempt libgnutls30 is not checked; bad mentions AGPL; nocopy has none
    assertThat(errors(report, "License Test")).containsExactly(
        "Invalid license for /usr/share/doc/bad/copyright, license contains AGPL (" + base + ")",
        "Error reading license file for nocopy: no such file (" + base + ")",
        "Error reading license file for /LICENSE: no such file");
    assertThat(report.result("License Test").orElseThrow().fact("filesChecked")).contains(5);
  }

  @Test
  void should_skip_command_tests_with_the_reason_and_still_pass() throws IOException {
    // GIVEN
    String yaml = """
        schemaVersion: 2.0.0
        globalEnvVars: [{key: PATH, value: '/env/bin:$PATH'}]
        commandTests:
          - {name: apt-get upgrade, command: apt-get, args: ['-qqs', upgrade], excludedOutput: ['.*Inst.*']}
        fileExistenceTests:
          - {name: passwd, path: /etc/passwd}
        """;

    // WHEN
    Report report = run(yaml);

    // THEN
    InspectorResult skipped = report.results().get(0);
    assertThat(skipped.inspector()).isEqualTo("Command Test: apt-get upgrade");
    assertThat(skipped.status()).isEqualTo(Status.SKIPPED);
    assertThat(skipped.fact("skipReason")).contains("command tests run commands in a container; imagecheck reads"
        + " images without a container runtime");
    assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    assertThat(report.summary().inspectorsSkipped()).isEqualTo(1);
    assertThat(report.summary().inspectorsRun()).isEqualTo(1);
    assertThat(report.notes()).containsExactly("app.yaml: globalEnvVars ignored: it applies to command tests and"
        + " containers only");
  }

  @Test
  void should_prefix_names_with_the_config_when_several_run_and_keep_names_unique() throws IOException {
    // GIVEN two configs, the second with two tests of one name
    StructureTestConfig a = StructureTestConfig.parse("schemaVersion: 2.0.0\nmetadataTest: {user: '65532'}\n"
        .getBytes(StandardCharsets.UTF_8), "a.yaml", true);
    StructureTestConfig b = StructureTestConfig.parse(("schemaVersion: 2.0.0\nfileExistenceTests:\n"
        + "- {name: x, path: /etc}\n- {name: x, path: /tmp}\n").getBytes(StandardCharsets.UTF_8), "b.yaml", true);

    // WHEN
    Report report;
    try (ImageSource source = ImageSources.open("oci:" + dir.resolve("layout") + ":latest")) {
      report = StructureTestRunner.run(source.image(), List.of(a, b));
    }

    // THEN
    assertThat(report.results()).extracting(InspectorResult::inspector).containsExactly("a.yaml: Metadata Test",
        "b.yaml: File Existence Test: x", "b.yaml: File Existence Test: x #2");
    assertThat(report.results()).extracting(r -> r.fact("config").orElseThrow()).containsExactly("a.yaml", "b.yaml",
        "b.yaml");
    assertThat(report.policy().name()).isEqualTo("structure-tests");
  }

  @Test
  void should_anchor_dollar_at_the_end_of_the_text_as_go_does() throws IOException {
    // GIVEN a file "port: 8080\ndebug: true\nname: demo\n" (it ends with a line break)
    String yaml = """
        schemaVersion: 2.0.0
        fileContentTests:
        - {name: go end, path: /app/config.yaml, expectedContents: ['demo$']}
        - {name: multi-line, path: /app/config.yaml, expectedContents: ['(?m)^debug: true$', 'demo\\n$']}
        - {name: literal, path: /app/config.yaml, excludedContents: ['[$]', '\\$']}
        """;

    // WHEN
    Report report = run(yaml);

    // THEN Go's $ without (?m) does not match before the final line break; Java's would
    assertThat(report.result("File Content Test: go end").orElseThrow().status()).isEqualTo(Status.FAIL);
    assertThat(report.result("File Content Test: multi-line").orElseThrow().status()).isEqualTo(Status.PASS);
    assertThat(report.result("File Content Test: literal").orElseThrow().status()).isEqualTo(Status.PASS);
    assertThat(Regexes.toJava("a$|[$]b\\$")).isEqualTo("a\\z|[$]b\\$");
  }

  @Test
  void should_name_the_layers_that_added_and_deleted_a_missing_file(@TempDir Path tmp) throws IOException {
    // GIVEN a file written by layer 1 and whited out by layer 2
    TestImage image = TestImage.builder()
        .layer("ADD rootfs.tar /", l -> l.directory("/usr").directory("/usr/bin").file("/usr/bin/bash", "bash", 0755))
        .layer("RUN rm /usr/bin/bash", l -> l.whiteout("/usr/bin/bash"))
        .build();
    image.writeOciLayout(tmp.resolve("layout"), "latest");
    StructureTestConfig config = StructureTestConfig.parse(("schemaVersion: 2.0.0\nfileExistenceTests:\n"
        + "- {name: bash, path: /usr/bin/bash}\nfileContentTests:\n- {name: bash, path: /usr/bin/bash}\n")
        .getBytes(StandardCharsets.UTF_8), "app.yaml", true);

    // WHEN
    Report report;
    try (ImageSource source = ImageSources.open("oci:" + tmp.resolve("layout") + ":latest")) {
      report = StructureTestRunner.run(source.image(), List.of(config));
    }

    // THEN
    String added = "layer 1 of 2 (" + image.layerDigests().get(0).shortForm() + "), history step 1: ADD rootfs.tar /";
    String deleted = "layer 2 of 2 (" + image.layerDigests().get(1).shortForm() + "), history step 2: RUN rm"
        + " /usr/bin/bash";
    assertThat(errors(report, "File Existence Test: bash")).containsExactly("File /usr/bin/bash should exist but does"
        + " not (added by " + added + ", deleted by " + deleted + ")");
    assertThat(errors(report, "File Content Test: bash")).containsExactly("Failed to open /usr/bin/bash. Error: no"
        + " such file (added by " + added + ", deleted by " + deleted + ")");
  }

  @Test
  void should_match_ports_as_container_structure_test_does() {
    assertThat(StructureTestRunner.portInList("53", List.of("53/udp"))).isTrue();
    assertThat(StructureTestRunner.portInList("53/udp", List.of("53/udp"))).isTrue();
    assertThat(StructureTestRunner.portInList("53/tcp", List.of("53/udp"))).isFalse();
    assertThat(StructureTestRunner.portInList("530", List.of("53/udp"))).isFalse();
  }

  @Test
  void should_expand_variables_as_go_os_expand() {
    java.util.Map<String, String> env = java.util.Map.of("HOME", "/root", "A_1", "x");
    assertThat(Expansions.expand("$HOME/.profile", env)).isEqualTo("/root/.profile");
    assertThat(Expansions.expand("${A_1}y/$UNSET/z", env)).isEqualTo("xy//z");
    assertThat(Expansions.expand("/cost$", env)).isEqualTo("/cost$");
    assertThat(Expansions.expand("/a/${HOME", env)).isEqualTo("/a/");
  }
}
