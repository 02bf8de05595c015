package io.imagecheck.testkit.error;

import io.imagecheck.inspect.Finding;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the message of a failed check that an image has no findings of a kind: {@code hasNoSetuidFiles()},
 * {@code hasNoSecrets()}, {@code hasNoFindingsAtOrAbove(...)}: each finding's message and the layer and
 * history step that added its file.
 */
public final class ShouldHaveNoFindings extends BasicErrorMessageFactory {

  private ShouldHaveNoFindings(String image, String what, String found) {
    super("Expecting image %s %s, but %s", unquotedString(image), unquotedString(what), unquotedString(found));
  }

  /**
   * The message for setuid and setgid files.
   *
   * @param image the image's source
   * @param findings the {@code permissions.setuid} and {@code permissions.setgid} findings (at least one)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldNotContainSetuidFiles(String image, List<Finding> findings) {
    return new ShouldHaveNoFindings(Describe.printable(image), "not to contain setuid or setgid files",
        Describe.items(findings, Describe::message));
  }

  /**
   * The message for secrets.
   *
   * @param image the image's source
   * @param findings the {@code secrets.*} findings (at least one)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldNotContainSecrets(String image, List<Finding> findings) {
    return new ShouldHaveNoFindings(Describe.printable(image), "not to contain secrets",
        Describe.items(findings, Describe::message));
  }

  /**
   * The message for findings at or above a severity.
   *
   * @param image the image's source
   * @param threshold the severity, e.g. {@code high}
   * @param findings the findings that reach it (at least one)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveNoFindingsAtOrAbove(String image, String threshold,
      List<Finding> findings) {
    return new ShouldHaveNoFindings(Describe.printable(image), "to have no findings at or above " + threshold,
        Describe.items(findings, Describe::rated));
  }
}
