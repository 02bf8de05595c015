package io.imagecheck.writers.support;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspectors.Inspectors;
import io.imagecheck.report.Report;
import io.imagecheck.report.WaivedFinding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules inspectors declare ({@link Inspector#rules()}), for writers that describe rules and not only
 * findings: SARIF's {@code tool.driver.rules} and JUnit's one test case per rule.
 *
 * <p>A {@link Report} holds results, not inspectors, so a writer needs the catalogue from elsewhere.
 * {@link #builtIn()} lists the built-in inspectors' rules, which is what {@code ReportWriters.sarif()} and
 * the other factories use. A caller that scans with its own inspectors
 * ({@code Scanner.with(policy, inspectors)}) passes {@link #of(List) RuleCatalog.of(scanner.inspectors())}
 * to the writer factories instead. A rule id that a finding carries but the catalogue does not know is
 * described by a stand-in ({@link RuleInfo#unknown}) whose title is the rule id: output stays complete,
 * only less descriptive.
 *
 * <p>Immutable and thread-safe.
 */
public final class RuleCatalog {

  private final Map<String, List<RuleInfo>> byInspector;
  private final Map<String, RuleInfo> byId;

  private RuleCatalog(Map<String, List<RuleInfo>> byInspector) {
    Map<String, List<RuleInfo>> copy = new LinkedHashMap<>();
    Map<String, RuleInfo> ids = new LinkedHashMap<>();
    byInspector.forEach((inspector, rules) -> {
      copy.put(inspector, List.copyOf(rules));
      for (RuleInfo r : rules) {
        ids.putIfAbsent(r.id(), r);
      }
    });
    this.byInspector = Collections.unmodifiableMap(copy);
    this.byId = Collections.unmodifiableMap(ids);
  }

  /**
   * The rules of the built-in inspectors ({@link Inspectors#builtIn()}).
   *
   * @return the catalogue
   */
  public static RuleCatalog builtIn() {
    return of(Inspectors.builtIn());
  }

  /**
   * The rules of given inspectors, e.g. {@code scanner.inspectors()}.
   *
   * @param inspectors the inspectors
   * @return the catalogue
   */
  public static RuleCatalog of(List<? extends Inspector> inspectors) {
    Map<String, List<RuleInfo>> m = new LinkedHashMap<>();
    for (Inspector i : inspectors) {
      List<RuleInfo> rules = m.computeIfAbsent(i.id(), k -> new ArrayList<>());
      for (Rule r : i.rules()) {
        rules.add(RuleInfo.of(r, i.id()));
      }
    }
    return new RuleCatalog(m);
  }

  /**
   * A catalogue that knows no rule (every rule is described from its id).
   *
   * @return the empty catalogue
   */
  public static RuleCatalog empty() {
    return new RuleCatalog(Map.of());
  }

  /**
   * A known rule.
   *
   * @param ruleId the rule id
   * @return its description, if the catalogue has it
   */
  public Optional<RuleInfo> rule(String ruleId) {
    return Optional.ofNullable(byId.get(Objects.requireNonNull(ruleId, "ruleId")));
  }

  /**
   * The rules an inspector declares.
   *
   * @param inspectorId the inspector id
   * @return its rules, in declaration order; empty when the inspector is unknown
   */
  public List<RuleInfo> rulesOf(String inspectorId) {
    return byInspector.getOrDefault(inspectorId, List.of());
  }

  /**
   * The description of a finding's rule: the catalogue's, or a stand-in.
   *
   * @param finding the finding
   * @return the rule's description
   */
  public RuleInfo ruleOf(Finding finding) {
    RuleInfo known = byId.get(finding.ruleId());
    return known != null ? known : RuleInfo.unknown(finding.ruleId(), finding.inspector(), finding.severity());
  }

  /**
   * The rules a report is about, by inspector, in the report's order: for each inspector result the
   * catalogue's rules of that inspector, then the rules of its findings (effective and waived) that the
   * catalogue does not list for it. A rule appears once, under the first inspector that has it.
   *
   * @param report the report
   * @return inspector id to its rules (every inspector of the report is a key, possibly with no rules)
   */
  public Map<String, List<RuleInfo>> rulesByInspector(Report report) {
    Map<String, List<Finding>> byInspectorFindings = new LinkedHashMap<>();
    for (InspectorResult r : report.results()) {
      byInspectorFindings.computeIfAbsent(r.inspector(), k -> new ArrayList<>()).addAll(r.findings());
    }
    for (WaivedFinding w : report.waived()) {
      byInspectorFindings.computeIfAbsent(w.finding().inspector(), k -> new ArrayList<>()).add(w.finding());
    }
    Map<String, List<RuleInfo>> out = new LinkedHashMap<>();
    Set<String> placed = new HashSet<>();
    for (Map.Entry<String, List<Finding>> e : byInspectorFindings.entrySet()) {
      List<RuleInfo> rules = new ArrayList<>();
      for (RuleInfo r : rulesOf(e.getKey())) {
        if (placed.add(r.id())) {
          rules.add(r);
        }
      }
      for (Finding f : e.getValue()) {
        if (placed.add(f.ruleId())) {
          rules.add(ruleOf(f));
        }
      }
      out.put(e.getKey(), List.copyOf(rules));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Every rule a report is about, in the order of {@link #rulesByInspector(Report)}.
   *
   * @param report the report
   * @return the rules, each once
   */
  public List<RuleInfo> rulesFor(Report report) {
    List<RuleInfo> out = new ArrayList<>();
    rulesByInspector(report).values().forEach(out::addAll);
    return out;
  }
}
