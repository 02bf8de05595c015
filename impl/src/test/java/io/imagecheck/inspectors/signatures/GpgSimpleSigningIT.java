package io.imagecheck.inspectors.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.inspectors.packages.ExternalTools;
import io.imagecheck.signatures.Attachment;
import io.imagecheck.signatures.AttachmentDiscovery;
import io.imagecheck.signatures.OpenPgpKey;
import io.imagecheck.signatures.SignedSubject;
import io.imagecheck.signatures.VerificationOptions;
import io.imagecheck.signatures.VerificationResult;
import io.imagecheck.signatures.Verifier;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPG simple signing made by the real {@code skopeo copy --sign-by} with a throwaway key from
 * {@code gpg}, found in the {@code dir:} copy and verified with BouncyCastle.
 */
class GpgSimpleSigningIT {

  @TempDir
  Path tmp;

  @Test
  void should_verify_skopeo_gpg_signature_and_reject_it_for_another_image() throws IOException {
    // GIVEN: a throwaway key in a private GNUPGHOME, an image signed by skopeo into dir:
    Path home = Files.createDirectory(tmp.resolve("gnupg"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    Map<String, String> env = Map.of("GNUPGHOME", home.toString());
    ExternalTools.Result gen = ExternalTools.run(tmp, Duration.ofMinutes(2), env, "gpg", "--batch", "--passphrase", "",
        "--quick-gen-key", "imagecheck test <test@imagecheck.invalid>", "ed25519", "sign", "never");
    assumeTrue(gen.exitCode() != -1, "gpg absent: skipping (" + gen.output() + ")");
    assertThat(gen.ok()).as(gen.output()).isTrue();
    String fpr = fingerprint(ExternalTools.run(tmp, Duration.ofSeconds(30), env, "gpg", "--batch", "--with-colons",
        "--list-keys").output());
    Path layout = tmp.resolve("oci");
    TestImage.builder().layer("COPY app /app", l -> l.file("/app", "hello")).build().writeOciLayout(layout, "v1");
    Path signedDir = tmp.resolve("signed");
    ExternalTools.Result copy = ExternalTools.run(tmp, Duration.ofMinutes(2), env, "skopeo", "copy", "--sign-by", fpr,
        "--sign-identity", "registry.example/app:v1", "oci:" + layout + ":v1", "dir:" + signedDir);
    assumeTrue(copy.exitCode() != -1, "skopeo absent: skipping (" + copy.output() + ")");
    assertThat(copy.ok()).as(copy.output()).isTrue();
    ExternalTools.Result export = ExternalTools.run(tmp, Duration.ofSeconds(30), env, "gpg", "--batch", "--armor",
        "--export", fpr);
    assertThat(export.ok()).as(export.output()).isTrue();
    List<OpenPgpKey> keys = OpenPgpKey.parse("test.asc", export.output().getBytes(StandardCharsets.US_ASCII));
    Verifier verifier = Verifier.create(VerificationOptions.builder().openPgpKey(keys.get(0)).build());
    try (ImageSource source = ImageSources.open("dir:" + signedDir)) {
      Image image = source.image();
      // WHEN
      List<Attachment> found = AttachmentDiscovery.discover(source, image);
      VerificationResult ok = verifier.verify(found.get(0), AttachmentDiscovery.subjectOf(image));
      VerificationResult other = verifier.verify(found.get(0), SignedSubject.of(Digest.sha256(new byte[] {1})));
      VerificationResult untrusted = Verifier.create(VerificationOptions.builder().build())
          .verify(found.get(0), AttachmentDiscovery.subjectOf(image));
      // THEN
      assertThat(found).hasSize(1).first().isInstanceOf(Attachment.GpgSignature.class);
      assertThat(ok.outcome()).as(ok.message()).isEqualTo(VerificationResult.Outcome.VERIFIED);
      assertThat(ok.evidence()).containsEntry("keyFingerprint", fpr)
          .containsEntry("dockerReference", "registry.example/app:v1")
          .containsEntry("signedDigest", image.descriptor().digest().toString());
      assertThat(other.outcome()).isEqualTo(VerificationResult.Outcome.INVALID);
      assertThat(other.message()).contains("signs another image");
      assertThat(untrusted.outcome()).isEqualTo(VerificationResult.Outcome.UNTRUSTED_IDENTITY);
    }
  }

  private static String fingerprint(String colons) {
    for (String line : colons.split("\n")) {
      if (line.startsWith("fpr:")) {
        String[] f = line.split(":");
        return f[9];
      }
    }
    throw new AssertionError("no fingerprint in gpg output: " + colons);
  }
}
