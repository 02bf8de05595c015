package io.imagecheck.cli;

import io.imagecheck.image.Digest;
import io.imagecheck.inspectors.provenance.InTotoStatement;
import io.imagecheck.internal.json.Json;
import io.imagecheck.signatures.Attachment;
import io.imagecheck.signatures.AttachmentDiscovery;
import io.imagecheck.signatures.Attachments;
import io.imagecheck.signatures.Identity;
import io.imagecheck.signatures.OpenPgpKey;
import io.imagecheck.signatures.SignedSubject;
import io.imagecheck.signatures.TrustedKeys;
import io.imagecheck.signatures.TrustedRoot;
import io.imagecheck.signatures.VerificationOptions;
import io.imagecheck.signatures.VerificationResult;
import io.imagecheck.signatures.VerificationResult.Outcome;
import io.imagecheck.signatures.Verifier;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code imagecheck verify SOURCE}: finds the signatures (or, with {@code --type}, the attestations)
 * attached to an image and verifies them offline, with cosign's flag names: {@code --key} (a PEM public
 * key or an OpenPGP public key export, repeatable), {@code --certificate-identity[-regexp]} with
 * {@code --certificate-oidc-issuer[-regexp]} for keyless signatures, {@code --trusted-root},
 * {@code --insecure-ignore-tlog}. Like {@code cosign verify}, a key-based signature needs a
 * transparency-log entry unless the log is ignored.
 *
 * <p>Exit status: {@link ExitCode#OK} when at least one signature (or attestation of the type) verifies,
 * {@link ExitCode#POLICY_FAILURE} when none does (none found, or all invalid or untrusted),
 * {@link ExitCode#ERROR} for a source that cannot be read, a key or trusted-root file that cannot be
 * used, or a wrong command line (keyless verification needs both an identity and an issuer, as in
 * cosign).
 *
 * <p>Only the manifests and the signatures are read, never the layers: a {@code dir:} copy holding only
 * {@code manifest.json} and its {@code signature-N} files can be verified.
 */
@Command(name = "verify",
    description = "Verifies an image's signatures (or, with --type, its attestations) offline against trusted "
        + "keys or keyless identities; exits 1 when none verifies.",
    sortOptions = false,
    footer = {"",
        "Exit status: 0 verified, 1 no signature (or attestation of the type) verified, 2 source, key or usage",
        "error. The flags are cosign's; keyless verification needs an identity and an issuer.",
        "Types: slsaprovenance, slsaprovenance02, slsaprovenance1, spdx, spdxjson, cyclonedx, vuln, openvex,",
        "link, custom, or a predicate type URI."})
final class VerifyCommand implements Callable<Integer> {

  /** The largest key file read (public keys and key exports are a few KiB). */
  private static final long MAX_KEY_BYTES = 1 << 20;

  @ParentCommand
  ImageCheckCommand parent;

  @Spec
  CommandSpec spec;

  @Mixin
  CommonOptions options;

  @Parameters(index = "0", paramLabel = "SOURCE", converter = CommonOptions.ReferenceConverter.class,
      description = CommonOptions.SOURCE_HELP)
  ImageReference source;

  @Option(names = "--key", paramLabel = "FILE",
      description = "A trusted public key: PEM (cosign.pub: ECDSA, RSA or Ed25519) or an exported OpenPGP public "
          + "key (GPG simple signing). Repeatable; any one may sign.")
  List<Path> keys = new ArrayList<>();

  @Option(names = "--certificate-identity", paramLabel = "IDENTITY",
      description = "Keyless: the signing certificate's subject (an e-mail address or a workflow URI), exactly.")
  @Nullable String identity;

  @Option(names = "--certificate-identity-regexp", paramLabel = "REGEXP",
      description = "Keyless: a regular expression the certificate's subject must match as a whole.")
  @Nullable String identityRegexp;

  @Option(names = "--certificate-oidc-issuer", paramLabel = "ISSUER",
      description = "Keyless: the OIDC issuer recorded in the certificate, exactly "
          + "(e.g. https://token.actions.githubusercontent.com).")
  @Nullable String issuer;

  @Option(names = "--certificate-oidc-issuer-regexp", paramLabel = "REGEXP",
      description = "Keyless: a regular expression the certificate's OIDC issuer must match as a whole.")
  @Nullable String issuerRegexp;

  @Option(names = "--trusted-root", paramLabel = "FILE",
      description = "A Sigstore trusted_root.json (Fulcio, Rekor and timestamp authorities) instead of the "
          + "public-good snapshot shipped with imagecheck.")
  @Nullable Path trustedRoot;

  @Option(names = "--type", paramLabel = "TYPE",
      description = "Verify attestations of this predicate type instead of signatures (cosign verify-attestation): "
          + "a cosign type name or a predicate type URI.")
  @Nullable String type;

  @Option(names = "--insecure-ignore-tlog",
      description = "INSECURE: accept signatures without a verified transparency-log entry.")
  boolean insecureIgnoreTlog;

  /**
   * Finds and verifies the signatures or attestations and prints the outcome.
   *
   * @return {@link ExitCode#OK} when one verified, else {@link ExitCode#POLICY_FAILURE}
   * @throws IOException when the source cannot be read (mapped to {@link ExitCode#ERROR})
   */
  @Override
  public Integer call() throws IOException {
    OutputFormat format = options.textOrJson();
    Verifier verifier = Verifier.create(verificationOptions());
    String wanted = type == null ? null : InTotoStatement.predicateType(type);
    Progress progress = parent.progress();
    SignedSubject subject;
    List<Checked> checked = new ArrayList<>();
    progress.update("verifying " + source);
    try (ImageSource opened = options.open(source, progress)) {
      subject = AttachmentDiscovery.subjectOf(opened);
      for (Attachment a : AttachmentDiscovery.discover(opened, subject)) {
        boolean attestation = Attachments.kind(a).equals("attestation");
        if (attestation == (wanted != null)) {
          checked.add(check(verifier.verify(a, subject), wanted));
        }
      }
    } finally {
      progress.clear();
    }
    long verified = checked.stream().filter(Checked::counts).count();
    switch (format) {
      case JSON -> parent.out().println(Json.writer().writeValueAsString(json(subject, wanted, checked, verified)));
      case TEXT -> text(parent.out(), subject, wanted, checked, verified);
      default -> throw new IllegalStateException("unhandled format " + format);
    }
    return verified > 0 ? ExitCode.OK.code() : ExitCode.POLICY_FAILURE.code();
  }

  /** One verification outcome and whether it counts (verified, and of the wanted type). */
  private record Checked(VerificationResult result, Optional<String> predicateType, boolean counts) {}

  private static Checked check(VerificationResult r, @Nullable String wanted) {
    Optional<String> pt = Optional.ofNullable(r.evidence().get("predicateType"));
    boolean counts = r.verified() && (wanted == null || pt.map(wanted::equals).orElse(false));
    return new Checked(r, pt, counts);
  }

  private VerificationOptions verificationOptions() {
    if (identity != null && identityRegexp != null) {
      throw usage("--certificate-identity and --certificate-identity-regexp cannot be combined");
    }
    if (issuer != null && issuerRegexp != null) {
      throw usage("--certificate-oidc-issuer and --certificate-oidc-issuer-regexp cannot be combined");
    }
    boolean hasIdentity = identity != null || identityRegexp != null;
    boolean hasIssuer = issuer != null || issuerRegexp != null;
    if (hasIdentity != hasIssuer) {
      throw usage("keyless verification needs both --certificate-identity[-regexp] and "
          + "--certificate-oidc-issuer[-regexp]");
    }
    if (keys.isEmpty() && !hasIdentity) {
      throw usage("nothing to trust: give --key FILE, or --certificate-identity[-regexp] with "
          + "--certificate-oidc-issuer[-regexp] for keyless signatures");
    }
    VerificationOptions.Builder b = VerificationOptions.builder();
    for (Path k : keys) {
      addKey(b, k);
    }
    if (hasIdentity) {
      try {
        b.identity(new Identity(identity != null ? Identity.Match.exact(identity) : Identity.Match.regex(identityRegexp),
            issuer != null ? Identity.Match.exact(issuer) : Identity.Match.regex(issuerRegexp)));
      } catch (IllegalArgumentException e) {
        throw usage(String.valueOf(e.getMessage()));
      }
    }
    if (trustedRoot != null) {
      try {
        b.trustedRoot(TrustedRoot.load(trustedRoot));
      } catch (IOException e) {
        throw usage("--trusted-root " + trustedRoot + ": " + e.getMessage());
      }
    }
    if (insecureIgnoreTlog) {
      b.insecureIgnoreTransparencyLog();
    }
    return b.build();
  }

  /** A PEM public key, or an OpenPGP export (armored, or binary: a packet tag byte has its high bit set). */
  private void addKey(VerificationOptions.Builder b, Path file) {
    try {
      if (Files.size(file) > MAX_KEY_BYTES) {
        throw usage("--key " + file + ": " + Files.size(file) + " bytes is too large for a public key file");
      }
      byte[] head = new byte[64];
      int n;
      try (InputStream in = Files.newInputStream(file)) {
        n = in.readNBytes(head, 0, head.length);
      }
      String text = new String(head, 0, n, StandardCharsets.US_ASCII);
      if (text.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----") || (n > 0 && (head[0] & 0x80) != 0)) {
        OpenPgpKey.load(file).forEach(b::openPgpKey);
      } else {
        b.key(TrustedKeys.load(file));
      }
    } catch (IOException e) {
      throw usage("--key " + file + ": " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  // ---------------------------------------------------------------- output

  private void text(PrintStream out, SignedSubject subject, @Nullable String wanted, List<Checked> checked,
      long verified) {
    String what = wanted == null ? "signature" : "attestation";
    out.println("imagecheck verify of " + Terminal.escape(source.toString()));
    out.println("  image:  " + subject.manifest() + " (manifest)"
        + subject.index().map(i -> ", index " + i).orElse(""));
    if (wanted != null) {
      out.println("  type:   " + Terminal.escape(wanted));
    }
    out.println();
    for (Checked c : checked) {
      VerificationResult r = c.result();
      Map<String, String> ev = r.evidence();
      String outcome = c.counts() ? "VERIFIED"
          : r.verified() ? "OTHER TYPE" : r.outcome().name().replace('_', ' ');
      out.println(outcome + " " + r.kind() + " " + Terminal.escape(r.where()));
      c.predicateType().ifPresent(t -> out.println("  type:    " + Terminal.escape(t)));
      Optional<String> signer = signer(ev);
      signer.ifPresent(s -> out.println("  signer:  " + Terminal.escape(s)));
      if (r.verified()) {
        out.println("  log:     " + Terminal.escape(log(ev)));
        if (ev.containsKey("timestamp")) {
          out.println("  time:    " + Terminal.escape(ev.get("timestamp")) + " (RFC 3161 timestamp)");
        }
        out.println("  signed:  " + Terminal.escape(ev.getOrDefault("signedDigest", "?"))
            + Optional.ofNullable(ev.get("signedAs")).map(a -> " (the image " + a + ")").orElse(""));
        if (ev.containsKey("dockerReference")) {
          out.println("  for:     " + Terminal.escape(ev.get("dockerReference")));
        }
      } else {
        out.println("  reason:  " + Terminal.escape(r.message()));
      }
    }
    if (!checked.isEmpty()) {
      out.println();
    }
    long relevant = checked.stream().filter(c -> c.result().outcome() != Outcome.NOT_A_SIGNATURE).count();
    if (verified > 0) {
      out.println("VERIFIED: " + verified + " of " + relevant + " " + what + (relevant == 1 ? "" : "s")
          + " verified for " + subject.manifest().shortForm());
    } else if (relevant == 0) {
      out.println("NOT VERIFIED: no " + what + (wanted == null ? "" : " of type " + Terminal.escape(wanted))
          + " found for " + subject);
    } else {
      out.println("NOT VERIFIED: none of " + relevant + " " + what + (relevant == 1 ? "" : "s") + " verified ("
          + summary(checked) + ")");
    }
  }

  /** Who signed, from the evidence: a key's name and fingerprint, or a certificate identity and issuer. */
  private static Optional<String> signer(Map<String, String> ev) {
    if (ev.containsKey("certificateIdentity")) {
      return Optional.of(ev.get("certificateIdentity") + " (issuer "
          + ev.getOrDefault("certificateOidcIssuer", "none") + ")");
    }
    if (ev.containsKey("signer")) {
      return Optional.of("key " + ev.get("signer") + Optional.ofNullable(ev.get("keyFingerprint"))
          .map(f -> " (" + f + ")").orElse(""));
    }
    return Optional.ofNullable(ev.get("keyFingerprint")).map(f -> "key " + f);
  }

  private static String log(Map<String, String> ev) {
    if (ev.containsKey("logIndex")) {
      return "index " + ev.get("logIndex") + " at " + ev.getOrDefault("integratedTime", "?")
          + Optional.ofNullable(ev.get("transparencyLog")).filter(l -> l.startsWith("http"))
              .map(l -> " (" + l + ")").orElse("");
    }
    if (ev.containsKey("transparencyLog")) {
      return "none: " + ev.get("transparencyLog");
    }
    return "none (GPG simple signing has no transparency log)";
  }

  private static String summary(List<Checked> checked) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Checked c : checked) {
      if (c.result().outcome() == Outcome.NOT_A_SIGNATURE) {
        continue;
      }
      String k = c.result().verified() ? "of another type"
          : c.result().outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      counts.merge(k, 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(v + " " + k));
    return String.join(", ", parts);
  }

  private Map<String, Object> json(SignedSubject subject, @Nullable String wanted, List<Checked> checked,
      long verified) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", source.toString());
    m.put("manifestDigest", subject.manifest().toString());
    m.put("indexDigest", subject.index().map(Digest::toString).orElse(null));
    m.put("predicateType", wanted);
    m.put("verified", verified > 0);
    List<Map<String, Object>> results = new ArrayList<>();
    for (Checked c : checked) {
      VerificationResult r = c.result();
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("kind", r.kind());
      e.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
      e.put("counts", c.counts());
      e.put("where", r.where());
      e.put("message", r.message());
      e.put("evidence", r.evidence());
      results.add(e);
    }
    m.put("results", results);
    return m;
  }
}
