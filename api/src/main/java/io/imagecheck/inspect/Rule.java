package io.imagecheck.inspect;

import java.util.Objects;

/**
 * A check an inspector performs, described once for reports (a SARIF rule, a JUnit test case) and
 * documentation.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the stable rule id, e.g. {@code shell.present}
 * @param defaultSeverity the severity findings of this rule get unless a policy overrides it
 * @param title a short description, e.g. {@code Image contains a shell}
 * @param description a full description of what is checked and why it matters
 * @param help what to do about a finding
 */
public record Rule(String id, Severity defaultSeverity, String title, String description, String help) {

  /**
   * Checks the components and copies collections.
   *
   * @param id the stable rule id
   * @param defaultSeverity the default severity
   * @param title a short description
   * @param description a full description
   * @param help what to do about a finding
   * @throws IllegalArgumentException when the id is not of the form {@code area.name}
   */
  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(defaultSeverity, "defaultSeverity");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(help, "help");
    if (!id.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+")) {
      throw new IllegalArgumentException("rule id must look like area.name (lower case): " + id);
    }
  }
}
