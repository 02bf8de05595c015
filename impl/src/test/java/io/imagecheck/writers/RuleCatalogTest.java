package io.imagecheck.writers;

import io.imagecheck.writers.support.RuleCatalog;
import io.imagecheck.writers.support.RuleInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.Severity;
import io.imagecheck.report.Report;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule catalogue writers describe rules from, and its stand-ins for unknown rules. */
class RuleCatalogTest {

  @TempDir Path tmp;

  @Test
  void should_list_the_rules_of_given_inspectors() {
    // GIVEN the stand-in inspectors
    RuleCatalog catalog = RuleCatalog.of(TestInspectors.fakes());
    // WHEN / THEN each inspector's rules are there, in declaration order, with their inspector
    assertThat(catalog.rulesOf("secrets")).extracting(RuleInfo::id)
        .containsExactly("secrets.private-key", "secrets.env");
    assertThat(catalog.rule("secrets.env")).hasValueSatisfying(r -> {
      assertThat(r.inspector()).isEqualTo("secrets");
      assertThat(r.title()).isEqualTo("Image config sets a secret-looking variable");
      assertThat(r.defaultSeverity()).isEqualTo(Severity.HIGH);
      assertThat(r.known()).isTrue();
    });
    assertThat(catalog.rule("nope.never")).isEmpty();
    assertThat(catalog.rulesOf("nope")).isEmpty();
  }

  @Test
  void should_describe_an_unknown_rule_from_its_finding() {
    // GIVEN a finding of a rule no inspector of the catalogue declares
    Finding f = Finding.of("third-party.odd", "third-party", Severity.MEDIUM, "odd");
    // WHEN described
    RuleInfo r = RuleCatalog.of(TestInspectors.fakes()).ruleOf(f);
    // THEN the stand-in carries the id as title, the inspector and the severity seen
    assertThat(r.known()).isFalse();
    assertThat(r.title()).isEqualTo("third-party.odd");
    assertThat(r.inspector()).isEqualTo("third-party");
    assertThat(r.defaultSeverity()).isEqualTo(Severity.MEDIUM);
    assertThat(r.description()).contains("not in the rule catalogue");
  }

  @Test
  void should_give_the_rules_of_a_report_by_inspector_in_report_order() throws IOException {
    // GIVEN the synthetic report
    Report report = TestReports.synthetic(tmp, false);
    // WHEN asked with the full catalogue and with an empty one
    Map<String, List<RuleInfo>> full = RuleCatalog.of(TestReports.syntheticInspectors()).rulesByInspector(report);
    List<RuleInfo> fromFindings = RuleCatalog.empty().rulesFor(report);
    // THEN every inspector of the report is a key, with its declared rules
    assertThat(full.keySet()).containsExactly("shell", "package-manager", "secrets", "packages", "hygiene", "tools",
        "broken");
    assertThat(full.get("hygiene")).extracting(RuleInfo::id).containsExactly("hygiene.stray-file",
        "hygiene.no-healthcheck");
    assertThat(full.get("packages")).isEmpty();
    // AND without a catalogue, the rules come from the findings (effective and waived), each once, unknown
    assertThat(fromFindings).extracting(RuleInfo::id).containsExactly("shell.present", "package-manager.present",
        "secrets.private-key", "secrets.env", "hygiene.stray-file");
    assertThat(fromFindings).allSatisfy(r -> assertThat(r.known()).isFalse());
  }
}
