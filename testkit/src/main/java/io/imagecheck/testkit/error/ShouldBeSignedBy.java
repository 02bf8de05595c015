package io.imagecheck.testkit.error;

import io.imagecheck.inspect.Finding;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the message of a failed {@code isSignedBy(key)}: what the signatures inspector found in the
 * source (no signature, a signature by another key, one over another image) and why each does not count.
 */
public final class ShouldBeSignedBy extends BasicErrorMessageFactory {

  private ShouldBeSignedBy(String image, String key, String why) {
    super("Expecting image %s to be signed by %s, but %s", unquotedString(image), unquotedString(key),
        unquotedString(why));
  }

  /**
   * The message for an image without a verified signature by the key.
   *
   * @param image the image's source
   * @param key the key file, as given
   * @param findings the signatures inspector's findings other than verified signatures (at least one)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeSignedBy(String image, String key, List<Finding> findings) {
    return new ShouldBeSignedBy(Describe.printable(image), Describe.printable(key),
        Describe.items(findings, Describe::rated));
  }
}
