package io.imagecheck.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.imagecheck.image.Digest;
import io.imagecheck.inspectors.provenance.InTotoStatement;
import io.imagecheck.signatures.Attachment;
import io.imagecheck.signatures.Attachments;
import io.imagecheck.signatures.OpenPgpKey;
import io.imagecheck.signatures.SignatureFormatException;
import io.imagecheck.signatures.SignedSubject;
import io.imagecheck.signatures.TrustedKeys;
import io.imagecheck.signatures.TrustedRoot;
import io.imagecheck.signatures.VerificationOptions;
import io.imagecheck.signatures.Verifier;
import io.imagecheck.source.ImageSourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signature payloads and bundles: simple-signing payloads under cosign signatures, DSSE envelopes of
 * attestations, Sigstore bundles, GPG simple-signing messages, {@code dir:} signature files, in-toto
 * statements, trusted roots and OpenPGP keys. The verifier never throws (every problem is a result);
 * the parsers throw only their typed exceptions. Input: a byte choosing the format, an annotation value
 * (the signature, certificate or Rekor bundle) up to the first NUL, and the content.
 */
class SignaturesFuzzTest {

  static {
    // fuzzing only: no log line per input
    FuzzImages.quietWhenFuzzing();
  }

  private static final Digest SUBJECT = Digest.sha256("image".getBytes(StandardCharsets.UTF_8));
  private static final Verifier VERIFIER = verifier();

  private static Verifier verifier() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      String pem = "-----BEGIN PUBLIC KEY-----\n"
          + Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded())
          + "\n-----END PUBLIC KEY-----\n";
      return Verifier.create(VerificationOptions.builder().key(TrustedKeys.fromPem("fuzz.pub", pem))
          .insecureIgnoreTransparencyLog().build());
    } catch (java.security.GeneralSecurityException | SignatureFormatException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void fuzz_signature_payloads_and_bundles(byte[] data) {
    if (data.length == 0) {
      return;
    }
    int which = (data[0] & 0xff) % 9;
    int nul = 1;
    while (nul < data.length && data[nul] != 0) {
      nul++;
    }
    String annotation = new String(data, 1, nul - 1, StandardCharsets.UTF_8);
    byte[] content = java.util.Arrays.copyOfRange(data, Math.min(data.length, nul + 1), data.length);
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put(Attachments.SIGNATURE, annotation);
    SignedSubject subject = SignedSubject.of(SUBJECT);
    try {
      switch (which) {
        case 0 -> VERIFIER.verify(Attachments.cosignSignature("fuzz", "application/vnd.dev.cosign.simplesigning.v1+json",
            content, ann), subject);
        case 1 -> VERIFIER.verify(Attachments.cosignSignature("fuzz", "application/vnd.dev.cosign.simplesigning.v1+json",
            content, Map.of(Attachments.SIGNATURE, "", Attachments.BUNDLE, annotation,
                Attachments.CERTIFICATE, annotation)), subject);
        case 2 -> VERIFIER.verify(Attachments.cosignAttestation("fuzz", content, ann), subject);
        case 3 -> VERIFIER.verify(new Attachment.SigstoreBundle("fuzz", content), subject);
        case 4 -> VERIFIER.verify(new Attachment.GpgSignature("fuzz", content), subject);
        case 5 -> VERIFIER.verify(Attachments.fromDirSignatureFile("fuzz", content), subject);
        case 6 -> InTotoStatement.parse(content, "fuzz");
        case 7 -> TrustedRoot.parse("fuzz", content);
        default -> OpenPgpKey.parse("fuzz", content);
      }
    } catch (SignatureFormatException | ImageSourceException e) {
      // typed rejection
    } catch (IOException e) {
      throw new AssertionError("untyped failure: " + e, e);
    }
  }

}
