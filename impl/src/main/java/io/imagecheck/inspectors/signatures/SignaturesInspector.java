package io.imagecheck.inspectors.signatures;

import io.imagecheck.image.Image;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import io.imagecheck.inspectors.provenance.InTotoStatement;
import io.imagecheck.signatures.Attachment;
import io.imagecheck.signatures.AttachmentDiscovery;
import io.imagecheck.signatures.Identity;
import io.imagecheck.signatures.OpenPgpKey;
import io.imagecheck.signatures.SignedSubject;
import io.imagecheck.signatures.TrustedKeys;
import io.imagecheck.signatures.TrustedRoot;
import io.imagecheck.signatures.VerificationOptions;
import io.imagecheck.signatures.VerificationResult;
import io.imagecheck.signatures.VerificationResult.Outcome;
import io.imagecheck.signatures.Verifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Proves who signed an image and how it was built, offline: finds its signatures and attestations in
 * the source ({@link AttachmentDiscovery}), verifies each ({@link Verifier}), and reports every outcome
 * as a finding with evidence.
 *
 * <p>Options (policy {@code options.signatures}):
 * <ul>
 *   <li>{@code keys}: PEM public key files (cosign {@code --key});
 *   <li>{@code identities}: maps with {@code subject} or {@code subjectRegexp} and {@code issuer} or
 *       {@code issuerRegexp} (cosign {@code --certificate-identity[-regexp]},
 *       {@code --certificate-oidc-issuer[-regexp]});
 *   <li>{@code gpgKeys}: exported OpenPGP public key files (GPG simple signing);
 *   <li>{@code trustedRoot}: a {@code trusted_root.json} file (default: the shipped public-good snapshot);
 *   <li>{@code required}: whether a verified signature is required ({@code signature.missing} is then HIGH);
 *   <li>{@code requiredAttestations}: predicate types (or cosign {@code --type} names such as
 *       {@code slsaprovenance}) a verified attestation must exist for;
 *   <li>{@code allowedBuilders}: regular expressions a verified SLSA provenance's builder id must match;
 *   <li>{@code insecureIgnoreTlog}: accept signatures without a transparency-log entry (insecure).
 * </ul>
 *
 * <p>Thread-safe (stateless).
 */
public final class SignaturesInspector implements Inspector {

  /** The inspector id. */
  public static final String ID = "signatures";

  private static final List<Rule> RULES = List.of(
      new Rule("signature.missing", Severity.INFO, "Image is not signed",
          "No signature by a trusted key or identity was found for the image (cosign tags, referrers, dir: "
              + "signature files).", "Sign the image (cosign sign) and publish the signature with it."),
      new Rule("signature.invalid", Severity.HIGH, "Invalid signature",
          "A signature that does not verify, lacks its transparency-log entry, or covers another image.",
          "Re-sign the image; a signature over another digest means the image was changed after signing."),
      new Rule("signature.untrusted-identity", Severity.HIGH, "Signed by an untrusted signer",
          "A valid signature whose key or certificate identity is not among the trusted ones.",
          "Check who signed it; add the signer to the policy only if it is legitimate."),
      new Rule("signature.verified", Severity.INFO, "Signature verified",
          "A signature by a trusted key or identity, over this image, with its log entry.", "Nothing to do."),
      new Rule("attestation.missing", Severity.HIGH, "Required attestation missing",
          "The policy requires a verified attestation of this predicate type and none was found.",
          "Publish the attestation (cosign attest) with the image."),
      new Rule("attestation.invalid", Severity.HIGH, "Invalid attestation",
          "An attestation whose signature, log entry or subject does not verify.", "Re-attest the image."),
      new Rule("attestation.unsigned", Severity.MEDIUM, "Unsigned attestation",
          "An in-toto statement stored without a signature (BuildKit attestation manifest): present, but anyone "
              + "who could push the image could have written it.", "Sign the provenance (cosign attest)."),
      new Rule("attestation.untrusted-builder", Severity.HIGH, "Provenance from an unapproved builder",
          "A verified SLSA provenance names a builder id the policy does not allow.",
          "Build the image with an approved builder."));

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Finds the image's cosign signatures and attestations, Sigstore bundles, GPG simple signatures and "
        + "BuildKit attestations in its source and verifies them offline against trusted keys and identities.";
  }

  @Override
  public List<Rule> rules() {
    return RULES;
  }

  @Override
  public InspectorResult inspect(InspectionContext context) throws IOException {
    Map<String, Object> opts = context.options();
    Verifier verifier = Verifier.create(options(opts));
    boolean required = Boolean.TRUE.equals(opts.get("required"));
    Image image = context.image();
    SignedSubject subject = AttachmentDiscovery.subjectOf(image);
    List<Attachment> found = context.imageSource().isPresent()
        ? AttachmentDiscovery.discover(context.imageSource().get(), image) : List.of();
    List<Finding> findings = new ArrayList<>();
    List<Map<String, Object>> signatures = new ArrayList<>();
    List<Map<String, Object>> attestations = new ArrayList<>();
    Set<String> verifiedTypes = new LinkedHashSet<>();
    boolean signed = false;
    List<Pattern> builders = strings(opts.get("allowedBuilders")).stream().map(Pattern::compile).toList();
    for (Attachment a : found) {
      VerificationResult r = verifier.verify(a, subject);
      Map<String, Object> fact = new LinkedHashMap<>();
      fact.put("where", r.where());
      fact.put("kind", r.kind());
      fact.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
      fact.put("message", r.message());
      fact.put("evidence", r.evidence());
      boolean attestation = r.kind().equals("attestation") || r.kind().equals("statement")
          || a instanceof Attachment.CosignAttestation;
      if (r.statement().isPresent()) {
        InTotoStatement st = InTotoStatement.parse(r.statement().get(), r.where());
        fact.put("predicateType", st.predicateType());
        st.provenance().ifPresent(p -> {
          fact.put("builderId", p.builderId());
          fact.put("buildType", p.buildType());
          p.sourceRepository().ifPresent(s -> fact.put("sourceRepository", s));
          p.sourceCommit().ifPresent(s -> fact.put("sourceCommit", s));
          fact.put("materials", p.materials().stream().map(m -> m.uri()).toList());
        });
        if (r.verified()) {
          verifiedTypes.add(st.predicateType());
          verifiedTypes.add(st.predicateKind());
          if (!builders.isEmpty() && st.provenance().isPresent()) {
            String b = st.provenance().get().builderId();
            if (builders.stream().noneMatch(p -> p.matcher(b).matches())) {
              findings.add(finding("attestation.untrusted-builder", Severity.HIGH, r.where()
                  + ": SLSA provenance built by \"" + b + "\", which the policy does not allow", r));
            }
          }
        }
      }
      (attestation ? attestations : signatures).add(fact);
      switch (r.outcome()) {
        case VERIFIED -> {
          if (!attestation) {
            signed = true;
          }
          findings.add(finding("signature.verified", Severity.INFO, r.message(), r));
        }
        case INVALID -> findings.add(finding(attestation ? "attestation.invalid" : "signature.invalid", Severity.HIGH,
            r.message(), r));
        case UNTRUSTED_IDENTITY -> findings.add(finding("signature.untrusted-identity", Severity.HIGH, r.message(), r));
        case UNSIGNED -> findings.add(finding("attestation.unsigned", Severity.MEDIUM, r.message(), r));
        case NOT_A_SIGNATURE -> {
          // Another kind of attachment (an SBOM file, a text note): recorded as a fact only.
        }
      }
    }
    if (!signed) {
      findings.add(Finding.of("signature.missing", ID, required ? Severity.HIGH : Severity.INFO,
          "no verified signature for " + subject + (found.isEmpty() ? " (no signature or attestation found in "
              + context.source() + ")" : " among " + found.size() + " attachment(s)")));
    }
    for (String t : strings(opts.get("requiredAttestations"))) {
      if (!verifiedTypes.contains(t) && !verifiedTypes.contains(InTotoStatement.predicateType(t))) {
        findings.add(Finding.of("attestation.missing", ID, Severity.HIGH, "no verified attestation of type " + t
            + " for " + subject));
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("signed", signed);
    facts.put("signatures", signatures);
    facts.put("attestations", attestations);
    return InspectorResult.of(ID, facts, findings);
  }

  private static Finding finding(String rule, Severity s, String message, VerificationResult r) {
    Map<String, String> ev = new LinkedHashMap<>(r.evidence());
    ev.put("where", r.where());
    return new Finding(rule, ID, s, message, Optional.empty(), Optional.empty(), ev);
  }

  /**
   * Builds verification options from the inspector's policy options.
   *
   * @param opts the options
   * @return the verification options
   * @throws IOException when a key or trusted-root file cannot be read
   */
  public static VerificationOptions options(Map<String, Object> opts) throws IOException {
    VerificationOptions.Builder b = VerificationOptions.builder();
    for (String k : strings(opts.get("keys"))) {
      b.key(TrustedKeys.load(Path.of(k)));
    }
    for (String k : strings(opts.get("gpgKeys"))) {
      OpenPgpKey.load(Path.of(k)).forEach(b::openPgpKey);
    }
    Object ids = opts.get("identities");
    if (ids instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          b.identity(new Identity(match(m, "subject"), match(m, "issuer")));
        }
      }
    }
    if (opts.get("trustedRoot") instanceof String root) {
      b.trustedRoot(TrustedRoot.load(Path.of(root)));
    }
    if (Boolean.TRUE.equals(opts.get("insecureIgnoreTlog"))) {
      b.insecureIgnoreTransparencyLog();
    }
    return b.build();
  }

  private static Identity.Match match(Map<?, ?> m, String name) {
    Object exact = m.get(name);
    if (exact instanceof String s) {
      return Identity.Match.exact(s);
    }
    Object regex = m.get(name + "Regexp");
    if (regex instanceof String s) {
      return Identity.Match.regex(s);
    }
    throw new IllegalArgumentException("signatures identity needs \"" + name + "\" or \"" + name + "Regexp\": " + m);
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      for (Object x : l) {
        out.add(String.valueOf(x));
      }
    } else if (o instanceof String s) {
      out.add(s);
    }
    return out;
  }
}
