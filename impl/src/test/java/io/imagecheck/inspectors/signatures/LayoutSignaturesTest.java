package io.imagecheck.inspectors.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Image;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.inspectors.Inspectors;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.report.Verdict;
import io.imagecheck.scan.Scanner;
import io.imagecheck.signatures.Attachment;
import io.imagecheck.signatures.AttachmentDiscovery;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testing.CosignFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures stored in OCI layouts, written in cosign's formats by the test (a {@code sha256-<hex>.sig}
 * entry; an OCI 1.1 referrer holding a Sigstore bundle, found by its {@code subject}), scanned with a
 * policy that requires a signature.
 */
class LayoutSignaturesTest {

  @TempDir
  Path tmp;

  private KeyPair key;
  private Path pub;

  @BeforeEach
  void key() throws GeneralSecurityException, IOException {
    key = CosignFormat.p256();
    pub = Files.writeString(tmp.resolve("cosign.pub"), CosignFormat.publicKeyPem(key.getPublic()),
        StandardCharsets.US_ASCII);
  }

  private static TestImage app(String content) {
    return TestImage.builder().layer("COPY app /app", l -> l.file("/app", content)).build();
  }

  private Path layout(TestImage image, String name) throws IOException {
    Path dir = tmp.resolve(name);
    image.writeOciLayout(dir, "v1");
    return dir;
  }

  private Report scan(Path layout) throws IOException {
    Policy policy = Policy.builder("signed").inspectors(SignaturesInspector.ID).failOn(Severity.HIGH)
        .option(SignaturesInspector.ID, "required", true)
        .option(SignaturesInspector.ID, "keys", List.of(pub.toString()))
        .option(SignaturesInspector.ID, "insecureIgnoreTlog", true).build();
    try (ImageSource source = ImageSources.open("oci:" + layout + ":v1")) {
      return Scanner.with(policy, Inspectors.builtIn()).scan(source, source.image());
    }
  }

  private static List<String> rules(Report report) {
    InspectorResult r = report.results().get(0);
    return r.findings().stream().map(f -> f.ruleId() + " " + f.severity()).toList();
  }

  @Test
  void should_pass_a_layout_with_a_cosign_sig_entry_and_fail_the_unsigned_one() throws Exception {
    // GIVEN
    TestImage image = app("signed");
    Path signed = layout(image, "signed");
    byte[] payload = CosignFormat.simpleSigningPayload("registry.example/app", image.manifestDigest());
    CosignFormat.addToLayout(signed, CosignFormat.signatureManifest(payload,
        CosignFormat.sign(key.getPrivate(), payload)), "sha256-" + image.manifestDigest().hex() + ".sig");
    Path unsigned = layout(app("unsigned"), "unsigned");
    // WHEN
    Report ok = scan(signed);
    Report missing = scan(unsigned);
    // THEN
    assertThat(ok.verdict()).isEqualTo(Verdict.PASS);
    assertThat(rules(ok)).containsExactly("signature.verified INFO");
    Finding verified = ok.results().get(0).findings().get(0);
    assertThat(verified.evidence()).containsEntry("signer", "cosign.pub")
        .containsEntry("signedDigest", image.manifestDigest().toString()).containsEntry("signedAs", "manifest")
        .containsEntry("dockerReference", "registry.example/app");
    assertThat(missing.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(rules(missing)).containsExactly("signature.missing HIGH");
  }

  @Test
  void should_find_an_oci_1_1_bundle_referrer_by_its_subject_and_verify_it() throws Exception {
    // GIVEN an unnamed index.json entry whose manifest has the image as its subject
    TestImage image = app("referred");
    Path dir = layout(image, "referred");
    byte[] bundle = CosignFormat.keyBundle(key.getPrivate(), image.rawManifest());
    CosignFormat.Artifact referrer = CosignFormat.referrer(CosignFormat.BUNDLE_V03, bundle, image.descriptor());
    CosignFormat.addToLayout(dir, referrer, null);
    // WHEN
    List<Attachment> found;
    try (ImageSource source = ImageSources.open("oci:" + dir + ":v1")) {
      Image img = source.image();
      found = AttachmentDiscovery.discover(source, img);
    }
    Report report = scan(dir);
    // THEN
    assertThat(found).hasSize(1).first().isInstanceOf(Attachment.SigstoreBundle.class);
    assertThat(found.get(0).where()).contains("attachment " + referrer.digest().shortForm()).endsWith("layer 1");
    assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    assertThat(rules(report)).containsExactly("signature.verified INFO");
    assertThat(report.results().get(0).findings().get(0).evidence())
        .containsEntry("format", "sigstore-bundle").containsEntry("signedAs", "manifest")
        .containsEntry("signedDigest", image.manifestDigest().toString());
  }

  @Test
  void should_report_a_sig_entry_of_another_image_under_this_digest_as_invalid() throws Exception {
    // GIVEN a valid signature over another image, stored under this image's cosign tag
    TestImage image = app("moved");
    TestImage other = app("other");
    Path dir = layout(image, "moved");
    byte[] payload = CosignFormat.simpleSigningPayload("registry.example/app", other.manifestDigest());
    CosignFormat.addToLayout(dir, CosignFormat.signatureManifest(payload, CosignFormat.sign(key.getPrivate(), payload)),
        "sha256-" + image.manifestDigest().hex() + ".sig");
    // WHEN
    Report report = scan(dir);
    // THEN
    assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(rules(report)).containsExactly("signature.invalid HIGH", "signature.missing HIGH");
    assertThat(report.results().get(0).findings().get(0).message())
        .contains("a valid signature over " + other.manifestDigest()).contains("it signs another image");
  }
}
