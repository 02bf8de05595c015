package io.imagecheck.image;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code Healthcheck} of a Docker image config.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param test the test command ({@code ["NONE"]} disables a base image's check; {@code ["CMD", ...]}
 *     or {@code ["CMD-SHELL", "..."]} otherwise)
 * @param interval the time between checks, if set
 * @param timeout the time a check may take, if set
 * @param startPeriod the start-up grace period, if set
 * @param retries consecutive failures before unhealthy (0 when unset)
 */
public record Healthcheck(
    List<String> test, Optional<Duration> interval, Optional<Duration> timeout, Optional<Duration> startPeriod,
    int retries) {

  /**
   * Checks the components and copies collections.
   *
   * @param test the test command ({@code ["NONE"]} disables a base image's check; {@code ["CMD", ...]} or {@code ["CMD-SHELL", "..."]} otherwise)
   * @param interval the time between checks, if set
   * @param timeout the time a check may take, if set
   * @param startPeriod the start-up grace period, if set
   * @param retries consecutive failures before unhealthy (0 when unset)
   */
  public Healthcheck {
    test = List.copyOf(test);
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(startPeriod, "startPeriod");
  }

  /**
   * Tells whether this health check is disabled ({@code NONE}).
   *
   * @return true when the test is {@code ["NONE"]} or empty
   */
  public boolean disabled() {
    return test.isEmpty() || "NONE".equals(test.get(0));
  }
}
