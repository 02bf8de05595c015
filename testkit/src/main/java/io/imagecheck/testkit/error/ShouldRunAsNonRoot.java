package io.imagecheck.testkit.error;

import io.imagecheck.inspect.Finding;
import io.imagecheck.structure.HistoryInstructions.HistoryStep;
import java.util.Optional;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the message of a failed {@code runsAsNonRoot()}: why the user is root, the history step that set
 * {@code USER}, and the layer that added the {@code /etc/passwd} entry it maps through.
 */
public final class ShouldRunAsNonRoot extends BasicErrorMessageFactory {

  private ShouldRunAsNonRoot(String image, String why) {
    super("Expecting image %s to run as a non-root user, but %s", unquotedString(image), unquotedString(why));
  }

  /**
   * The message for an image that runs as root.
   *
   * @param image the image's source
   * @param root the {@code user.root} finding
   * @param step the step that set {@code USER}, if the history records it
   * @return the message factory
   */
  public static ErrorMessageFactory shouldRunAsNonRoot(String image, Finding root, Optional<HistoryStep> step) {
    String why = Describe.printable(root.message()) + Describe.setBy(step)
        + root.origin().map(o -> "; " + Describe.printable(root.path().orElse("")) + " was added by "
            + Describe.origin(o)).orElse("");
    return new ShouldRunAsNonRoot(Describe.printable(image), why);
  }
}
