package io.imagecheck.policy;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a scan checks and what fails it.
 *
 * <ul>
 *   <li>{@link #inspectors()}: the inspector ids to run; empty means every available inspector.
 *   <li>{@link #severities()}: severity overrides by rule id (or a {@code *} glob over rule ids; an
 *       exact id wins over a glob).
 *   <li>{@link #disabledRules()}: rule ids (or globs) whose findings are dropped.
 *   <li>{@link #failOn()}: findings at or above this severity fail the scan.
 *   <li>{@link #waivers()}: accepted findings.
 *   <li>{@link #options()}: per-inspector options (e.g. approved base images, required signers).
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. Build with {@link #builder(String)}.
 *
 * @param name the policy's name, e.g. {@code hardened}
 * @param inspectors inspector ids to run; empty for all
 * @param severities severity overrides by rule id or glob
 * @param disabledRules rule ids or globs to ignore
 * @param failOn the fail threshold
 * @param waivers accepted findings
 * @param options options by inspector id
 */
public record Policy(
    String name,
    Set<String> inspectors,
    Map<String, Severity> severities,
    Set<String> disabledRules,
    Severity failOn,
    List<Waiver> waivers,
    Map<String, Map<String, Object>> options) {

  /**
   * Checks the components and copies collections.
   *
   * @param name the policy's name
   * @param inspectors inspector ids to run
   * @param severities severity overrides
   * @param disabledRules rules to ignore
   * @param failOn the fail threshold
   * @param waivers accepted findings
   * @param options per-inspector options
   */
  public Policy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(failOn, "failOn");
    inspectors = Collections.unmodifiableSet(new LinkedHashSet<>(inspectors));
    severities = Collections.unmodifiableMap(new LinkedHashMap<>(severities));
    disabledRules = Collections.unmodifiableSet(new LinkedHashSet<>(disabledRules));
    waivers = List.copyOf(waivers);
    Map<String, Map<String, Object>> opts = new LinkedHashMap<>();
    options.forEach((k, v) -> opts.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    options = Collections.unmodifiableMap(opts);
  }

  /**
   * The generic default: every available inspector at its default severities, failing at
   * {@link Severity#HIGH}. The implementation's {@code hardened} policy refines it.
   *
   * @return the default policy, named {@code default}
   */
  public static Policy defaults() {
    return builder("default").build();
  }

  /**
   * A builder for a policy.
   *
   * @param name the policy's name
   * @return a builder failing at HIGH, running every inspector
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * A builder starting from this policy (to extend it).
   *
   * @param newName the new policy's name
   * @return a builder with this policy's settings
   */
  public Builder extend(String newName) {
    Builder b = new Builder(newName);
    b.inspectors.addAll(inspectors);
    b.severities.putAll(severities);
    b.disabledRules.addAll(disabledRules);
    b.failOn = failOn;
    b.waivers.addAll(waivers);
    options.forEach((k, v) -> b.options.put(k, new LinkedHashMap<>(v)));
    return b;
  }

  /**
   * Tells whether an inspector runs under this policy.
   *
   * @param inspectorId the inspector id
   * @return true when it is selected (or every inspector is)
   */
  public boolean runs(String inspectorId) {
    return inspectors.isEmpty() || inspectors.contains(inspectorId);
  }

  /**
   * Tells whether a rule is disabled.
   *
   * @param ruleId the rule id
   * @return true when an entry of {@link #disabledRules()} matches it
   */
  public boolean disabled(String ruleId) {
    for (String r : disabledRules) {
      if (globMatches(r, ruleId)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The severity a finding gets under this policy: an exact override, else the first matching glob
   * override, else the finding's own.
   *
   * @param finding the finding as the inspector reported it
   * @return the effective severity
   */
  public Severity severityOf(Finding finding) {
    Severity exact = severities.get(finding.ruleId());
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, Severity> e : severities.entrySet()) {
      if (e.getKey().contains("*") && globMatches(e.getKey(), finding.ruleId())) {
        return e.getValue();
      }
    }
    return finding.severity();
  }

  /**
   * The options for one inspector.
   *
   * @param inspectorId the inspector id
   * @return its options; empty when none
   */
  public Map<String, Object> optionsFor(String inspectorId) {
    return Optional.ofNullable(options.get(inspectorId)).orElse(Map.of());
  }

  private static boolean globMatches(String glob, String id) {
    if (!glob.contains("*")) {
      return glob.equals(id);
    }
    return id.matches(java.util.regex.Pattern.quote(glob).replace("*", "\\E.*\\Q"));
  }

  /** A mutable builder for {@link Policy}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final Set<String> inspectors = new LinkedHashSet<>();
    private final Map<String, Severity> severities = new LinkedHashMap<>();
    private final Set<String> disabledRules = new LinkedHashSet<>();
    private Severity failOn = Severity.HIGH;
    private final List<Waiver> waivers = new ArrayList<>();
    private final Map<String, Map<String, Object>> options = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Selects inspectors to run (adds to the selection; an empty selection runs all).
     *
     * @param ids inspector ids
     * @return this builder
     */
    public Builder inspectors(String... ids) {
      inspectors.addAll(List.of(ids));
      return this;
    }

    /**
     * Overrides a rule's severity.
     *
     * @param rule a rule id or glob
     * @param severity the severity
     * @return this builder
     */
    public Builder severity(String rule, Severity severity) {
      severities.put(rule, severity);
      return this;
    }

    /**
     * Disables a rule.
     *
     * @param rule a rule id or glob
     * @return this builder
     */
    public Builder disable(String rule) {
      disabledRules.add(rule);
      return this;
    }

    /**
     * Sets the fail threshold.
     *
     * @param severity findings at or above it fail the scan
     * @return this builder
     */
    public Builder failOn(Severity severity) {
      failOn = Objects.requireNonNull(severity, "severity");
      return this;
    }

    /**
     * Adds a waiver.
     *
     * @param waiver the waiver
     * @return this builder
     */
    public Builder waive(Waiver waiver) {
      waivers.add(Objects.requireNonNull(waiver, "waiver"));
      return this;
    }

    /**
     * Sets an inspector option.
     *
     * @param inspectorId the inspector id
     * @param option the option name
     * @param value a JSON-shaped value
     * @return this builder
     */
    public Builder option(String inspectorId, String option, Object value) {
      options.computeIfAbsent(inspectorId, k -> new LinkedHashMap<>()).put(option, value);
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     */
    public Policy build() {
      return new Policy(name, inspectors, severities, disabledRules, failOn, waivers, options);
    }
  }
}
