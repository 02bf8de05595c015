package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.testimage.TestImage;
import io.imagecheck.testing.CosignFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imagecheck scan} with a policy file that requires a signature: the signatures inspector finds a
 * cosign {@code .sig} entry beside the image in its OCI layout (written in cosign's format by the test).
 */
class ScanSignaturesTest {

  @TempDir
  Path tmp;

  @Test
  void should_fail_the_unsigned_image_and_pass_the_signed_one_under_a_signature_policy() throws Exception {
    // GIVEN
    KeyPair key = CosignFormat.p256();
    Path pub = Files.writeString(tmp.resolve("release.pub"), CosignFormat.publicKeyPem(key.getPublic()),
        StandardCharsets.US_ASCII);
    Path policy = Files.writeString(tmp.resolve("signed.yaml"), "name: signed\ninspectors: [signatures]\n"
        + "failOn: high\noptions:\n  signatures:\n    required: true\n    keys: [" + pub + "]\n"
        + "    insecureIgnoreTlog: true\n", StandardCharsets.UTF_8);
    TestImage signedImage = TestImage.builder().layer("COPY app /app", l -> l.file("/app", "v1")).build();
    Path signed = tmp.resolve("signed");
    signedImage.writeOciLayout(signed, "v1");
    byte[] payload = CosignFormat.simpleSigningPayload("registry.example/app", signedImage.manifestDigest());
    CosignFormat.addToLayout(signed, CosignFormat.signatureManifest(payload,
        CosignFormat.sign(key.getPrivate(), payload)), "sha256-" + signedImage.manifestDigest().hex() + ".sig");
    TestImage unsignedImage = TestImage.builder().layer("COPY app /app", l -> l.file("/app", "v2")).build();
    Path unsigned = tmp.resolve("unsigned");
    unsignedImage.writeOciLayout(unsigned, "v1");
    // WHEN
    CliRun pass = CliRun.of("scan", "oci:" + signed + ":v1", "--policy", policy.toString());
    CliRun fail = CliRun.of("scan", "oci:" + unsigned + ":v1", "--policy", policy.toString());
    // THEN
    assertThat(pass.code()).as(pass.out() + pass.err()).isEqualTo(ExitCode.OK.code());
    assertThat(pass.out()).contains("  signature.verified: signature by key release.pub (SHA256:")
        .contains(" verified over " + signedImage.manifestDigest() + " (the image manifest)")
        .endsWith("PASS: no findings at or above high; 1 info below it (policy signed)\n");
    assertThat(fail.code()).isEqualTo(ExitCode.POLICY_FAILURE.code());
    assertThat(fail.out()).contains("HIGH (1)\n  signature.missing: no verified signature for "
        + unsignedImage.manifestDigest() + " (no signature or attestation found in oci:" + unsigned + ":v1)")
        .endsWith("FAIL: 1 high finding at or above high (policy signed)\n");
  }
}
