package io.imagecheck.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import io.imagecheck.fs.PathGlob;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Policy;
import io.imagecheck.policy.Waiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy files: YAML and JSON, extends chains, and every kind of mistake. */
class PolicyFilesTest {

  @TempDir Path tmp;

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private PolicyException failure(Path file) {
    Throwable t = catchThrowable(() -> Policies.load(file));
    assertThat(t).isInstanceOf(PolicyException.class);
    return (PolicyException) t;
  }

  @Test
  void should_read_every_key_of_a_yaml_policy() throws IOException {
    // GIVEN
    Path file = write("ci.yaml", """
        name: ci
        description: the CI gate
        inspectors: [shell, tools]
        failOn: medium
        severities:
          tools.*: low
          tools.present: critical
        disable:
          - hygiene.ssh-port
        waivers:
          - rule: tools.present
            path: /usr/bin/curl
            reason: health check
            expires: 2026-12-31
          - rule: shell.*
            reason: debug image
        options:
          tools:
            allow: [curl, wget]
            max: 3
            strict: true
        """);
    // WHEN
    Policy p = Policies.load(file);
    // THEN
    assertThat(p.name()).isEqualTo("ci");
    assertThat(p.inspectors()).containsExactly("shell", "tools");
    assertThat(p.failOn()).isEqualTo(Severity.MEDIUM);
    assertThat(p.severities()).containsExactly(entry("tools.*", Severity.LOW), entry("tools.present", Severity.CRITICAL));
    assertThat(p.disabledRules()).containsExactly("hygiene.ssh-port");
    assertThat(p.waivers()).containsExactly(
        new Waiver("tools.present", Optional.of(PathGlob.of("/usr/bin/curl")), "health check",
            Optional.of(LocalDate.of(2026, 12, 31))),
        new Waiver("shell.*", Optional.empty(), "debug image", Optional.empty()));
    assertThat(p.optionsFor("tools")).containsExactly(entry("allow", List.of("curl", "wget")), entry("max", 3),
        entry("strict", true));
  }

  @Test
  void should_read_a_json_policy_and_name_it_after_the_file() throws IOException {
    // GIVEN
    Path file = write("gate.json", """
        {"extends": "baseline", "failOn": "HIGH", "severities": {"user.root": "high"},
         "waivers": [{"rule": "secrets.env", "reason": "test key", "expires": "2027-01-01"}]}
        """);
    // WHEN
    Policy p = Policies.load(file);
    // THEN
    assertThat(p.name()).isEqualTo("gate");
    assertThat(p.failOn()).isEqualTo(Severity.HIGH);
    assertThat(p.inspectors()).containsExactly("user", "permissions", "secrets", "hygiene");
    assertThat(p.severities()).containsEntry("user.root", Severity.HIGH).containsEntry("secrets.env", Severity.MEDIUM);
    assertThat(p.severities().keySet()).first().isEqualTo("user.root");
    assertThat(p.disabledRules()).containsAll(Policies.baseline().disabledRules());
    assertThat(p.waivers()).singleElement().extracting(Waiver::rule).isEqualTo("secrets.env");
  }

  @Test
  void should_merge_a_chain_of_files_over_hardened() throws IOException {
    // GIVEN: child (in a sub-directory) -> ../base/team.yaml -> hardened
    write("base/team.yaml", """
        extends: hardened
        inspectors: [shell, tools, secrets]
        severities:
          tools.present: medium
          "hygiene.*": low
        disable: [hygiene.mutable-tag]
        waivers:
          - {rule: tools.present, path: /usr/bin/curl, reason: team-wide}
        options:
          tools: {allow: [curl], mode: strict}
        """);
    Path child = write("svc/policy.yml", """
        extends: ../base/team.yaml
        inspectors: [shell, tools]
        failOn: critical
        severities:
          tools.present: low
        disable: [hygiene.ssh-port]
        waivers:
          - {rule: shell.present, reason: service-only}
        options:
          tools: {allow: [wget]}
          shell: {extra: [busybox]}
        """);
    // WHEN
    Policy p = Policies.load(child);
    // THEN
    assertThat(p.name()).isEqualTo("policy");
    assertThat(p.inspectors()).containsExactly("shell", "tools");
    assertThat(p.failOn()).isEqualTo(Severity.CRITICAL);
    assertThat(p.severities()).containsEntry("tools.present", Severity.LOW)
        .containsEntry("hygiene.*", Severity.LOW)
        .containsEntry("shell.present", Severity.HIGH)
        .containsEntry("package-manager.database", Severity.INFO);
    assertThat(p.severities().keySet()).first().isEqualTo("tools.present");
    assertThat(p.disabledRules()).containsExactly("hygiene.mutable-tag", "hygiene.ssh-port");
    assertThat(p.waivers()).extracting(Waiver::reason).containsExactly("team-wide", "service-only");
    assertThat(p.optionsFor("tools")).containsExactly(entry("allow", List.of("wget")), entry("mode", "strict"));
    assertThat(p.optionsFor("shell")).containsExactly(entry("extra", List.of("busybox")));
  }

  @Test
  void should_start_from_inspector_defaults_without_extends() throws IOException {
    // GIVEN
    Path file = write("plain.yaml", "waivers: []\n");
    // WHEN
    Policy p = Policies.load(file);
    // THEN
    assertThat(p.name()).isEqualTo("plain");
    assertThat(p.inspectors()).isEmpty();
    assertThat(p.severities()).isEmpty();
    assertThat(p.failOn()).isEqualTo(Severity.HIGH);
  }

  @Test
  void should_load_the_documented_example_files() throws IOException {
    // GIVEN: docs/examples, read from the module's directory as the build runs tests
    Path yaml = Path.of("../docs/examples/imagecheck-policy.yaml");
    Path json = Path.of("../docs/examples/imagecheck-policy.json");
    // WHEN
    Policy p = Policies.load(yaml);
    Policy ci = Policies.load(json);
    // THEN
    assertThat(p.name()).isEqualTo("payments-api");
    assertThat(p.failOn()).isEqualTo(Severity.HIGH);
    assertThat(p.severities()).containsEntry("hygiene.*", Severity.LOW).containsEntry("shell.present", Severity.HIGH);
    assertThat(p.waivers()).hasSize(2);
    assertThat(p.optionsFor("tools")).containsEntry("allow", List.of("curl"));
    assertThat(ci.name()).isEqualTo("payments-api-ci");
    assertThat(ci.failOn()).isEqualTo(Severity.MEDIUM);
    assertThat(ci.waivers()).extracting(Waiver::rule)
        .containsExactly("tools.present", "permissions.setgid", "hygiene.package-cache");
  }

  @Test
  void should_name_the_cycle_and_where_it_closes() throws IOException {
    // GIVEN
    write("a.yaml", "extends: b.yaml\n");
    write("b.yaml", "failOn: low\nextends: ./a.yaml\n");
    // WHEN
    PolicyException e = failure(tmp.resolve("a.yaml"));
    // THEN
    assertThat(e.getMessage()).isEqualTo(tmp.resolve("b.yaml") + ":2:10: extends: extends cycle: a.yaml -> b.yaml -> a.yaml");
    assertThat(e.file()).isEqualTo(tmp.resolve("b.yaml").toString());
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.field()).isEqualTo("extends");
  }

  @Test
  void should_reject_a_file_extending_itself() throws IOException {
    // GIVEN
    Path self = write("self.yaml", "extends: self.yaml\n");
    // WHEN
    PolicyException e = failure(self);
    // THEN
    assertThat(e.problem()).isEqualTo("extends cycle: self.yaml -> self.yaml");
    assertThat(e.line()).isEqualTo(1);
  }

  @Test
  void should_reject_an_unknown_key_with_a_hint() throws IOException {
    // GIVEN: a typo that would otherwise silently keep the default threshold
    Path file = write("typo.yaml", "extends: hardened\nfailon: critical\n");
    // WHEN
    PolicyException e = failure(file);
    // THEN
    assertThat(e.getMessage()).isEqualTo(file + ":2:1: unknown key \"failon\" (did you mean failOn?); expected one of "
        + "name, description, extends, inspectors, failOn, severities, disable, waivers, options");
  }

  @Test
  void should_reject_an_unknown_waiver_key() throws IOException {
    // GIVEN
    Path file = write("w.yaml", """
        waivers:
          - rule: tools.present
            reason: ok
            expiry: 2026-01-01
        """);
    // WHEN
    PolicyException e = failure(file);
    // THEN
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo(5);
    assertThat(e.field()).isEqualTo("waivers[0]");
    assertThat(e.problem()).startsWith("unknown key \"expiry\" (did you mean expires?)");
  }

  @Test
  void should_reject_a_bad_severity_naming_line_column_and_field() throws IOException {
    // GIVEN
    Path file = write("sev.yaml", "severities:\n  shell.present: hgh\n");
    // WHEN
    PolicyException e = failure(file);
    // THEN
    assertThat(e.getMessage()).isEqualTo(file + ":2:18: severities.shell.present: unknown severity \"hgh\"; "
        + "expected one of critical, high, medium, low, info");
  }

  @Test
  void should_reject_a_bad_fail_threshold_in_json() throws IOException {
    // GIVEN
    Path file = write("f.json", "{\n  \"failOn\": 3\n}\n");
    // WHEN
    PolicyException e = failure(file);
    // THEN
    assertThat(e.getMessage()).isEqualTo(file + ":2:13: failOn: is a number; expected a string");
  }

  @Test
  void should_reject_a_malformed_rule_id() throws IOException {
    // GIVEN
    Path file = write("r.yaml", "disable: [Shell.Present]\n");
    // WHEN
    PolicyException e = failure(file);
    // THEN
    assertThat(e.field()).isEqualTo("disable[0]");
    assertThat(e.problem()).startsWith("\"Shell.Present\" is not a rule id or glob");
  }

  @Test
  void should_reject_a_waiver_without_reason_or_with_a_bad_date() throws IOException {
    // GIVEN
    Path noReason = write("n.yaml", "waivers:\n  - rule: tools.present\n");
    Path badDate = write("d.yaml", "waivers:\n  - {rule: tools.present, reason: x, expires: 2026-13-01}\n");
    // WHEN
    PolicyException e1 = failure(noReason);
    PolicyException e2 = failure(badDate);
    // THEN
    assertThat(e1.field()).isEqualTo("waivers[0]");
    assertThat(e1.problem()).isEqualTo("a waiver needs a reason (waivers are reviewed by people)");
    assertThat(e2.getMessage()).isEqualTo(badDate + ":2:47: waivers[0].expires: \"2026-13-01\" is not a date; "
        + "expected YYYY-MM-DD, e.g. 2026-12-31");
  }

  @Test
  void should_reject_duplicate_keys() throws IOException {
    // GIVEN
    Path file = write("dup.yaml", "failOn: low\nseverities: {}\nfailOn: critical\n");
    // WHEN
    PolicyException e = failure(file);
    // THEN
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.problem()).isEqualTo("duplicate key (first on line 1)");
  }

  @Test
  void should_reject_yaml_aliases() throws IOException {
    // GIVEN
    Path file = write("alias.yaml", """
        waivers:
          - &w {rule: tools.present, reason: x}
          - *w
        """);
    // WHEN
    PolicyException e = failure(file);
    // THEN
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.field()).isEqualTo("waivers[1]");
    assertThat(e.problem()).contains("YAML aliases (*w) are not supported");
  }

  @Test
  void should_reject_malformed_yaml_with_its_line() throws IOException {
    // GIVEN
    Path file = write("bad.yaml", "failOn: high\nseverities: [unclosed\n");
    // WHEN
    PolicyException e = failure(file);
    // THEN
    assertThat(e.problem()).isEqualTo("not valid YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence)");
    assertThat(e.line()).isEqualTo(3);
  }

  @Test
  void should_reject_malformed_json_with_its_line() throws IOException {
    // GIVEN
    Path file = write("bad.json", "{\n  \"failOn\": \"high\",\n}\n");
    // WHEN
    PolicyException e = failure(file);
    // THEN
    assertThat(e.problem()).startsWith("not valid JSON: ");
    assertThat(e.line()).isEqualTo(3);
  }

  @Test
  void should_reject_documents_that_are_not_one_mapping() throws IOException {
    // GIVEN
    Path list = write("list.yaml", "- shell\n");
    Path two = write("two.yaml", "failOn: high\n---\nfailOn: low\n");
    Path empty = write("empty.yaml", "");
    // WHEN / THEN
    assertThat(failure(list).problem()).isEqualTo("is a list; expected a mapping with keys such as extends, failOn, "
        + "severities");
    assertThat(failure(two).problem()).isEqualTo("more than one YAML document; a policy file holds one");
    assertThat(failure(empty).problem()).isEqualTo("is empty; expected a YAML mapping");
  }

  @Test
  void should_reject_unknown_parents() throws IOException {
    // GIVEN
    Path name = write("x.yaml", "extends: hardend\n");
    Path file = write("y.yaml", "extends: parents/missing.yaml\n");
    // WHEN
    PolicyException e1 = failure(name);
    PolicyException e2 = failure(file);
    // THEN
    assertThat(e1.getMessage()).isEqualTo(name + ":1:10: extends: \"hardend\" is neither a built-in policy "
        + "(hardened, baseline) nor a file next to this one");
    assertThat(e2.getMessage()).isEqualTo(file + ":1:10: extends: no such policy file: "
        + tmp.resolve("parents/missing.yaml"));
  }

  @Test
  void should_reject_a_missing_file_and_an_oversized_one() throws IOException {
    // GIVEN
    Path missing = tmp.resolve("nope.yaml");
    Path big = write("big.yaml", "description: \"" + "x".repeat(PolicyFiles.MAX_BYTES) + "\"\n");
    // WHEN / THEN
    assertThat(failure(missing).getMessage()).isEqualTo(missing + ": no such policy file");
    assertThat(failure(big).problem()).isEqualTo("is larger than 1048576 bytes; a policy file is small");
  }

  @Test
  void should_reject_null_options_and_bad_inspector_ids() throws IOException {
    // GIVEN
    Path nullOption = write("o.yaml", "options:\n  tools:\n    allow:\n");
    Path badId = write("i.yaml", "inspectors: [Shell]\n");
    // WHEN / THEN
    assertThat(failure(nullOption).field()).isEqualTo("options.tools.allow");
    assertThat(failure(nullOption).problem()).isEqualTo("is null; give a value or leave the option out");
    assertThat(failure(badId).problem()).isEqualTo("\"Shell\" is not an inspector id (lower case, e.g. shell)");
  }

  @Test
  void should_resolve_a_name_or_a_file() throws IOException {
    // GIVEN
    Path file = write("r.yaml", "extends: baseline\nname: mine\n");
    // WHEN / THEN
    assertThat(Policies.resolve("hardened")).isSameAs(Policies.hardened());
    assertThat(Policies.resolve(file.toString()).name()).isEqualTo("mine");
    assertThat(Policies.resolve(file.toString()).failOn()).isEqualTo(Severity.CRITICAL);
  }
}
