package io.imagecheck.report;

/**
 * The outcome of a scan under a policy.
 *
 * <p>Immutable and thread-safe (an enum).
 */
public enum Verdict {
  /** Every selected inspector ran and nothing reached the fail threshold. */
  PASS,
  /** A finding reached the fail threshold. */
  FAIL,
  /** An inspector errored or a read limit was hit: the scan cannot vouch for the image, so it never passes. */
  INCOMPLETE
}
