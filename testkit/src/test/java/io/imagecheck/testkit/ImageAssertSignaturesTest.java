package io.imagecheck.testkit;

import static io.imagecheck.testkit.ImageCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.source.ImageSource;
import io.imagecheck.testkit.image.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link ImageAssert#isSignedBy(Path)} on unsigned synthetic images (signed ones: the lab IT). */
class ImageAssertSignaturesTest extends ImageFixtures {

  private static Path pemKey(Path dir) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
            g.generateKeyPair().getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    return Files.writeString(dir.resolve("cosign.pub"), pem);
  }

  @Test
  void should_fail_on_an_unsigned_image_saying_no_signature_was_found(@TempDir Path tmp) throws Exception {
    // GIVEN
    Path key = pemKey(tmp);
    try (ImageSource source = TestImages.open(SyntheticImages.HARDENED, tmp)) {
      String digest = source.image().descriptor().digest().toString();

      // WHEN / THEN
      assertThatThrownBy(() -> assertThat(source).isSignedBy(key)).hasMessage("Expecting image "
          + source.image().source() + " to be signed by " + key + ", but [high] signature.missing: no verified"
          + " signature for " + digest + " (no signature or attestation found in " + source.image().source() + ")");
    }
  }

  @Test
  void should_refuse_an_image_whose_source_is_unknown() throws Exception {
    assertThatThrownBy(() -> assertThat(hardened).isSignedBy(Path.of("cosign.pub")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("isSignedBy needs the image's source to find its signatures: use assertThat(source) or"
            + " @ImageUnderTest");
  }
}
