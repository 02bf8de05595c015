package io.imagecheck.testkit.error;

import io.imagecheck.inspect.Finding;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the message of a failed {@code hasNoPackageManager()}: each package manager's path, the file it
 * resolves to and the layer and history step that added it.
 */
public final class ShouldNotContainPackageManager extends BasicErrorMessageFactory {

  private ShouldNotContainPackageManager(String image, String found) {
    super("Expecting image %s not to contain a package manager, but %s", unquotedString(image),
        unquotedString(found));
  }

  /**
   * The message for package managers found in an image.
   *
   * @param image the image's source
   * @param managers the {@code package-manager.present} findings (at least one)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldNotContainPackageManager(String image, List<Finding> managers) {
    return new ShouldNotContainPackageManager(Describe.printable(image), Describe.items(managers, Describe::added));
  }
}
