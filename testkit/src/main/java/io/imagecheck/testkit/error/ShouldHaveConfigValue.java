package io.imagecheck.testkit.error;

import io.imagecheck.structure.HistoryInstructions.HistoryStep;
import java.util.Optional;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the messages of the config assertions ({@code hasUser}, {@code hasLabel}, {@code hasEnv},
 * {@code hasEntrypoint}, {@code hasCmd}, {@code hasWorkdir}, {@code exposesPorts}): what was expected,
 * what the config has, and the history step that set it when the builder recorded one.
 */
public final class ShouldHaveConfigValue extends BasicErrorMessageFactory {

  private ShouldHaveConfigValue(String image, String expected, String actual) {
    super("Expecting image %s %s, but %s", unquotedString(image), unquotedString(expected), unquotedString(actual));
  }

  /**
   * The message for a config value that differs.
   *
   * @param image the image's source
   * @param expected e.g. {@code to have label "a" = "b"}
   * @param actual e.g. {@code it is "c"}
   * @param step the history step that set the value, if known
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHave(String image, String expected, String actual,
      Optional<HistoryStep> step) {
    return new ShouldHaveConfigValue(Describe.printable(image), expected, actual + Describe.setBy(step));
  }
}
