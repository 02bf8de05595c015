package io.imagecheck.inspectors.secrets;

import java.util.Objects;

/**
 * One kind of secret found in one file: the rule it falls under, a stable kind, a human description
 * and a masked hint (never the value).
 *
 * @param ruleId the rule, e.g. {@code secrets.private-key}
 * @param kind a stable kind for facts, e.g. {@code private-key}, {@code aws-credentials},
 *     {@code github-token}
 * @param description what it is, e.g. {@code RSA private key}
 * @param hint a masked hint, e.g. {@code ghp_… (40 characters)} or {@code 1,679 bytes}
 * @param count how many of this kind the file holds (at least 1)
 */
record SecretHit(String ruleId, String kind, String description, String hint, int count) {

  /**
   * Checks the components.
   *
   * @param ruleId the rule
   * @param kind the kind
   * @param description what it is
   * @param hint a masked hint
   * @param count how many
   */
  SecretHit {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(hint, "hint");
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive: " + count);
    }
  }
}
