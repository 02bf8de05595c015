package io.imagecheck.testkit;

import static io.imagecheck.testkit.ImageCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link ImageAssert#isSignedBy(Signer)} and {@link ImageAssert#hasProvenance(Signer, String)} on
 * slsa-verifier's real {@code cosign save} layout ({@code fixtures/real/slsa-verifier-cosign-layout-v1.4.0}: a
 * keyless SLSA v0.2 attestation by the slsa-github-generator container workflow, Rekor log index 10957770).
 */
class ImageAssertProvenanceTest {

  private static final String GENERATOR = "https://github\\.com/slsa-framework/slsa-github-generator/\\.github/"
      + "workflows/generator_container_slsa3\\.yml@refs/tags/v.*";
  private static final String ISSUER = "https://token\\.actions\\.githubusercontent\\.com";

  private static Path fixture(String relative) {
    Path shared = Path.of(System.getProperty("imagecheck.shared", "../../shared"));
    Path p = shared.resolve("fixtures/real").resolve(relative);
    Assumptions.assumeTrue(Files.exists(p), p + " absent: skipping");
    return p;
  }

  private static ImageSource layout() throws Exception {
    return ImageSources.open("oci:" + fixture("slsa-verifier-cosign-layout-v1.4.0/container_workflow_dispatch"));
  }

  private static Signer generator() {
    return Signer.keyless(GENERATOR, ISSUER)
        .withTrustedRoot(fixture("sigstore-go-attestations/trusted-root-public-good.json"));
  }

  @Test
  void should_pass_for_the_generators_provenance_and_fail_for_another_builder() throws Exception {
    try (ImageSource source = layout()) {
      // WHEN / THEN
      assertThat(source).hasProvenance(generator(), "https://github\\.com/slsa-framework/slsa-github-generator/.*");
      String image = source.image().source();
      assertThatThrownBy(() -> assertThat(source).hasProvenance(generator(), "https://github\\.com/acme/.*"))
          .hasMessage("Expecting image " + image + " to have SLSA provenance signed by identity /" + GENERATOR
              + "/ issued by /" + ISSUER + "/ from a builder matching /https://github\\.com/acme/.*/, but [high]"
              + " attestation.untrusted-builder: " + image + " attachment sha256:738d456c898d layer 1: SLSA provenance"
              + " built by \"https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
              + "generator_container_slsa3.yml@refs/tags/v1.4.0\", which the policy does not allow");
    }
  }

  @Test
  void should_fail_is_signed_by_for_another_identity_naming_the_untrusted_signer() throws Exception {
    try (ImageSource source = layout()) {
      // GIVEN
      Signer other = Signer.keyless("https://github\\.com/acme/.*", ISSUER)
          .withTrustedRoot(fixture("sigstore-go-attestations/trusted-root-public-good.json"));

      // WHEN / THEN
      assertThatThrownBy(() -> assertThat(source).isSignedBy(other))
          .hasMessageStartingWith("Expecting image " + source.image().source() + " to be signed by identity"
              + " /https://github\\.com/acme/.*/ issued by /" + ISSUER + "/, but found 2:")
          .hasMessageContaining("- [high] signature.untrusted-identity: ")
          .hasMessageContaining("- [high] signature.missing: no verified signature for ");
    }
  }
}
