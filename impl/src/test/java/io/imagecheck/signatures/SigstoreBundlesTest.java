package io.imagecheck.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Digest;
import io.imagecheck.signatures.VerificationResult.Outcome;
import io.imagecheck.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Real Sigstore bundles from sigstore-java's and sigstore-go's test data
 * ({@code fixtures/real/sigstore-java-bundles}, {@code fixtures/real/sigstore-go-attestations}),
 * each with the result their PROVENANCE.md documents.
 */
class SigstoreBundlesTest {

  private static final Digest ARTIFACT = Digest.parse(
      "sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf");
  private static final Identity ANY = new Identity(Identity.Match.regex(".*"), Identity.Match.regex(".*"));

  private static Path bundles(String name) {
    return Fixtures.real("sigstore-java-bundles/bundles/" + name);
  }

  private static Verifier verifier(String root, Identity identity) throws IOException {
    return Verifier.create(VerificationOptions.builder().identity(identity)
        .trustedRoot(TrustedRoot.load(Fixtures.real("sigstore-java-bundles/trustroot/" + root))).build());
  }

  private static VerificationResult verify(Verifier v, String name) throws IOException {
    return v.verifyBundle(Files.readAllBytes(bundles(name)), name, ARTIFACT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bundle.sigstore", "bundle.v1.sigstore", "bundle.v2.sigstore", "bundle.v3.sigstore",
      "bundle.v3_1.sigstore", "bundle-no-digest.sigstore", "PKIX_ECDSA_P256_SHA_256.sigstore.json",
      "PKIX_RSA_PKCS1V15_2048_SHA256.sigstore.json", "PKIX_RSA_PKCS1V15_3072_SHA256.sigstore.json",
      "PKIX_RSA_PKCS1V15_4096_SHA256.sigstore.json"})
  void should_verify_valid_message_signature_bundles_through_sigstore_java(String name) throws IOException {
    // GIVEN
    Verifier v = verifier("trusted_root.json", ANY);
    // WHEN
    VerificationResult r = verify(v, name);
    // THEN
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(r.evidence()).containsEntry("verifiedBy", "sigstore-java").containsEntry("signedDigest",
        ARTIFACT.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"PKIX_ECDSA_P384_SHA_384.sigstore.json", "PKIX_ECDSA_P521_SHA_512.sigstore.json"})
  void should_verify_p384_and_p521_bundles_that_sigstore_java_cannot_read(String name) throws IOException {
    // GIVEN: sigstore-java 2.0 says "Cannot read message digests of type SHA2_384"; the artifact's
    // SHA-384/512 digest is what those bundles sign
    Verifier v = verifier("trusted_root.json", new Identity(Identity.Match.exact(
        "untrusted-sa@sigstore-conformance.iam.gserviceaccount.com"), Identity.Match.regex(".*")));
    byte[] artifact = Files.readAllBytes(bundles("artifact.txt"));
    // WHEN
    VerificationResult r = v.verifyBundle(Files.readAllBytes(bundles(name)), name, artifact);
    // THEN
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(r.evidence()).doesNotContainKey("verifiedBy").containsKey("logIndex");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bundle.v1.no.inclusion.sigstore", "bundle.v2.no.inclusion.sigstore",
      "bundle.v3.no.inclusion.sigstore", "bundle.v3_1.no.inclusion.sigstore"})
  void should_verify_bundles_without_inclusion_proof_by_their_signed_entry_timestamp(String name)
      throws IOException {
    // GIVEN: sigstore-java rejects these ("Could not find an inclusion proof"); the SET is a valid proof
    Verifier v = verifier("trusted_root.json", ANY);
    // WHEN
    VerificationResult r = verify(v, name);
    // THEN
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(r.evidence()).containsEntry("transparencyLog", "https://rekor.sigstore.dev");
  }

  @Test
  void should_reject_the_expired_certificate_that_sigstore_java_accepts() throws IOException {
    // GIVEN
    Verifier v = verifier("trusted_root.json", ANY);
    // WHEN
    VerificationResult r = verify(v, "bundle-with-expired-cert.sigstore");
    // THEN
    assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(r.message()).contains("was after the certificate's expiry");
  }

  @Test
  void should_verify_the_dsse_slsa_v1_bundle_with_its_workflow_identity() throws IOException {
    // GIVEN
    Verifier v = verifier("trusted_root.json", new Identity(Identity.Match.exact(
        "https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main"),
        Identity.Match.exact("https://token.actions.githubusercontent.com")));
    // WHEN
    VerificationResult r = verify(v, "bundle.dsse.sigstore");
    // THEN
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(r.kind()).isEqualTo("attestation");
    assertThat(r.evidence()).containsEntry("predicateType", "https://slsa.dev/provenance/v1")
        .containsEntry("logIndex", "150322684");
    assertThat(r.statement()).get().asString().contains("\"_type\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bundle-with-mismatched-set.sigstore", "bundle-with-wrong-tlog-entry.sigstore",
      "bundle-with-bad-checkpoint-signature.sigstore", "bundle.dsse.bad-signature.sigstore",
      "bundle.dsse.mismatched-envelope.sigstore", "bundle.dsse.mismatched-signature.sigstore"})
  void should_reject_the_expected_failures(String name) throws IOException {
    // GIVEN
    Verifier v = verifier("trusted_root.json", ANY);
    // WHEN
    VerificationResult r = verify(v, name);
    // THEN
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.INVALID);
  }

  @Test
  void should_verify_the_staging_timestamped_bundle_against_the_staging_root() throws IOException {
    // GIVEN
    Verifier v = verifier("staging_trusted_root.json", ANY);
    // WHEN
    VerificationResult r = verify(v, "bundle-with-timestamp.sigstore");
    // THEN
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.VERIFIED);
  }

  @Test
  void should_verify_the_github_private_attestation_by_its_timestamp_only_when_tlog_is_ignored()
      throws IOException {
    // GIVEN: zero tlog entries, one RFC 3161 timestamp, GitHub's own Fulcio (line 2 of the jsonl)
    List<String> lines = Files.readAllLines(bundles("github-private-no-tlog/trusted_root.jsonl"),
        StandardCharsets.UTF_8);
    TrustedRoot github = TrustedRoot.parse("github trusted root", lines.get(1).getBytes(StandardCharsets.UTF_8));
    byte[] bundle = Files.readAllBytes(bundles("github-private-no-tlog/attestation.sigstore.json"));
    Identity workflow = new Identity(Identity.Match.regex(
        "https://github\\.com/neverendingsupport/slsa-attestations/\\.github/workflows/attest\\.yml@.*"),
        Identity.Match.regex(".*"));
    Verifier strict = Verifier.create(VerificationOptions.builder().identity(workflow).trustedRoot(github).build());
    Verifier lax = Verifier.create(VerificationOptions.builder().identity(workflow).trustedRoot(github)
        .insecureIgnoreTransparencyLog().build());
    String subject = statementSubject(bundle);
    // WHEN
    VerificationResult refused = strict.verifyBundle(bundle, "github", Digest.parse(subject));
    VerificationResult accepted = lax.verifyBundle(bundle, "github", Digest.parse(subject));
    // THEN
    assertThat(refused.outcome()).as(refused.message()).isEqualTo(Outcome.INVALID);
    assertThat(refused.message()).contains("no transparency-log entry");
    assertThat(accepted.outcome()).as(accepted.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(accepted.evidence()).containsKey("timestamp");
  }

  private static String statementSubject(byte[] bundle) throws IOException {
    var n = io.imagecheck.internal.json.Json.mapper().readTree(bundle);
    var st = io.imagecheck.internal.json.Json.mapper().readTree(java.util.Base64.getDecoder().decode(
        n.path("dsseEnvelope").path("payload").asText()));
    var d = st.path("subject").get(0).path("digest");
    String alg = d.has("sha256") ? "sha256" : "sha512";
    return alg + ":" + d.path(alg).asText();
  }

  // ------------------------------------------------------------------ sigstore-go

  private static Path go(String name) {
    return Fixtures.real("sigstore-go-attestations/" + name);
  }

  private static TrustedRoot goRoot() throws IOException {
    return TrustedRoot.load(go("trusted-root-public-good.json"));
  }

  @Test
  void should_verify_the_key_based_npm_publish_attestation_with_publish_key() throws IOException {
    // GIVEN
    Verifier v = Verifier.create(VerificationOptions.builder().trustedRoot(goRoot())
        .key(TrustedKeys.load(go("publish_key.pub"))).build());
    // WHEN
    VerificationResult r = v.verifyBundle(Files.readAllBytes(go("bundle-publish.json")), "bundle-publish.json",
        Digest.parse("sha512:76176ffa33808b54602c7c35de5c6e9a4deb96066dba6533f50ac234f4f1f4c6b3527515dc17c06fbe2860030f410eee69ea20079bd3a2c6f3dcf3b329b10751"));
    // THEN
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(r.evidence()).containsEntry("signer", "publish_key.pub").containsEntry("logIndex", "18300940")
        .containsEntry("predicateType", "https://github.com/npm/attestation/tree/main/specs/publish/v0.1");
  }

  @Test
  void should_verify_the_keyless_npm_provenance_bundles() throws IOException {
    // GIVEN
    Verifier v = Verifier.create(VerificationOptions.builder().trustedRoot(goRoot()).identity(new Identity(
        Identity.Match.regex("https://github\\.com/sigstore/sigstore-js/\\.github/workflows/release\\.yml@.*"),
        Identity.Match.exact("https://token.actions.githubusercontent.com"))).build());
    // WHEN
    VerificationResult v02 = v.verifyBundle(Files.readAllBytes(go("bundle-provenance.json")), "v0.2",
        Digest.parse("sha512:76176ffa33808b54602c7c35de5c6e9a4deb96066dba6533f50ac234f4f1f4c6b3527515dc17c06fbe2860030f410eee69ea20079bd3a2c6f3dcf3b329b10751"));
    // THEN
    assertThat(v02.outcome()).as(v02.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(v02.evidence()).containsEntry("predicateType", "https://slsa.dev/provenance/v0.2")
        .containsEntry("logIndex", "18300934");
  }

  @Test
  void should_fail_the_duplicated_signature_envelope_and_verify_the_single_one() throws IOException {
    // GIVEN
    Verifier v = Verifier.create(VerificationOptions.builder().trustedRoot(goRoot()).identity(
        Identity.exact("brian@dehamer.com", "https://github.com/login/oauth")).build());
    byte[] single = Files.readAllBytes(go("dsse.sigstore.json"));
    Digest subject = Digest.parse(statementSubject(single));
    // WHEN
    VerificationResult ok = v.verifyBundle(single, "dsse", subject);
    VerificationResult twice = v.verifyBundle(Files.readAllBytes(go("dsse-2sigs.sigstore.json")), "dsse-2sigs",
        subject);
    // THEN
    assertThat(ok.outcome()).as(ok.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(twice.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(twice.message()).contains("has 2 signatures, expected exactly 1");
  }

  @Test
  void should_verify_the_sigstore_js_2_0_0_slsa_v1_provenance_bundle() throws IOException {
    // GIVEN: Statement v1, SLSA provenance v1 for pkg:npm/sigstore@2.0.0, keyless, Rekor intoto entry
    Verifier v = Verifier.create(VerificationOptions.builder().trustedRoot(goRoot()).identity(new Identity(
        Identity.Match.regex("https://github\\.com/sigstore/sigstore-js/\\.github/workflows/release\\.yml@.*"),
        Identity.Match.exact("https://token.actions.githubusercontent.com"))).build());
    byte[] bundle = Files.readAllBytes(go("sigstore.js@2.0.0-provenance.sigstore.json"));
    Digest subject = Digest.parse(statementSubject(bundle));
    // WHEN
    VerificationResult r = v.verifyBundle(bundle, "sigstore.js@2.0.0", subject);
    VerificationResult other = v.verifyBundle(bundle, "sigstore.js@2.0.0", ARTIFACT);
    // THEN
    assertThat(subject.toString()).startsWith("sha512:46d4e2f74c48");
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(r.kind()).isEqualTo("attestation");
    assertThat(r.evidence()).containsEntry("predicateType", "https://slsa.dev/provenance/v1")
        .containsEntry("logIndex", "31821305").containsEntry("signedDigest", subject.toString())
        .containsEntry("certificateOidcIssuer", "https://token.actions.githubusercontent.com");
    assertThat(other.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(other.message()).contains("it attests another artifact");
  }
}
