package io.imagecheck.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Digest;
import io.imagecheck.signatures.VerificationResult.Outcome;
import io.imagecheck.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real cosign signatures from containers/image's {@code dir:} fixtures
 * ({@code fixtures/real/containers-image-cosign}), verified offline.
 */
class ContainersImageCosignTest {

  private static final String FIXTURES = "containers-image-cosign";
  private static final Digest SIGNED = Digest.parse(
      "sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00");

  static Path dir(String name) {
    return Fixtures.real(FIXTURES + "/" + name);
  }

  static TrustedKey key(String name) throws IOException {
    return TrustedKeys.load(dir("keys/" + name));
  }

  static Attachment signature(String image, int n) throws IOException {
    Path f = dir(image).resolve("signature-" + n);
    return Attachments.fromDirSignatureFile("dir:" + image + "/signature-" + n, Files.readAllBytes(f));
  }

  static SignedSubject subjectOf(String image) throws IOException {
    return SignedSubject.of(Digest.sha256(Files.readAllBytes(dir(image).resolve("manifest.json"))));
  }

  static TrustedRoot publicGood() throws IOException {
    return TrustedRoot.load(Fixtures.real("sigstore-java-bundles/trustroot/trusted_root.json"));
  }

  @Test
  void should_verify_key_signature_with_cosign_pub_when_tlog_is_ignored() throws IOException {
    // GIVEN
    Verifier v = Verifier.create(VerificationOptions.builder().key(key("cosign.pub"))
        .insecureIgnoreTransparencyLog().build());
    // WHEN
    VerificationResult r = v.verify(signature("dir-img-cosign-valid", 1), subjectOf("dir-img-cosign-valid"));
    // THEN
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(r.evidence()).containsEntry("signedDigest", SIGNED.toString()).containsEntry("signedAs", "manifest")
        .containsEntry("signer", "cosign.pub")
        .containsEntry("dockerReference", "192.168.64.2:5000/cosign-signed-single-sample")
        .containsEntry("transparencyLog", "ignored (insecure)");
    assertThat(r.evidence().get("keyFingerprint")).startsWith("SHA256:").hasSize(71);
  }

  @Test
  void should_reject_key_signature_without_tlog_entry_by_default() throws IOException {
    // GIVEN
    Verifier v = Verifier.create(VerificationOptions.builder().key(key("cosign.pub")).build());
    // WHEN
    VerificationResult r = v.verify(signature("dir-img-cosign-valid", 1), subjectOf("dir-img-cosign-valid"));
    // THEN
    assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(r.message()).contains("has no transparency-log entry").contains("--insecure-ignore-tlog");
  }

  @Test
  void should_verify_both_signatures_of_valid_2_and_the_tagged_one() throws IOException {
    // GIVEN
    Verifier v = Verifier.create(VerificationOptions.builder().key(key("cosign.pub"))
        .insecureIgnoreTransparencyLog().build());
    // WHEN / THEN
    for (String[] c : new String[][] {{"dir-img-cosign-valid-2", "1"}, {"dir-img-cosign-valid-2", "2"},
        {"dir-img-cosign-valid-with-tag", "1"}}) {
      VerificationResult r = v.verify(signature(c[0], Integer.parseInt(c[1])), subjectOf(c[0]));
      assertThat(r.outcome()).as(c[0] + " " + c[1] + ": " + r.message()).isEqualTo(Outcome.VERIFIED);
    }
  }

  @Test
  void should_fail_with_cosign2_pub_on_a_cosign_pub_signature() throws IOException {
    // GIVEN
    Verifier v = Verifier.create(VerificationOptions.builder().key(key("cosign2.pub"))
        .insecureIgnoreTransparencyLog().build());
    // WHEN
    VerificationResult r = v.verify(signature("dir-img-cosign-valid", 1), subjectOf("dir-img-cosign-valid"));
    // THEN
    assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(r.message()).contains("does not verify with any trusted key").contains("cosign2.pub");
  }

  @Test
  void should_verify_key_signature_with_rekor_set_offline() throws IOException {
    // GIVEN
    Verifier v = Verifier.create(VerificationOptions.builder().key(key("cosign2.pub")).trustedRoot(publicGood())
        .build());
    // WHEN
    VerificationResult r = v.verify(signature("dir-img-cosign-key-rekor-valid", 1),
        subjectOf("dir-img-cosign-key-rekor-valid"));
    // THEN
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(r.evidence()).containsEntry("logIndex", "11608800")
        .containsEntry("integratedTime", "2023-01-20T21:57:39Z")
        .containsEntry("transparencyLog", "https://rekor.sigstore.dev")
        .containsEntry("signedDigest", "sha256:0489474da8ea22426ece86ace6c1c0026ab2fd3cdfbbd62b7e94650266c37d9a");
  }

  @Test
  void should_verify_keyless_fulcio_rekor_signature_with_identity_and_issuer() throws IOException {
    // GIVEN
    Verifier v = Verifier.create(VerificationOptions.builder()
        .identity(Identity.exact("mitr@redhat.com", "https://github.com/login/oauth")).trustedRoot(publicGood())
        .build());
    // WHEN
    VerificationResult r = v.verify(signature("dir-img-cosign-fulcio-rekor-valid", 1),
        subjectOf("dir-img-cosign-fulcio-rekor-valid"));
    // THEN
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(r.evidence()).containsEntry("certificateIdentity", "mitr@redhat.com")
        .containsEntry("certificateOidcIssuer", "https://github.com/login/oauth")
        .containsEntry("logIndex", "11605770")
        .containsEntry("certificateAuthority", "https://fulcio.sigstore.dev");
  }

  @Test
  void should_verify_keyless_signature_with_the_shipped_public_good_root() throws IOException {
    // GIVEN: no trusted root given: the shipped snapshot is used
    Verifier v = Verifier.create(VerificationOptions.builder()
        .identity(new Identity(Identity.Match.regex(".*@redhat\\.com"), Identity.Match.regex("https://github\\.com/.*")))
        .build());
    // WHEN
    VerificationResult r = v.verify(signature("dir-img-cosign-fulcio-rekor-valid", 1),
        subjectOf("dir-img-cosign-fulcio-rekor-valid"));
    // THEN
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.VERIFIED);
  }

  @Test
  void should_report_untrusted_identity_when_the_issuer_differs() throws IOException {
    // GIVEN: right e-mail, wrong issuer: both are required
    Verifier v = Verifier.create(VerificationOptions.builder()
        .identity(Identity.exact("mitr@redhat.com", "https://accounts.google.com")).trustedRoot(publicGood())
        .build());
    // WHEN
    VerificationResult r = v.verify(signature("dir-img-cosign-fulcio-rekor-valid", 1),
        subjectOf("dir-img-cosign-fulcio-rekor-valid"));
    // THEN
    assertThat(r.outcome()).isEqualTo(Outcome.UNTRUSTED_IDENTITY);
    assertThat(r.message()).contains("mitr@redhat.com (issuer https://github.com/login/oauth)");
  }

  @Test
  void should_reject_keyless_signature_with_a_wrong_rekor_key() throws IOException {
    // GIVEN: a trusted root whose only log is not public-good Rekor (the staging root)
    Verifier v = Verifier.create(VerificationOptions.builder()
        .identity(Identity.exact("mitr@redhat.com", "https://github.com/login/oauth"))
        .trustedRoot(TrustedRoot.load(Fixtures.real("sigstore-java-bundles/trustroot/staging_trusted_root.json")))
        .build());
    // WHEN
    VerificationResult r = v.verify(signature("dir-img-cosign-fulcio-rekor-valid", 1),
        subjectOf("dir-img-cosign-fulcio-rekor-valid"));
    // THEN
    assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(r.message()).contains("c0d23d6ad406973f9559f3ba2d1ca01f84147d8ffc5b8445c224f98b9591801d")
        .contains("does not trust");
  }

  @Test
  void should_verify_private_pki_signature_with_its_root_and_ignored_tlog() throws IOException {
    // GIVEN
    List<X509Certificate> roots = Pems.certificates(Files.readString(dir("keys/pki_root_crts.pem")), "pki root");
    VerificationOptions.Builder b = VerificationOptions.builder().insecureIgnoreTransparencyLog()
        .identity(new Identity(Identity.Match.exact("qiwan@redhat.com"), Identity.Match.regex(".*")));
    roots.forEach(b::certificateRoot);
    // WHEN
    VerificationResult r = Verifier.create(b.build()).verify(signature("dir-img-cosign-pki-valid", 1),
        subjectOf("dir-img-cosign-pki-valid"));
    // THEN
    assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(r.evidence().get("certificateIdentity")).contains("qiwan@redhat.com");
    assertThat(r.evidence()).containsEntry("signedDigest",
        "sha256:253c890b744fe3efa923b68e3a1be07bd007eb44ba29da1e7deb1d4c53b3e212");
  }

  @Test
  void should_report_a_valid_signature_over_another_image_as_invalid() throws IOException {
    // GIVEN: the manifest was modified after signing
    Verifier v = Verifier.create(VerificationOptions.builder().key(key("cosign.pub"))
        .insecureIgnoreTransparencyLog().build());
    SignedSubject subject = subjectOf("dir-img-cosign-modified-manifest");
    // WHEN
    VerificationResult r = v.verify(signature("dir-img-cosign-modified-manifest", 1), subject);
    // THEN
    assertThat(subject.manifest().hex()).startsWith("d9dcafdb");
    assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(r.message()).contains("a valid signature over " + SIGNED + ", but the image is " + subject.manifest())
        .contains("signs another image");
  }

  @Test
  void should_fail_the_unknown_key_signature_of_mixed_and_verify_the_other() throws IOException {
    // GIVEN
    Verifier v = Verifier.create(VerificationOptions.builder().key(key("cosign.pub")).key(key("cosign2.pub"))
        .insecureIgnoreTransparencyLog().build());
    // WHEN
    VerificationResult first = v.verify(signature("dir-img-cosign-mixed", 1), subjectOf("dir-img-cosign-mixed"));
    VerificationResult second = v.verify(signature("dir-img-cosign-mixed", 2), subjectOf("dir-img-cosign-mixed"));
    // THEN
    assertThat(first.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(first.message()).contains("does not verify with any trusted key");
    assertThat(second.outcome()).as(second.message()).isEqualTo(Outcome.VERIFIED);
  }

  @Test
  void should_not_take_a_text_plain_attachment_for_a_signature() throws IOException {
    // GIVEN
    Verifier v = Verifier.create(VerificationOptions.builder().key(key("cosign.pub"))
        .insecureIgnoreTransparencyLog().build());
    // WHEN
    VerificationResult r = v.verify(signature("dir-img-cosign-other-attachment", 1),
        subjectOf("dir-img-cosign-other-attachment"));
    // THEN
    assertThat(r.outcome()).isEqualTo(Outcome.NOT_A_SIGNATURE);
    assertThat(r.message()).contains("text/plain");
  }
}
