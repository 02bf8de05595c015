package io.imagecheck.report;

import io.imagecheck.inspect.Finding;
import io.imagecheck.policy.Waiver;
import java.util.Objects;

/**
 * A finding a waiver accepted; it does not count towards the verdict.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param finding the finding
 * @param waiver the waiver that accepted it
 */
public record WaivedFinding(Finding finding, Waiver waiver) {

  /**
   * Checks the components and copies collections.
   *
   * @param finding the finding
   * @param waiver the waiver
   */
  public WaivedFinding {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(waiver, "waiver");
  }
}
