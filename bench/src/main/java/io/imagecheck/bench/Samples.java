package io.imagecheck.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Repeated measurements of one quantity (seconds, or MiB for memory rows), with their minimum and median.
 *
 * <p>Not thread-safe.
 */
final class Samples {

  private final List<Double> values = new ArrayList<>();

  void add(double value) {
    values.add(value);
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  int size() {
    return values.size();
  }

  double get(int i) {
    return values.get(i);
  }

  double min() {
    return Collections.min(values);
  }

  double median() {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double max() {
    return Collections.max(values);
  }

  /** "min / median", or "–" when empty. */
  String describe() {
    if (values.isEmpty()) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.3f / %.3f", min(), median());
  }

  /** Every value, for the log. */
  String all() {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", v));
    }
    return b.toString();
  }

  /** A stopwatch in seconds. */
  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
