package io.imagecheck.report;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of scanning one image under a policy.
 *
 * <p>Compatibility: {@link #SCHEMA_VERSION} follows {@code MAJOR.MINOR}; within a major version,
 * fields are only added, never renamed or removed, in this record and in the JSON form.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param schemaVersion the report schema version, {@value #SCHEMA_VERSION}
 * @param toolVersion the imagecheck version that produced it
 * @param image which image was scanned
 * @param policy the policy it was scanned under
 * @param results one result per inspector, in the policy's order
 * @param waived findings accepted by waivers, with the waiver
 * @param notes things the reader should know that are not findings (expired waivers, read warnings)
 * @param summary counts
 * @param verdict PASS, FAIL or INCOMPLETE
 */
public record Report(
    String schemaVersion,
    String toolVersion,
    ImageIdentity image,
    Policy policy,
    List<InspectorResult> results,
    List<WaivedFinding> waived,
    List<String> notes,
    Summary summary,
    Verdict verdict) {

  /** The current report schema version. */
  public static final String SCHEMA_VERSION = "1.0";

  /**
   * Checks the components and copies collections.
   *
   * @param schemaVersion the schema version
   * @param toolVersion the tool version
   * @param image the image
   * @param policy the policy
   * @param results the inspector results
   * @param waived waived findings
   * @param notes notes
   * @param summary counts
   * @param verdict the verdict
   */
  public Report {
    Objects.requireNonNull(schemaVersion, "schemaVersion");
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(policy, "policy");
    results = List.copyOf(results);
    waived = List.copyOf(waived);
    notes = List.copyOf(notes);
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(verdict, "verdict");
  }

  /**
   * Every effective finding, in result order.
   *
   * @return the findings
   */
  public List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    for (InspectorResult r : results) {
      out.addAll(r.findings());
    }
    return out;
  }

  /**
   * The findings at or above a severity.
   *
   * @param threshold the severity
   * @return matching findings
   */
  public List<Finding> findingsAtOrAbove(Severity threshold) {
    return findings().stream().filter(f -> f.severity().atLeast(threshold)).toList();
  }

  /**
   * The result of one inspector.
   *
   * @param inspector the inspector id
   * @return its result, if it is part of the report
   */
  public Optional<InspectorResult> result(String inspector) {
    return results.stream().filter(r -> r.inspector().equals(inspector)).findFirst();
  }

  /**
   * A fact of one inspector.
   *
   * @param inspector the inspector id
   * @param fact the fact name
   * @return the value, if present
   */
  public Optional<Object> fact(String inspector, String fact) {
    return result(inspector).flatMap(r -> r.fact(fact));
  }

  /**
   * All facts by inspector.
   *
   * @return inspector id to its facts
   */
  public Map<String, Map<String, Object>> facts() {
    Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
    for (InspectorResult r : results) {
      out.put(r.inspector(), r.facts());
    }
    return out;
  }
}
