package io.imagecheck.testkit;

import org.jspecify.annotations.Nullable;

/**
 * The explicit soft-assertion wrapper (no proxies): an assertion runs through {@link #run}, which
 * rethrows its failure, or hands it to the {@link SoftImageAssertions} the assert was made by.
 */
final class Soft {

  private Soft() {}

  /**
   * Runs one assertion.
   *
   * @param softly the collector, or null for a hard assertion
   * @param assertion the check; throws {@link AssertionError} when it fails
   */
  static void run(@Nullable SoftImageAssertions softly, Runnable assertion) {
    if (softly == null) {
      assertion.run();
      return;
    }
    try {
      assertion.run();
    } catch (AssertionError e) {
      softly.collect(e);
    }
  }
}
