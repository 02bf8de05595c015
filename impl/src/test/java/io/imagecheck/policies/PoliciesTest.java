package io.imagecheck.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Policy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in policies. */
class PoliciesTest {

  private static Severity rated(Policy p, String rule, Severity inspectorDefault) {
    return p.severityOf(Finding.of(rule, rule.substring(0, rule.indexOf('.')), inspectorDefault, "m"));
  }

  @Test
  void should_run_every_inspector_and_fail_at_high_in_hardened() {
    // GIVEN
    Policy p = Policies.hardened();
    // WHEN / THEN
    assertThat(p.name()).isEqualTo("hardened");
    assertThat(p.inspectors()).isEmpty();
    assertThat(p.runs("shell")).isTrue();
    assertThat(p.failOn()).isEqualTo(Severity.HIGH);
    assertThat(p.disabledRules()).isEmpty();
    assertThat(p.waivers()).isEmpty();
  }

  @Test
  void should_rate_the_hardened_bar_high_or_above_and_a_lone_package_database_info() {
    // GIVEN
    Policy p = Policies.hardened();
    // WHEN / THEN: whatever the inspector says, the policy decides
    for (String rule : new String[] {"shell.present", "package-manager.present", "tools.present", "user.root",
        "user.extra-uid0", "permissions.setuid", "permissions.setgid", "permissions.capabilities", "secrets.env",
        "secrets.build-arg"}) {
      assertThat(rated(p, rule, Severity.LOW)).as(rule).isEqualTo(Severity.HIGH);
    }
    assertThat(rated(p, "secrets.private-key", Severity.LOW)).isEqualTo(Severity.CRITICAL);
    assertThat(rated(p, "secrets.credentials-file", Severity.LOW)).isEqualTo(Severity.CRITICAL);
    assertThat(rated(p, "secrets.token", Severity.LOW)).isEqualTo(Severity.CRITICAL);
    assertThat(rated(p, "package-manager.database", Severity.HIGH)).isEqualTo(Severity.INFO);
    // rules the policy does not name keep the inspector's severity
    assertThat(rated(p, "hygiene.ssh-port", Severity.LOW)).isEqualTo(Severity.LOW);
  }

  @Test
  void should_select_the_cis_inspectors_and_fail_only_at_critical_in_baseline() {
    // GIVEN
    Policy p = Policies.baseline();
    // WHEN / THEN
    assertThat(p.name()).isEqualTo("baseline");
    assertThat(p.inspectors()).containsExactly("user", "permissions", "secrets", "hygiene");
    assertThat(p.runs("shell")).isFalse();
    assertThat(p.failOn()).isEqualTo(Severity.CRITICAL);
    assertThat(p.disabled("permissions.world-writable")).isTrue();
    assertThat(p.disabled("hygiene.ssh-port")).isTrue();
    assertThat(p.disabled("permissions.setuid")).isFalse();
  }

  @Test
  void should_rate_baseline_findings_as_warnings_except_shipped_credentials() {
    // GIVEN
    Policy p = Policies.baseline();
    // WHEN
    Map<String, Severity> severities = p.severities();
    // THEN
    assertThat(severities).hasSize(13).contains(
        entry("user.root", Severity.MEDIUM), entry("user.extra-uid0", Severity.MEDIUM),
        entry("user.unknown", Severity.LOW), entry("hygiene.no-healthcheck", Severity.LOW),
        entry("hygiene.package-cache", Severity.LOW), entry("permissions.setuid", Severity.MEDIUM),
        entry("permissions.setgid", Severity.MEDIUM), entry("hygiene.remote-add", Severity.MEDIUM),
        entry("secrets.private-key", Severity.CRITICAL), entry("secrets.credentials-file", Severity.CRITICAL),
        entry("secrets.token", Severity.CRITICAL), entry("secrets.env", Severity.MEDIUM),
        entry("secrets.build-arg", Severity.MEDIUM));
    assertThat(rated(p, "user.root", Severity.HIGH).atLeast(p.failOn())).isFalse();
    assertThat(rated(p, "secrets.private-key", Severity.HIGH).atLeast(p.failOn())).isTrue();
  }

  @Test
  void should_map_every_baseline_rule_to_a_cis_item() {
    // GIVEN
    Map<String, String> items = Policies.baselineCisItems();
    // WHEN / THEN
    assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(Policies.baseline().severities().keySet());
    assertThat(items).containsEntry("permissions.setuid", "4.8 Ensure setuid and setgid permissions are removed")
        .containsEntry("hygiene.remote-add", "4.9 Ensure that COPY is used instead of ADD in Dockerfiles")
        .containsEntry("hygiene.no-healthcheck",
            "4.6 Ensure that HEALTHCHECK instructions have been added to container images")
        .containsEntry("user.root", "4.1 Ensure that a user for the container has been created")
        .containsEntry("secrets.private-key", "4.10 Ensure secrets are not stored in Dockerfiles");
    assertThat(items.get("hygiene.package-cache")).startsWith("none");
  }

  @Test
  void should_find_built_in_policies_by_name_only() {
    // GIVEN / WHEN / THEN
    assertThat(Policies.names()).containsExactly("hardened", "baseline");
    assertThat(Policies.named("hardened")).containsSame(Policies.hardened());
    assertThat(Policies.named("baseline")).containsSame(Policies.baseline());
    assertThat(Policies.named("Hardened")).isEmpty();
    assertThat(Policies.named("default")).isEmpty();
  }
}
