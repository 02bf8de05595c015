package io.imagecheck.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.policy.Policy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented signatures and provenance policy example ({@code docs/examples/imagecheck-signed-policy.yaml}). */
class SignedPolicyExampleTest {

  @Test
  void should_load_the_signatures_and_provenance_options_of_the_example() throws IOException {
    // GIVEN: read from the module's directory as the build runs tests
    Path yaml = Path.of("../docs/examples/imagecheck-signed-policy.yaml");
    // WHEN
    Policy p = Policies.load(yaml);
    // THEN
    assertThat(p.name()).isEqualTo("signed-releases");
    Map<String, Object> signatures = p.optionsFor("signatures");
    assertThat(signatures).containsEntry("required", true)
        .containsEntry("keys", List.of("/etc/imagecheck/cosign.pub"))
        .containsEntry("requiredAttestations", List.of("slsaprovenance"))
        .containsEntry("identities", List.of(Map.of(
            "subjectRegexp", "https://github\\.com/example/app/\\.github/workflows/release\\.yml@refs/tags/v.*",
            "issuer", "https://token.actions.githubusercontent.com")));
    assertThat(p.optionsFor("provenance")).containsEntry("checkRegistry", true)
        .containsEntry("approvedBases", List.of("gcr\\.io/distroless/.*", "cgr\\.dev/chainguard/.*"));
  }
}
