package io.imagecheck.testkit.error;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the message for an assertion that could not be checked: the inspector it needs did not run or
 * failed. (An unchecked property is never a pass.)
 */
public final class ShouldHaveBeenInspected extends BasicErrorMessageFactory {

  private ShouldHaveBeenInspected(String image, String what, String why) {
    super("Expecting image %s to be checked %s, but %s", unquotedString(image), unquotedString(what),
        unquotedString(why));
  }

  /**
   * The message for an inspector that could not run or is not available.
   *
   * @param image the image's source
   * @param inspector the inspector id, e.g. {@code secrets}
   * @param why e.g. {@code it could not run: IOException: ...} or {@code no such inspector is installed}
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveBeenInspected(String image, String inspector, String why) {
    return new ShouldHaveBeenInspected(Describe.printable(image), "by the " + inspector + " inspector",
        Describe.printable(why));
  }
}
