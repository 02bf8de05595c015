package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.lab.LabGpgFacts;
import io.imagecheck.lab.LabImages;
import org.junit.jupiter.api.Test;

/**
 * {@code imagecheck verify --key} with an OpenPGP public key on the lab's {@code busybox-gpg} {@code dir:}
 * copy, signed by the real {@code skopeo copy --sign-by} (GPG simple signing).
 */
class VerifyLabIT {

  @Test
  void should_verify_the_skopeo_gpg_signature_with_the_exported_public_key() {
    // GIVEN
    LabImages lab = LabImages.get();
    LabGpgFacts gpg = lab.facts().gpg();
    String source = "dir:" + lab.dir("busybox-gpg");
    // WHEN
    CliRun run = CliRun.of("verify", source, "--key", lab.gpgPublicKey().toString());
    // THEN
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(ExitCode.OK.code());
    assertThat(run.out()).contains("VERIFIED signature " + source + "/signature-1\n")
        .contains("  signer:  key " + lab.gpgPublicKey().getFileName() + " (" + gpg.fingerprint() + ")\n")
        .contains("  log:     none (GPG simple signing has no transparency log)\n")
        .contains("  signed:  " + gpg.signedManifestDigest() + " (the image manifest)\n")
        .contains("  for:     " + gpg.signIdentity() + "\n");
  }

  @Test
  void should_not_verify_the_gpg_signature_with_a_cosign_key() {
    // GIVEN
    LabImages lab = LabImages.get();
    String source = "dir:" + lab.dir("busybox-gpg");
    String cosignKey = Fixtures.real("containers-image-cosign/keys/cosign.pub").toString();
    // WHEN
    CliRun run = CliRun.of("verify", source, "--key", cosignKey);
    // THEN
    assertThat(run.code()).isEqualTo(ExitCode.POLICY_FAILURE.code());
    assertThat(run.out()).contains("UNTRUSTED IDENTITY signature " + source + "/signature-1\n")
        .endsWith("(1 untrusted identity)\n");
  }
}
