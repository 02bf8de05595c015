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
  INCOMPLETE;

  /**
   * The worst verdict of several scans (of the platforms of one index, say): INCOMPLETE over FAIL over
   * PASS, so that a set of scans passes only when every one passes and vouches for its image.
   *
   * @param reports the reports
   * @return the worst verdict
   * @throws IllegalArgumentException when there is no report
   */
  public static Verdict worst(java.util.List<Report> reports) {
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("no reports");
    }
    Verdict worst = PASS;
    for (Report r : reports) {
      if (r.verdict().ordinal() > worst.ordinal()) {
        worst = r.verdict();
      }
    }
    return worst;
  }
}
