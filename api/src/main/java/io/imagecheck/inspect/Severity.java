package io.imagecheck.inspect;

import java.util.Locale;

/**
 * How serious a finding is, from most to least.
 *
 * <p>Immutable and thread-safe (an enum).
 */
public enum Severity {
  /** Exploitable as shipped; fix before deploying. */
  CRITICAL,
  /** Breaks the hardened-image bar (e.g. a shell, a package manager, root). */
  HIGH,
  /** Weakens the image; worth fixing. */
  MEDIUM,
  /** Hygiene. */
  LOW,
  /** Informational; never fails a policy unless its threshold is INFO. */
  INFO;

  /**
   * Tells whether this severity is at least as serious as another.
   *
   * @param threshold the threshold
   * @return true when this is {@code threshold} or more serious
   */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  /**
   * Parses a severity name, ignoring case.
   *
   * @param value e.g. {@code high}
   * @return the severity
   * @throws IllegalArgumentException when the name is unknown (the message lists the names)
   */
  public static Severity parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown severity \"" + value
          + "\"; expected one of critical, high, medium, low, info", e);
    }
  }

  /**
   * The lower-case name used in reports and options.
   *
   * @return e.g. {@code high}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
