package io.imagecheck.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspectors.Inspectors;
import io.imagecheck.policy.Policy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The built-in policies against the rules the built-in inspectors declare: no typo, no rule forgotten. */
class BuiltInRulesTest {

  private static List<Inspector> inspectors() {
    List<Inspector> all = Inspectors.builtIn();
    assumeFalse(all.isEmpty(), "no built-in inspectors registered yet: skipping");
    return all;
  }

  private static Set<String> ruleIds(List<Inspector> inspectors, Policy policy) {
    Set<String> ids = new LinkedHashSet<>();
    for (Inspector i : inspectors) {
      if (policy.runs(i.id())) {
        i.rules().stream().map(Rule::id).forEach(ids::add);
      }
    }
    return ids;
  }

  @Test
  void should_name_only_rules_that_a_built_in_inspector_declares() {
    // GIVEN the rules of the registered inspectors (a rule's area is its inspector's id)
    List<Inspector> inspectors = inspectors();
    Set<String> known = ruleIds(inspectors, Policies.hardened());
    Set<String> areas = new LinkedHashSet<>();
    inspectors.forEach(i -> areas.add(i.id()));
    // WHEN / THEN
    int checked = 0;
    for (Policy p : List.of(Policies.hardened(), Policies.baseline())) {
      Set<String> named = new LinkedHashSet<>(p.severities().keySet());
      named.addAll(p.disabledRules());
      for (String rule : named) {
        if (areas.contains(rule.substring(0, rule.indexOf('.')))) {
          assertThat(known).as("%s names %s", p.name(), rule).contains(rule);
          checked++;
        }
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  void should_rate_or_disable_every_rule_of_the_baseline_inspectors() {
    // GIVEN
    List<Inspector> inspectors = inspectors();
    Policy baseline = Policies.baseline();
    assumeFalse(inspectors.stream().map(Inspector::id).noneMatch(id -> baseline.inspectors().contains(id)),
        "the baseline's inspectors are not registered yet: skipping");
    // WHEN
    Set<String> rules = ruleIds(inspectors, baseline);
    // THEN every rule is a deliberate choice: mapped to a CIS item, or disabled
    for (String rule : rules) {
      assertThat(Policies.baselineCisItems().containsKey(rule) || baseline.disabled(rule))
          .as("baseline rates or disables %s", rule).isTrue();
    }
  }
}
