package io.imagecheck.inspect;

import io.imagecheck.fs.Origin;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Something wrong (or worth knowing) about an image: a stable rule id, the inspector that found it,
 * a severity, a message, and where it is: the path inside the image and the layer and history step
 * that put it there. Evidence is a map of short strings (never secret values: inspectors mask them).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param ruleId the stable rule id, e.g. {@code shell.present}
 * @param inspector the id of the inspector that found it, e.g. {@code shell}
 * @param severity the severity (after any policy override)
 * @param message a one-line human message
 * @param path the path inside the image, when the finding is about a file
 * @param origin the layer and history step that added the path, when known
 * @param evidence supporting details, e.g. {@code resolvedTarget=/bin/busybox} (sorted by key)
 */
public record Finding(
    String ruleId,
    String inspector,
    Severity severity,
    String message,
    Optional<String> path,
    Optional<Origin> origin,
    Map<String, String> evidence) {

  /**
   * Checks the components and copies collections.
   *
   * @param ruleId the stable rule id
   * @param inspector the inspector id
   * @param severity the severity
   * @param message a one-line message
   * @param path the path inside the image, if any
   * @param origin the layer and history step, if known
   * @param evidence supporting details
   */
  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(inspector, "inspector");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(origin, "origin");
    evidence = evidence.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(evidence));
  }

  /**
   * A finding about the image as a whole (no path).
   *
   * @param ruleId the rule id
   * @param inspector the inspector id
   * @param severity the severity
   * @param message the message
   * @return the finding
   */
  public static Finding of(String ruleId, String inspector, Severity severity, String message) {
    return new Finding(ruleId, inspector, severity, message, Optional.empty(), Optional.empty(), Map.of());
  }

  /**
   * A finding about a path.
   *
   * @param ruleId the rule id
   * @param inspector the inspector id
   * @param severity the severity
   * @param message the message
   * @param path the path inside the image
   * @param origin the layer and step that added it, or null
   * @param evidence supporting details
   * @return the finding
   */
  public static Finding at(String ruleId, String inspector, Severity severity, String message, String path,
      @Nullable Origin origin, Map<String, String> evidence) {
    return new Finding(ruleId, inspector, severity, message, Optional.of(path), Optional.ofNullable(origin),
        evidence);
  }

  /**
   * The same finding with another severity (a policy override).
   *
   * @param newSeverity the severity
   * @return the new finding
   */
  public Finding withSeverity(Severity newSeverity) {
    return new Finding(ruleId, inspector, newSeverity, message, path, origin, evidence);
  }
}
