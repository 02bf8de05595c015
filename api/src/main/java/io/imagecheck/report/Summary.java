package io.imagecheck.report;

import io.imagecheck.inspect.Severity;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts over a report.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param findings effective findings by severity (every severity present, possibly 0)
 * @param waived findings accepted by waivers
 * @param inspectorsRun inspectors that ran (PASS or FAIL)
 * @param inspectorsFailed inspectors with a finding at or above the threshold
 * @param inspectorsErrored inspectors that could not run
 * @param inspectorsSkipped inspectors not run
 */
public record Summary(
    Map<Severity, Integer> findings, int waived, int inspectorsRun, int inspectorsFailed, int inspectorsErrored,
    int inspectorsSkipped) {

  /**
   * Checks the components and copies collections.
   *
   * @param findings counts by severity
   * @param waived waived findings
   * @param inspectorsRun inspectors that ran
   * @param inspectorsFailed inspectors that failed
   * @param inspectorsErrored inspectors that errored
   * @param inspectorsSkipped inspectors skipped
   */
  public Summary {
    EnumMap<Severity, Integer> m = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      m.put(s, findings.getOrDefault(s, 0));
    }
    findings = Collections.unmodifiableMap(m);
  }

  /**
   * The number of effective findings.
   *
   * @return the total over all severities
   */
  public int total() {
    return findings.values().stream().mapToInt(Integer::intValue).sum();
  }
}
