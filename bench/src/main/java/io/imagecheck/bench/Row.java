package io.imagecheck.bench;

import java.util.Locale;

/**
 * One line of the results table: imagecheck's measurement next to the baseline it is compared with,
 * their ratio, and the target.
 *
 * @param target the target's number in the issue, e.g. {@code 1}, or {@code –} for a diagnostic row
 * @param what what imagecheck did
 * @param baselineName what the baseline is
 * @param baseline the baseline's samples
 * @param ours imagecheck's samples
 * @param unit the samples' unit ({@code s} or {@code MiB})
 * @param goal the target ratio
 * @param note what the row means, or why it was skipped
 */
record Row(String target, String what, String baselineName, Samples baseline, Samples ours, String unit, Goal goal,
    String note) {

  /**
   * A target on a ratio.
   *
   * @param speedup true when the ratio is baseline/ours and must be at least {@code limit} (the cache's
   *     speed-up); false when it is ours/baseline and must be at most {@code limit}
   * @param limit the limit, or 0 for a diagnostic row without a target
   */
  record Goal(boolean speedup, double limit) {

    static Goal atMost(double limit) {
      return new Goal(false, limit);
    }

    static Goal speedupOfAtLeast(double limit) {
      return new Goal(true, limit);
    }

    static Goal none() {
      return new Goal(false, 0);
    }

    String describe() {
      if (limit == 0) {
        return "–";
      }
      return String.format(Locale.ROOT, speedup ? "≥ %.2g× faster" : "≤ %.2f×", limit);
    }

    boolean met(double ratio) {
      return speedup ? ratio >= limit : ratio <= limit;
    }
  }

  static Row skipped(String target, String what, String reason) {
    return new Row(target, what, "–", new Samples(), new Samples(), "s", Goal.none(), "skipped: " + reason);
  }

  boolean measured() {
    return !baseline.isEmpty() && !ours.isEmpty();
  }

  double ratioMin() {
    return goal.speedup() ? baseline.min() / ours.min() : ours.min() / baseline.min();
  }

  double ratioMedian() {
    return goal.speedup() ? baseline.median() / ours.median() : ours.median() / baseline.median();
  }

  /** "yes" when both the min and the median ratio meet the goal, "min only", "no", or "–". */
  String met() {
    if (!measured() || goal.limit() == 0) {
      return "–";
    }
    boolean min = goal.met(ratioMin());
    boolean median = goal.met(ratioMedian());
    return min && median ? "yes" : min ? "min only" : "**no**";
  }

  String ratios() {
    if (!measured()) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.2f / %.2f", ratioMin(), ratioMedian());
  }
}
