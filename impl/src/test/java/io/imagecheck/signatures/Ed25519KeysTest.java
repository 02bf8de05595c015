package io.imagecheck.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Digest;
import io.imagecheck.signatures.VerificationResult.Outcome;
import io.imagecheck.testing.CosignFormat;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ed25519 public keys in PEM (cosign accepts them for {@code --key}), made and used with the JDK. */
class Ed25519KeysTest {

  private static final Digest IMAGE = Digest.sha256(new byte[] {1, 2, 3});

  private static Attachment.CosignSignature signature(KeyPair pair, Digest signed) throws GeneralSecurityException {
    byte[] payload = CosignFormat.simpleSigningPayload("registry.example/app", signed);
    String sig = Base64.getEncoder().encodeToString(CosignFormat.sign(pair.getPrivate(), payload));
    return Attachments.cosignSignature("test .sig layer 1", CosignFormat.SIMPLE_SIGNING, payload,
        Map.of(Attachments.SIGNATURE, sig));
  }

  @Test
  void should_verify_a_simple_signing_payload_signed_with_an_ed25519_key_from_pem() throws Exception {
    // GIVEN
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    TrustedKey key = TrustedKeys.fromPem("ed25519.pub", CosignFormat.publicKeyPem(pair.getPublic()));
    Verifier v = Verifier.create(VerificationOptions.builder().key(key).insecureIgnoreTransparencyLog().build());
    // WHEN
    VerificationResult ok = v.verify(signature(pair, IMAGE), SignedSubject.of(IMAGE));
    VerificationResult other = v.verify(signature(pair, Digest.sha256(new byte[] {9})), SignedSubject.of(IMAGE));
    // THEN
    assertThat(key.key().getAlgorithm()).isIn("Ed25519", "EdDSA");
    assertThat(ok.outcome()).as(ok.message()).isEqualTo(Outcome.VERIFIED);
    assertThat(ok.evidence()).containsEntry("signer", "ed25519.pub").containsEntry("keyFingerprint", key.fingerprint())
        .containsEntry("signedDigest", IMAGE.toString());
    assertThat(other.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(other.message()).contains("it signs another image");
  }

  @Test
  void should_not_verify_an_ed25519_signature_with_another_ed25519_key() throws Exception {
    // GIVEN
    KeyPair signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Verifier v = Verifier.create(VerificationOptions.builder()
        .key(TrustedKeys.fromPem("stranger.pub", CosignFormat.publicKeyPem(stranger.getPublic())))
        .insecureIgnoreTransparencyLog().build());
    // WHEN
    VerificationResult r = v.verify(signature(signer, IMAGE), SignedSubject.of(IMAGE));
    // THEN
    assertThat(r.outcome()).isEqualTo(Outcome.INVALID);
    assertThat(r.message()).contains("does not verify with any trusted key").contains("stranger.pub (Ed");
  }
}
