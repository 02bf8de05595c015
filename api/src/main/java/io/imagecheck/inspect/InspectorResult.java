package io.imagecheck.inspect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one inspector found: its status, facts and findings.
 *
 * <p>Facts are structured data for callers to assert on without parsing messages (e.g. {@code shells}:
 * a list of maps, {@code packages}: a list of {@link InstalledPackage}). Values are JSON-shaped:
 * strings, numbers, booleans, lists, maps with string keys, and api records; insertion order is kept.
 *
 * <p>Instances are immutable and thread-safe (facts must not be mutated after construction).
 *
 * @param inspector the inspector id
 * @param status the outcome; inspectors return {@link Status#PASS}, the scanner decides
 *     {@link Status#FAIL} under the policy
 * @param facts structured facts by name
 * @param findings the findings, in the order found
 * @param error why the inspector could not run, for {@link Status#ERROR}
 */
public record InspectorResult(
    String inspector, Status status, Map<String, Object> facts, List<Finding> findings, Optional<String> error) {

  /** The outcome of one inspector. */
  public enum Status {
    /** Ran; nothing at or above the policy's threshold. */
    PASS,
    /** Ran; at least one finding at or above the policy's threshold. */
    FAIL,
    /** Could not run (it threw, or a read limit was hit); the scan is incomplete. */
    ERROR,
    /** Not run (not selected by the policy, or not applicable). */
    SKIPPED
  }

  /**
   * Checks the components and copies collections.
   *
   * @param inspector the inspector id
   * @param status the outcome
   * @param facts structured facts
   * @param findings the findings
   * @param error the error, for ERROR results
   */
  public InspectorResult {
    Objects.requireNonNull(inspector, "inspector");
    Objects.requireNonNull(status, "status");
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    findings = List.copyOf(findings);
    Objects.requireNonNull(error, "error");
  }

  /**
   * A completed inspection.
   *
   * @param inspector the inspector id
   * @param facts structured facts
   * @param findings the findings
   * @return a PASS result (the scanner applies the policy)
   */
  public static InspectorResult of(String inspector, Map<String, Object> facts, List<Finding> findings) {
    return new InspectorResult(inspector, Status.PASS, facts, findings, Optional.empty());
  }

  /**
   * An inspector that could not run.
   *
   * @param inspector the inspector id
   * @param error what went wrong
   * @return an ERROR result
   */
  public static InspectorResult error(String inspector, String error) {
    return new InspectorResult(inspector, Status.ERROR, Map.of(), List.of(), Optional.of(error));
  }

  /**
   * An inspector that was not run.
   *
   * @param inspector the inspector id
   * @param reason why
   * @return a SKIPPED result
   */
  public static InspectorResult skipped(String inspector, String reason) {
    return new InspectorResult(inspector, Status.SKIPPED, Map.of("skipReason", reason), List.of(), Optional.empty());
  }

  /**
   * A fact by name.
   *
   * @param name the fact name
   * @return its value, if present
   */
  public Optional<Object> fact(String name) {
    return Optional.ofNullable(facts.get(name));
  }
}
