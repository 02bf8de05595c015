package io.imagecheck.testkit.error;

import io.imagecheck.inspect.Finding;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the messages of a failed {@code isSignedBy(...)} or {@code hasProvenance(...)}: what the signatures
 * inspector found in the source (no signature, a signature by another key or identity, one over another
 * image, a provenance from another builder) and why each does not count.
 */
public final class ShouldBeSignedBy extends BasicErrorMessageFactory {

  private ShouldBeSignedBy(String image, String expected, String why) {
    super("Expecting image %s %s, but %s", unquotedString(image), unquotedString(expected), unquotedString(why));
  }

  /**
   * The message for an image without a verified signature by the key.
   *
   * @param image the image's source
   * @param key the key file or identity, as given
   * @param findings the signatures inspector's findings other than verified signatures (at least one)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeSignedBy(String image, String key, List<Finding> findings) {
    return new ShouldBeSignedBy(Describe.printable(image), "to be signed by " + Describe.printable(key),
        Describe.items(findings, Describe::rated));
  }

  /**
   * The message for an image without a verified SLSA provenance by the signer and an allowed builder.
   *
   * @param image the image's source
   * @param signer the signer, as {@code Signer.toString()} prints it
   * @param builderIdRegexp the builder ids allowed
   * @param findings the signatures inspector's findings about attestations and signatures (at least one)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveProvenance(String image, String signer, String builderIdRegexp,
      List<Finding> findings) {
    return new ShouldBeSignedBy(Describe.printable(image), "to have SLSA provenance signed by "
        + Describe.printable(signer) + " from a builder matching /" + Describe.printable(builderIdRegexp) + "/",
        Describe.items(findings, Describe::rated));
  }
}
