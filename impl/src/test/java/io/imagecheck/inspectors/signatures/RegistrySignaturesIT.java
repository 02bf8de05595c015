package io.imagecheck.inspectors.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.Severity;
import io.imagecheck.inspectors.Inspectors;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.report.Verdict;
import io.imagecheck.scan.Scanner;
import io.imagecheck.signatures.Attachment;
import io.imagecheck.signatures.AttachmentDiscovery;
import io.imagecheck.source.DockerReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.sources.SourceOptions;
import io.imagecheck.sources.registry.Referrers;
import io.imagecheck.sources.registry.RegistryClient;
import io.imagecheck.sources.registry.RegistryOptions;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testing.CosignFormat;
import io.imagecheck.testing.registry.Commands;
import io.imagecheck.testing.registry.RegistryProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures in a real registry (Debian's {@code docker-registry} 2.8, which has no referrers API):
 * images pushed by the real {@code skopeo}, signed in cosign's format by the test (an ECDSA P-256 key
 * made here, a {@code sha256-<hex>.sig} manifest pushed with plain HTTP PUTs; format-faithful, not a
 * third-party signer: this proves discovery and transport), then read and verified through the
 * {@code docker://} source.
 */
class RegistrySignaturesIT {

  @TempDir
  static Path tmp;
  static RegistryProcess registry;
  static KeyPair key;
  static Path pub;
  static TestImage imageA;
  static TestImage imageB;

  @BeforeAll
  static void start() throws IOException, GeneralSecurityException {
    Commands.assumeInstalled("docker-registry", "skopeo");
    registry = RegistryProcess.plain(tmp.resolve("storage"), tmp.resolve("registry"));
    key = CosignFormat.p256();
    pub = Files.writeString(tmp.resolve("cosign.pub"), CosignFormat.publicKeyPem(key.getPublic()),
        StandardCharsets.US_ASCII);
    imageA = TestImage.builder().layer("COPY app /app", l -> l.file("/app", "release 1")).build();
    imageB = TestImage.builder().layer("COPY app /app", l -> l.file("/app", "unsigned rebuild")).build();
    imageA.writeOciLayout(tmp.resolve("a"), "v1");
    imageB.writeOciLayout(tmp.resolve("b"), "v1");
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static String host() {
    return registry.host();
  }

  private static void push(String layout, String repoTag) throws IOException {
    Commands.run(Duration.ofMinutes(2), "skopeo", "copy", "-q", "--dest-tls-verify=false",
        "oci:" + tmp.resolve(layout) + ":v1", "docker://" + host() + "/" + repoTag);
  }

  /** Signs a digest in cosign's format and pushes the signature under the digest's cosign tag. */
  private static CosignFormat.Artifact sign(String repo, Digest digest) throws IOException, GeneralSecurityException {
    byte[] payload = CosignFormat.simpleSigningPayload(host() + "/" + repo, digest);
    CosignFormat.Artifact sig = CosignFormat.signatureManifest(payload, CosignFormat.sign(key.getPrivate(), payload));
    CosignFormat.push(host(), repo, "sha256-" + digest.hex() + ".sig", sig);
    return sig;
  }

  private static SourceOptions options() {
    return SourceOptions.builder().registry(RegistryOptions.builder().insecureRegistry(host()).build()).build();
  }

  private static Report scan(String reference) throws IOException {
    Policy policy = Policy.builder("signed").inspectors(SignaturesInspector.ID).failOn(Severity.HIGH)
        .option(SignaturesInspector.ID, "required", true)
        .option(SignaturesInspector.ID, "keys", List.of(pub.toString()))
        .option(SignaturesInspector.ID, "insecureIgnoreTlog", true).build();
    try (ImageSource source = ImageSources.open("docker://" + host() + "/" + reference, options())) {
      return Scanner.with(policy, Inspectors.builtIn()).scan(source, source.image());
    }
  }

  private static List<Finding> findings(Report report) {
    return report.results().get(0).findings();
  }

  @Test
  void should_find_and_verify_the_cosign_signature_through_the_registry_source() throws Exception {
    // GIVEN
    push("a", "lab/signed:v1");
    sign("lab/signed", imageA.manifestDigest());
    // WHEN
    List<Attachment> found;
    try (ImageSource source = ImageSources.open("docker://" + host() + "/lab/signed:v1", options())) {
      Image image = source.image();
      found = AttachmentDiscovery.discover(source, image);
    }
    Report report = scan("lab/signed:v1");
    // THEN
    assertThat(found).hasSize(1).first().isInstanceOf(Attachment.CosignSignature.class);
    assertThat(found.get(0).where()).startsWith("docker://" + host() + "/lab/signed:v1 attachment ")
        .contains("(sha256-" + imageA.manifestDigest().hex() + ".sig) layer 1");
    assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    assertThat(findings(report)).extracting(Finding::ruleId).containsExactly("signature.verified");
    assertThat(findings(report).get(0).evidence()).containsEntry("signer", "cosign.pub")
        .containsEntry("signedDigest", imageA.manifestDigest().toString()).containsEntry("signedAs", "manifest")
        .containsEntry("dockerReference", host() + "/lab/signed");
  }

  @Test
  void should_report_signature_missing_when_the_tag_is_moved_to_an_unsigned_image() throws Exception {
    // GIVEN v1 was signed, then an unsigned image was pushed to the same tag
    push("a", "lab/retagged:v1");
    sign("lab/retagged", imageA.manifestDigest());
    push("b", "lab/retagged:v1");
    // WHEN
    Report retagged = scan("lab/retagged:v1");
    Report byDigest = scan("lab/retagged@" + imageA.manifestDigest());
    // THEN
    assertThat(retagged.image().digest()).isEqualTo(imageB.manifestDigest());
    assertThat(retagged.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(findings(retagged)).extracting(f -> f.ruleId() + " " + f.severity())
        .containsExactly("signature.missing HIGH");
    assertThat(findings(retagged).get(0).message()).contains("no verified signature for " + imageB.manifestDigest())
        .contains("no signature or attestation found");
    assertThat(byDigest.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void should_report_a_signature_moved_onto_another_digest_as_invalid() throws Exception {
    // GIVEN A's signature manifest copied to B's cosign tag
    push("a", "lab/moved:a");
    push("b", "lab/moved:b");
    CosignFormat.Artifact sig = sign("lab/moved", imageA.manifestDigest());
    CosignFormat.push(host(), "lab/moved", "sha256-" + imageB.manifestDigest().hex() + ".sig", sig);
    // WHEN
    Report report = scan("lab/moved:b");
    // THEN
    assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(findings(report)).extracting(f -> f.ruleId() + " " + f.severity())
        .containsExactly("signature.invalid HIGH", "signature.missing HIGH");
    assertThat(findings(report).get(0).message()).contains("a valid signature over " + imageA.manifestDigest()
        + ", but the image is " + imageB.manifestDigest()).contains("it signs another image");
  }

  @Test
  void should_find_a_sigstore_bundle_referrer_through_the_referrers_tag_fallback() throws Exception {
    // GIVEN a bundle artifact whose subject is the image, listed in the sha256-<hex> index (registry 2.8
    // has no referrers API, so the pushing client maintains that tag)
    push("a", "lab/referred:v1");
    byte[] bundle = CosignFormat.keyBundle(key.getPrivate(), imageA.rawManifest());
    CosignFormat.Artifact referrer = CosignFormat.referrer(CosignFormat.BUNDLE_V03, bundle, imageA.descriptor());
    CosignFormat.push(host(), "lab/referred", referrer.digest().toString(), referrer);
    CosignFormat.push(host(), "lab/referred", Referrers.fallbackTag(imageA.manifestDigest()),
        CosignFormat.referrersIndex(CosignFormat.BUNDLE_V03, List.of(referrer)));
    // WHEN
    Referrers listed;
    try (RegistryClient client = RegistryClient.create(RegistryOptions.builder().insecureRegistry(host()).build())) {
      listed = client.repository(DockerReference.parse(host() + "/lab/referred")).referrers(imageA.manifestDigest());
    }
    Report report = scan("lab/referred:v1");
    // THEN
    assertThat(listed.fromTagSchema()).isTrue();
    assertThat(listed.manifests()).hasSize(1);
    assertThat(listed.manifests().get(0).artifactType()).contains(CosignFormat.BUNDLE_V03);
    assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    assertThat(findings(report)).extracting(Finding::ruleId).containsExactly("signature.verified");
    Map<String, String> ev = findings(report).get(0).evidence();
    assertThat(ev).containsEntry("format", "sigstore-bundle").containsEntry("signedAs", "manifest")
        .containsEntry("signedDigest", imageA.manifestDigest().toString());
    assertThat(ev.get("where")).contains("referrer in " + Referrers.fallbackTag(imageA.manifestDigest()));
  }
}
