package io.imagecheck.writers.support;

import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import java.util.Objects;

/**
 * What a report writer says about a rule: the catalogue's {@link Rule} when the rule is known, or a
 * stand-in built from the rule id when it is not (a third-party inspector the catalogue was not told
 * about). Writers use it for SARIF rule metadata, JUnit test cases and table headings.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the rule id, exactly as findings carry it
 * @param inspector the id of the inspector that reports it
 * @param defaultSeverity the rule's default severity (for an unknown rule: the severity it was seen with)
 * @param title a short description (for an unknown rule: its id)
 * @param description a full description
 * @param help what to do about a finding
 * @param known true when the description came from the catalogue
 */
public record RuleInfo(
    String id, String inspector, Severity defaultSeverity, String title, String description, String help,
    boolean known) {

  /**
   * Checks the components.
   *
   * @param id the rule id
   * @param inspector the inspector id
   * @param defaultSeverity the default severity
   * @param title the short description
   * @param description the full description
   * @param help the help text
   * @param known whether the catalogue knew the rule
   */
  public RuleInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(inspector, "inspector");
    Objects.requireNonNull(defaultSeverity, "defaultSeverity");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(help, "help");
  }

  /**
   * A known rule.
   *
   * @param rule the rule
   * @param inspector the id of the inspector that declares it
   * @return its description
   */
  public static RuleInfo of(Rule rule, String inspector) {
    return new RuleInfo(rule.id(), inspector, rule.defaultSeverity(), rule.title(), rule.description(), rule.help(),
        true);
  }

  /**
   * A stand-in for a rule the catalogue does not know: its id is the title.
   *
   * @param id the rule id
   * @param inspector the inspector that reported it
   * @param seen the severity a finding of it had
   * @return the stand-in
   */
  public static RuleInfo unknown(String id, String inspector, Severity seen) {
    return new RuleInfo(id, inspector, seen, id,
        "Rule " + id + " of inspector " + inspector + " (not in the rule catalogue the report was written with,"
            + " so there is no description).",
        "See the finding's message and evidence.", false);
  }
}
