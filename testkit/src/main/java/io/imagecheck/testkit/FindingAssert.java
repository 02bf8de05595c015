package io.imagecheck.testkit;

import static io.imagecheck.testkit.error.ShouldHaveFinding.shouldHave;

import io.imagecheck.fs.Origin;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.Severity;
import java.util.Objects;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on one {@link Finding}: its rule, severity, path, layer and message.
 *
 * <pre>{@code
 * assertThat(finding).hasRule("shell.present").hasSeverity(Severity.HIGH).hasPath("/bin/sh").isInLayer(2);
 * // fails: Expecting finding [high] shell.present: ... to be in layer 2, but it is in layer 1 of 3 (...), ...
 * }</pre>
 */
public class FindingAssert extends AbstractAssert<FindingAssert, @Nullable Finding> {

  private final @Nullable SoftImageAssertions softly;

  /**
   * Creates the assert.
   *
   * @param actual the finding, or null when a soft {@code hasFinding} failed
   * @param softly the collector of soft assertions, or null
   */
  FindingAssert(@Nullable Finding actual, @Nullable SoftImageAssertions softly) {
    super(actual, FindingAssert.class);
    this.softly = softly;
  }

  private FindingAssert check(Consumer<Finding> assertion) {
    Finding f = actual;
    if (f == null) {
      // A soft hasFinding failed and was reported; nothing to check.
      return myself;
    }
    Soft.run(softly, () -> assertion.accept(f));
    return myself;
  }

  /**
   * Verifies the rule id.
   *
   * @param ruleId e.g. {@code shell.present}
   * @return this assert
   */
  public FindingAssert hasRule(String ruleId) {
    Objects.requireNonNull(ruleId, "ruleId");
    return check(f -> {
      if (!f.ruleId().equals(ruleId)) {
        throwAssertionError(shouldHave(f, "to have rule " + ruleId, "it has " + f.ruleId()));
      }
    });
  }

  /**
   * Verifies the severity (after the policy's overrides).
   *
   * @param severity the expected severity
   * @return this assert
   */
  public FindingAssert hasSeverity(Severity severity) {
    Objects.requireNonNull(severity, "severity");
    return check(f -> {
      if (f.severity() != severity) {
        throwAssertionError(shouldHave(f, "to have severity " + severity.label(),
            "it has severity " + f.severity().label()));
      }
    });
  }

  /**
   * Verifies the path the finding is about.
   *
   * @param path the image path
   * @return this assert
   */
  public FindingAssert hasPath(String path) {
    Objects.requireNonNull(path, "path");
    return check(f -> {
      if (!f.path().equals(java.util.Optional.of(path))) {
        throwAssertionError(shouldHave(f, "to be about " + path,
            f.path().map(p -> "it is about " + p).orElse("it has no path")));
      }
    });
  }

  /**
   * Verifies the layer that wrote the finding's file, counted from 1.
   *
   * @param layerNumber the layer number, from 1
   * @return this assert
   */
  public FindingAssert isInLayer(int layerNumber) {
    return check(f -> {
      if (f.origin().map(Origin::layerNumber).orElse(0) != layerNumber) {
        throwAssertionError(shouldHave(f, "to be in layer " + layerNumber,
            f.origin().map(o -> "it is in " + o.describe()).orElse("it has no layer")));
      }
    });
  }

  /**
   * Verifies that the message contains a text.
   *
   * @param text the text
   * @return this assert
   */
  public FindingAssert hasMessageContaining(String text) {
    Objects.requireNonNull(text, "text");
    return check(f -> {
      if (!f.message().contains(text)) {
        throwAssertionError(shouldHave(f, "to have a message containing " + Texts.quote(text),
            "its message is " + Texts.quote(f.message())));
      }
    });
  }

  /**
   * Verifies an evidence entry.
   *
   * @param key the evidence key, e.g. {@code resolvedTarget}
   * @param value the expected value
   * @return this assert
   */
  public FindingAssert hasEvidence(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return check(f -> {
      String have = f.evidence().get(key);
      if (!value.equals(have)) {
        throwAssertionError(shouldHave(f, "to have evidence " + key + " = " + Texts.quote(value),
            have == null ? "it has no " + key : "it is " + Texts.quote(have)));
      }
    });
  }
}
