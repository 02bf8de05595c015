package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code imagecheck verify} on real signatures: containers/image's {@code dir:} cosign fixtures (only
 * {@code manifest.json} and signature files, no blobs) and slsa-verifier's {@code cosign save} layout.
 */
class VerifyCommandTest {

  private static final String COSIGN = "containers-image-cosign/";
  private static final String SIGNED = "sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00";
  private static final String ACTIONS = "https://token.actions.githubusercontent.com";

  private static String dir(String image) {
    return "dir:" + Fixtures.real(COSIGN + image);
  }

  private static String key(String name) {
    return Fixtures.real(COSIGN + "keys/" + name).toString();
  }

  private static CliRun verify(String... args) {
    List<String> all = new ArrayList<>(List.of("verify"));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void should_exit_0_and_name_key_and_signed_manifest_for_a_cosign_pub_signature() {
    // GIVEN
    String source = dir("dir-img-cosign-valid");
    // WHEN
    CliRun run = verify(source, "--key", key("cosign.pub"), "--insecure-ignore-tlog");
    // THEN
    assertThat(run.code()).as(run.err()).isEqualTo(ExitCode.OK.code());
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("  image:  " + SIGNED + " (manifest)\n")
        .contains("VERIFIED signature " + source + "/signature-1\n")
        .contains("  signer:  key cosign.pub (SHA256:c87a79018f346cc02482448b77296b0bea143ef2ccab99b04776fb0f638f301f)\n")
        .contains("  log:     none: ignored (insecure)\n")
        .contains("  signed:  " + SIGNED + " (the image manifest)\n")
        .contains("  for:     192.168.64.2:5000/cosign-signed-single-sample\n")
        .endsWith("VERIFIED: 1 of 1 signature verified for sha256:634a8f35b5f1\n");
  }

  @Test
  void should_exit_1_for_a_key_signature_without_log_entry_unless_the_log_is_ignored() {
    // GIVEN
    String source = dir("dir-img-cosign-valid");
    // WHEN
    CliRun run = verify(source, "--key", key("cosign.pub"));
    // THEN
    assertThat(run.code()).isEqualTo(ExitCode.POLICY_FAILURE.code());
    assertThat(run.out()).contains("INVALID signature ").contains("has no transparency-log entry")
        .endsWith("NOT VERIFIED: none of 1 signature verified (1 invalid)\n");
  }

  @Test
  void should_verify_the_rekor_entry_of_a_key_signature_with_a_given_trusted_root() {
    // GIVEN
    String root = Fixtures.real("sigstore-java-bundles/trustroot/trusted_root.json").toString();
    // WHEN
    CliRun run = verify(dir("dir-img-cosign-key-rekor-valid"), "--key", key("cosign2.pub"), "--trusted-root", root);
    // THEN
    assertThat(run.code()).as(run.out()).isEqualTo(ExitCode.OK.code());
    assertThat(run.out()).contains("  log:     index 11608800 at 2023-01-20T21:57:39Z (https://rekor.sigstore.dev)\n")
        .contains("  signed:  sha256:0489474da8ea22426ece86ace6c1c0026ab2fd3cdfbbd62b7e94650266c37d9a (the image manifest)");
  }

  @Test
  void should_verify_keyless_with_identity_and_issuer_and_refuse_another_issuer() {
    // GIVEN
    String source = dir("dir-img-cosign-fulcio-rekor-valid");
    // WHEN
    CliRun ok = verify(source, "--certificate-identity", "mitr@redhat.com", "--certificate-oidc-issuer",
        "https://github.com/login/oauth");
    CliRun other = verify(source, "--certificate-identity-regexp", ".*@redhat\\.com", "--certificate-oidc-issuer",
        "https://accounts.google.com");
    // THEN
    assertThat(ok.code()).as(ok.out()).isEqualTo(ExitCode.OK.code());
    assertThat(ok.out()).contains("  signer:  mitr@redhat.com (issuer https://github.com/login/oauth)\n")
        .contains("  log:     index 11605770 at ");
    assertThat(other.code()).isEqualTo(ExitCode.POLICY_FAILURE.code());
    assertThat(other.out()).contains("UNTRUSTED IDENTITY signature ").contains("matches no trusted identity")
        .endsWith("(1 untrusted identity)\n");
  }

  @Test
  void should_report_a_signature_over_another_manifest_as_signing_another_image() {
    // GIVEN the manifest was modified after signing
    String source = dir("dir-img-cosign-modified-manifest");
    // WHEN
    CliRun run = verify(source, "--key", key("cosign.pub"), "--insecure-ignore-tlog");
    // THEN
    assertThat(run.code()).isEqualTo(ExitCode.POLICY_FAILURE.code());
    assertThat(run.out()).contains("a valid signature over " + SIGNED).contains("it signs another image");
  }

  @Test
  void should_refuse_keyless_verification_without_an_issuer_and_a_run_without_trust_as_usage_errors() {
    // GIVEN
    String source = dir("dir-img-cosign-fulcio-rekor-valid");
    // WHEN
    CliRun noIssuer = verify(source, "--certificate-identity", "mitr@redhat.com");
    CliRun nothing = verify(source);
    CliRun badKey = verify(source, "--key", Fixtures.real(COSIGN + "dir-img-cosign-valid/manifest.json").toString());
    // THEN
    assertThat(noIssuer.code()).isEqualTo(ExitCode.ERROR.code());
    assertThat(noIssuer.errLines()).containsExactly("imagecheck: keyless verification needs both "
        + "--certificate-identity[-regexp] and --certificate-oidc-issuer[-regexp] (see 'imagecheck verify --help')");
    assertThat(nothing.code()).isEqualTo(ExitCode.ERROR.code());
    assertThat(nothing.err()).contains("nothing to trust: give --key FILE");
    assertThat(badKey.code()).isEqualTo(ExitCode.ERROR.code());
    assertThat(badKey.err()).startsWith("imagecheck: --key ").contains("manifest.json");
    assertThat(noIssuer.out() + nothing.out() + badKey.out()).isEmpty();
  }

  @Test
  void should_verify_the_slsa_attestation_over_the_index_with_type_slsaprovenance() {
    // GIVEN
    String layout = "oci:" + Fixtures.real("slsa-verifier-cosign-layout-v2.1.0/container_workflow_dispatch");
    String[] identity = {"--certificate-identity-regexp",
        "https://github\\.com/slsa-framework/slsa-github-generator/.*@refs/tags/v2\\.1\\.0",
        "--certificate-oidc-issuer", ACTIONS};
    // WHEN
    CliRun slsa = verify(concat(new String[] {layout, "--type", "slsaprovenance"}, identity));
    CliRun spdx = verify(concat(new String[] {layout, "--type", "spdx"}, identity));
    CliRun signatures = verify(concat(new String[] {layout}, identity));
    // THEN
    assertThat(slsa.code()).as(slsa.out()).isEqualTo(ExitCode.OK.code());
    assertThat(slsa.out()).contains("  type:   https://slsa.dev/provenance/v0.2\n")
        .contains("  signed:  sha256:234e2c830c2fb31ac5671789d22adfe44d30c3ee831d01beae5e237841a13122 (the image index)\n")
        .contains("  log:     index 174304112 at 2025-02-25T21:58:07Z (https://rekor.sigstore.dev)\n")
        .contains("UNSIGNED statement ")
        .endsWith("VERIFIED: 1 of 2 attestations verified for sha256:d1fc0de9c6a3\n");
    assertThat(spdx.code()).isEqualTo(ExitCode.POLICY_FAILURE.code());
    assertThat(spdx.out()).contains("OTHER TYPE attestation ").contains("1 of another type");
    assertThat(signatures.code()).isEqualTo(ExitCode.POLICY_FAILURE.code());
    assertThat(signatures.out()).contains("NOT VERIFIED: no signature found for sha256:d1fc0de9c6a3");
  }

  @Test
  void should_write_json_with_the_evidence_of_each_signature() throws IOException {
    // GIVEN
    String source = dir("dir-img-cosign-mixed");
    // WHEN
    CliRun run = verify(source, "--key", key("cosign.pub"), "--key", key("cosign2.pub"), "--insecure-ignore-tlog",
        "--format", "json");
    // THEN
    assertThat(run.code()).isEqualTo(ExitCode.OK.code());
    JsonNode json = Json.mapper().readTree(run.out().getBytes(StandardCharsets.UTF_8));
    assertThat(json.get("verified").asBoolean()).isTrue();
    assertThat(json.get("manifestDigest").asText()).isEqualTo(SIGNED);
    assertThat(json.get("indexDigest").isNull()).isTrue();
    assertThat(json.get("results")).hasSize(2);
    assertThat(json.get("results").get(0).get("outcome").asText()).isEqualTo("invalid");
    assertThat(json.get("results").get(1).get("outcome").asText()).isEqualTo("verified");
    assertThat(json.get("results").get(1).get("evidence").get("signedAs").asText()).isEqualTo("manifest");
  }

  private static String[] concat(String[] a, String[] b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }
}
