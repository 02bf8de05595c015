package io.imagecheck.inspectors.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Image;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspectors.Inspectors;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testing.Fixtures;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code cosign save} layouts of slsa-verifier ({@code fixtures/real/slsa-verifier-cosign-layout-*}):
 * keyless SLSA attestations verified offline through the inspector, and the BuildKit provenance.
 */
class SlsaVerifierLayoutsTest {

  private static final String ISSUER = "https://token.actions.githubusercontent.com";

  private static InspectorResult scan(String layout, Map<String, Object> identity) throws IOException {
    Policy.Builder p = Policy.builder("test").inspectors(SignaturesInspector.ID)
        .option(SignaturesInspector.ID, "identities", List.of(identity))
        .option(SignaturesInspector.ID, "trustedRoot",
            Fixtures.real("sigstore-go-attestations/trusted-root-public-good.json").toString())
        .option(SignaturesInspector.ID, "requiredAttestations", List.of("slsaprovenance"));
    try (ImageSource source = ImageSources.open("oci:" + Fixtures.real(layout + "/container_workflow_dispatch"))) {
      Image image = source.image();
      Report report = Scanner.with(p.build(), Inspectors.builtIn()).scan(source, image);
      return report.results().stream().filter(r -> r.inspector().equals(SignaturesInspector.ID)).findFirst()
          .orElseThrow();
    }
  }

  private static List<String> rules(InspectorResult r) {
    return r.findings().stream().map(Finding::ruleId).toList();
  }

  @Test
  void should_verify_the_v1_4_0_keyless_slsa_attestation_with_the_generator_identity() throws IOException {
    // GIVEN
    Map<String, Object> id = Map.of("subjectRegexp",
        "https://github\\.com/slsa-framework/slsa-github-generator/\\.github/workflows/generator_container_slsa3\\.yml@refs/tags/v.*",
        "issuer", ISSUER);
    // WHEN
    InspectorResult r = scan("slsa-verifier-cosign-layout-v1.4.0", id);
    // THEN
    assertThat(rules(r)).containsExactly("signature.verified", "signature.missing");
    Finding verified = r.findings().get(0);
    assertThat(verified.evidence()).containsEntry("logIndex", "10957770")
        .containsEntry("predicateType", "https://slsa.dev/provenance/v0.2")
        .containsEntry("signedAs", "manifest")
        .containsEntry("signedDigest", "sha256:a74d89d8dd863ca5dae4a29e0feede81ddf59197849a80784af5a02ab7786925")
        .containsEntry("certificateOidcIssuer", ISSUER);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> atts = (List<Map<String, Object>>) r.facts().get("attestations");
    assertThat(atts).hasSize(1);
    assertThat(atts.get(0)).containsEntry("builderId",
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v1.4.0")
        .containsEntry("buildType", "https://github.com/slsa-framework/slsa-github-generator/container@v1")
        .containsEntry("sourceCommit", "904e2c3e02725e314cf6cf141c4700081298dcbd");
  }

  @Test
  void should_report_untrusted_identity_and_missing_attestation_with_a_wrong_identity() throws IOException {
    // GIVEN
    Map<String, Object> id = Map.of("subject", "https://github.com/someone/else/.github/workflows/x.yml@refs/heads/main",
        "issuer", ISSUER);
    // WHEN
    InspectorResult r = scan("slsa-verifier-cosign-layout-v1.4.0", id);
    // THEN
    assertThat(rules(r)).containsExactly("signature.untrusted-identity", "signature.missing", "attestation.missing");
  }

  @Test
  void should_verify_the_v2_1_0_attestation_over_the_index_and_find_the_unsigned_buildkit_provenance()
      throws IOException {
    // GIVEN
    Map<String, Object> id = Map.of("subjectRegexp",
        "https://github\\.com/slsa-framework/slsa-github-generator/.*@refs/tags/v2\\.1\\.0", "issuerRegexp",
        "https://token\\.actions\\.githubusercontent\\.com");
    // WHEN
    InspectorResult r = scan("slsa-verifier-cosign-layout-v2.1.0", id);
    // THEN
    assertThat(rules(r)).containsExactly("signature.verified", "attestation.unsigned", "signature.missing");
    assertThat(r.findings().get(0).evidence()).containsEntry("signedAs", "index")
        .containsEntry("signedDigest", "sha256:234e2c830c2fb31ac5671789d22adfe44d30c3ee831d01beae5e237841a13122")
        .containsEntry("logIndex", "174304112");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> atts = (List<Map<String, Object>>) r.facts().get("attestations");
    assertThat(atts).hasSize(2);
    assertThat(atts.get(1)).containsEntry("outcome", "unsigned")
        .containsEntry("buildType", "https://mobyproject.org/buildkit@v1").containsEntry("builderId", "");
    assertThat((List<?>) atts.get(1).get("materials")).hasSize(3);
  }
}
