package io.imagecheck.testkit.error;

import io.imagecheck.inspect.Finding;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the message of a failed {@code hasNoShell()}: each shell's path, the file it resolves to and the
 * layer and history step that added it.
 */
public final class ShouldNotContainShell extends BasicErrorMessageFactory {

  private ShouldNotContainShell(String image, String found) {
    super("Expecting image %s not to contain a shell, but %s", unquotedString(image), unquotedString(found));
  }

  /**
   * The message for shells found in an image.
   *
   * @param image the image's source, e.g. {@code oci:build/image}
   * @param shells the {@code shell.present} and {@code shell.off-path} findings (at least one)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldNotContainShell(String image, List<Finding> shells) {
    return new ShouldNotContainShell(Describe.printable(image), Describe.items(shells, Describe::added));
  }
}
