package io.imagecheck.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.structure.StructureTestConfig.FileExistenceTest;
import io.imagecheck.structure.StructureTestConfig.KeyValue;
import io.imagecheck.structure.StructureTestConfig.MetadataTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link StructureTestConfig}: container-structure-test's fields, defaults and errors. */
class StructureTestConfigTest {

  private static StructureTestConfig yaml(String text) throws StructureTestException {
    return StructureTestConfig.parse(text.getBytes(StandardCharsets.UTF_8), "app.yaml", true);
  }

  @Test
  void should_read_every_test_type_with_container_structure_test_defaults() throws IOException {
    // GIVEN the README's examples in one config
    String text = """
        schemaVersion: '2.0.0'
        fileExistenceTests:
        - name: 'Root'
          path: '/'
          permissions: 'drwxr-xr-x'
          uid: 0
          isExecutableBy: 'group'
        - name: 'Dummy'
          path: '/etc/dummy'
          shouldExist: false
        fileContentTests:
        - name: 'Debian Sources'
          path: '/etc/apt/sources.list'
          expectedContents: ['.*httpredir\\.debian\\.org.*']
          excludedContents: ['.*gce_debian_mirror.*']
        metadataTest:
          env:
            - key: foo
              value: baz
          labels:
            - key: 'build-date'
              value: '^\\d{4}-\\d{2}-\\d{2}$'
              isRegex: true
          exposedPorts: [8080, "2345"]
          volumes: ["/test"]
          entrypoint: []
          cmd: ["/bin/bash"]
          workdir: "/app"
          user: "luke"
        licenseTests:
        - debian: true
          files: ["/foo/bar"]
        commandTests:
          - name: "gunicorn flask"
            setup: [["virtualenv", "/env"], ["pip", "install", "gunicorn", "flask"]]
            command: "which"
            args: ["gunicorn"]
            expectedOutput: ["/env/bin/gunicorn"]
        """;

    // WHEN
    StructureTestConfig config = yaml(text);

    // THEN
    assertThat(config.fileExistenceTests()).containsExactly(
        new FileExistenceTest("Root", "/", true, "drwxr-xr-x", 0L, null, "group"),
        new FileExistenceTest("Dummy", "/etc/dummy", false, null, null, null, null));
    assertThat(config.fileContentTests().get(0).expectedContents()).containsExactly(".*httpredir\\.debian\\.org.*");
    MetadataTest m = config.metadataTest().orElseThrow();
    assertThat(m.env()).containsExactly(new KeyValue("foo", "baz", false));
    assertThat(m.labels()).containsExactly(new KeyValue("build-date", "^\\d{4}-\\d{2}-\\d{2}$", true));
    assertThat(m.exposedPorts()).containsExactly("8080", "2345");
    assertThat(m.entrypoint()).isEmpty();
    assertThat(m.cmd()).containsExactly("/bin/bash");
    assertThat(m.workdir()).isEqualTo("/app");
    assertThat(m.user()).isEqualTo("luke");
    assertThat(config.licenseTests().get(0).debian()).isTrue();
    assertThat(config.commandTests().get(0).command()).isEqualTo("which");
    assertThat(config.testCount()).isEqualTo(6);
  }

  @Test
  void should_read_env_vars_under_both_spellings_and_leave_unset_entrypoint_unchecked() throws IOException {
    // GIVEN the spelling container-structure-test parses (env) and the one its README shows (envVars)
    String text = """
        schemaVersion: 2.0.0
        metadataTest:
          env: [{key: A, value: "1"}]
          envVars: [{key: B, value: "2"}]
          unboundEnvVars: [{key: C}]
        """;

    // WHEN
    MetadataTest m = yaml(text).metadataTest().orElseThrow();

    // THEN
    assertThat(m.env()).extracting(KeyValue::key).containsExactly("A", "B");
    assertThat(m.unboundEnv()).extracting(KeyValue::key).containsExactly("C");
    assertThat(m.entrypoint()).isNull();
    assertThat(m.cmd()).isNull();
  }

  @Test
  void should_drop_an_empty_metadata_test_as_container_structure_test_does() throws IOException {
    // GIVEN
    String text = "schemaVersion: 2.0.0\nmetadataTest: {}\n";

    // WHEN
    StructureTestConfig config = yaml(text);

    // THEN
    assertThat(config.metadataTest()).isEmpty();
    assertThat(config.testCount()).isZero();
  }

  @Test
  void should_read_json_configs() throws IOException {
    // GIVEN
    String json = "{\"schemaVersion\": \"2.0.0\", \"fileExistenceTests\": [{\"name\": \"sh\", \"path\": \"/bin/sh\","
        + " \"shouldExist\": false}]}";

    // WHEN
    StructureTestConfig config = StructureTestConfig.parse(json.getBytes(StandardCharsets.UTF_8), "t.json", false);

    // THEN
    assertThat(config.fileExistenceTests()).extracting(FileExistenceTest::shouldExist).containsExactly(false);
  }

  @Test
  void should_name_file_line_and_field_of_an_unknown_field() {
    // GIVEN a lower-case typo
    String text = """
        schemaVersion: '2.0.0'
        fileExistenceTests:
        - name: 'Root'
          path: '/'
          shouldexist: true
        """;

    // WHEN / THEN
    assertThatThrownBy(() -> yaml(text))
        .isInstanceOf(StructureTestException.class)
        .hasMessage("app.yaml:5: fileExistenceTests[0]: unknown field \"shouldexist\" (did you mean shouldExist?);"
            + " expected one of name, path, shouldExist, permissions, uid, gid, isExecutableBy");
  }

  @Test
  void should_reject_a_missing_or_unsupported_schema_version() {
    assertThatThrownBy(() -> yaml("fileExistenceTests: []\n"))
        .hasMessage("app.yaml:1:1: schemaVersion is required; expected \"2.0.0\"");
    assertThatThrownBy(() -> yaml("schemaVersion: '1.0.0'\n"))
        .hasMessage("app.yaml:1:16: schemaVersion: unsupported schema version \"1.0.0\"; only 2.0.0 is read");
  }

  @Test
  void should_reject_mistyped_values_naming_the_field() {
    assertThatThrownBy(() -> yaml("schemaVersion: 2.0.0\nfileExistenceTests:\n- {name: a, path: /a, uid: root}\n"))
        .hasMessage("app.yaml:3:28: fileExistenceTests[0].uid: expected an integer, got the string \"root\"");
    assertThatThrownBy(() -> yaml("schemaVersion: 2.0.0\nfileExistenceTests:\n- {name: a, path: /a, shouldExist: 1}\n"))
        .hasMessage("app.yaml:3:36: fileExistenceTests[0].shouldExist: expected true or false, got the number 1");
    assertThatThrownBy(() -> yaml("schemaVersion: 2.0.0\nfileExistenceTests:\n- {name: a, isExecutableBy: all, path: /}\n"))
        .hasMessage("app.yaml:3:29: fileExistenceTests[0].isExecutableBy: \"all\" is not one of owner, group, other,"
            + " any");
    assertThatThrownBy(() -> yaml("schemaVersion: 2.0.0\nfileExistenceTests:\n- {name: a, path: /, permissions: '755'}\n"))
        .hasMessage("app.yaml:3:35: fileExistenceTests[0].permissions: \"755\" is not a permission string; expected"
            + " e.g. -rw-r--r--, drwxr-xr-x or urwxr-xr-x");
  }

  @Test
  void should_reject_a_test_without_a_path_and_an_invalid_regex() {
    assertThatThrownBy(() -> yaml("schemaVersion: 2.0.0\nfileContentTests:\n- name: passwd\n"))
        .hasMessage("app.yaml:3:3: fileContentTests[0]: path is required");
    assertThatThrownBy(() -> yaml("schemaVersion: 2.0.0\nfileContentTests:\n- name: p\n  path: /p\n"
        + "  expectedContents: ['root(']\n"))
        .hasMessageStartingWith("app.yaml:5:22: fileContentTests[0].expectedContents[0]: invalid regular expression"
            + " \"root(\": Unclosed group");
  }

  @Test
  void should_accept_go_named_groups_and_posix_classes() throws IOException {
    // GIVEN RE2 syntax that java.util.regex spells differently
    String text = "schemaVersion: 2.0.0\nfileContentTests:\n- name: v\n  path: /v\n"
        + "  expectedContents: ['(?P<major>[[:digit:]]+)\\.']\n";

    // WHEN
    StructureTestConfig config = yaml(text);

    // THEN
    assertThat(Regexes.toJava(config.fileContentTests().get(0).expectedContents().get(0)))
        .isEqualTo("(?<major>[\\p{Digit}]+)\\.");
  }

  @Test
  void should_reject_malformed_yaml_duplicate_keys_and_aliases() {
    assertThatThrownBy(() -> yaml("schemaVersion: 2.0.0\nfileExistenceTests: [\n"))
        .hasMessageStartingWith("app.yaml:")
        .hasMessageContaining("is not valid YAML");
    assertThatThrownBy(() -> yaml("schemaVersion: 2.0.0\nschemaVersion: 2.0.0\n"))
        .hasMessageContaining("app.yaml:")
        .hasMessageContaining("uplicate");
    assertThatThrownBy(() -> yaml("schemaVersion: 2.0.0\nfileContentTests:\n- name: &n a\n  path: *n\n"))
        .hasMessage("app.yaml:4:9: YAML aliases (*n) are not supported; write the value out");
  }

  @Test
  void should_name_a_missing_file(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> StructureTestConfig.load(missing))
        .isInstanceOf(StructureTestException.class)
        .hasMessage(missing + ": no such file");
  }

  @Test
  void should_load_yaml_and_json_by_file_name(@TempDir Path dir) throws IOException {
    // GIVEN
    Path yaml = Files.writeString(dir.resolve("a.yaml"), "schemaVersion: 2.0.0\nlicenseTests: [{debian: true}]\n");
    Path json = Files.writeString(dir.resolve("b.json"), "{\"schemaVersion\": \"2.0.0\", \"licenseTests\": [{\"files\":"
        + " [\"/LICENSE\"]}]}");

    // WHEN
    List<StructureTestConfig> configs = List.of(StructureTestConfig.load(yaml), StructureTestConfig.load(json));

    // THEN
    assertThat(configs).extracting(StructureTestConfig::file).containsExactly(yaml.toString(), json.toString());
    assertThat(configs.get(1).licenseTests().get(0).files()).containsExactly("/LICENSE");
  }
}
