package io.imagecheck.policy;

import io.imagecheck.fs.PathGlob;
import io.imagecheck.inspect.Finding;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An accepted finding: a rule (exact id, or a glob such as {@code tools.*}), optionally limited to
 * paths matching a glob, with the reason it is accepted and an optional expiry date. An expired waiver
 * stops waiving, and the report says so.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param rule the rule id or a glob over rule ids ({@code *} matches any characters)
 * @param path the paths it covers; empty for every finding of the rule
 * @param reason why the finding is accepted (required: waivers are reviewed by people)
 * @param expires the last day the waiver applies, if it expires
 */
public record Waiver(String rule, Optional<PathGlob> path, String reason, Optional<LocalDate> expires) {

  /**
   * Checks the components and copies collections.
   *
   * @param rule the rule id or glob
   * @param path the paths covered, if limited
   * @param reason why the finding is accepted
   * @param expires the expiry date, if any
   * @throws IllegalArgumentException when the rule or the reason is blank
   */
  public Waiver {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(expires, "expires");
    if (rule.isBlank()) {
      throw new IllegalArgumentException("a waiver needs a rule");
    }
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a waiver needs a reason (rule " + rule + ")");
    }
  }

  /**
   * Tells whether the waiver has expired on a day.
   *
   * @param today the day of the scan
   * @return true when {@code today} is after the expiry date
   */
  public boolean isExpired(LocalDate today) {
    return expires.map(today::isAfter).orElse(false);
  }

  /**
   * Tells whether this waiver covers a finding, ignoring expiry.
   *
   * @param finding the finding
   * @return true when the rule (and, if limited, the path) match
   */
  public boolean matches(Finding finding) {
    if (!ruleMatches(finding.ruleId())) {
      return false;
    }
    if (path.isEmpty()) {
      return true;
    }
    return finding.path().map(p -> path.get().matches(p)).orElse(false);
  }

  private boolean ruleMatches(String ruleId) {
    if (!rule.contains("*")) {
      return rule.equals(ruleId);
    }
    String regex = java.util.regex.Pattern.quote(rule).replace("*", "\\E.*\\Q");
    return ruleId.matches(regex);
  }
}
