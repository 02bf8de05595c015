package io.imagecheck.signatures;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import io.imagecheck.image.Digest;
import io.imagecheck.signatures.VerificationResult.Outcome;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Verifies image signatures and attestations offline, and reports every outcome as a
 * {@link VerificationResult} with evidence rather than an exception.
 *
 * <pre>{@code
 * Verifier verifier = Verifier.create(VerificationOptions.builder()
 *     .identity(Identity.exact("mitr@redhat.com", "https://github.com/login/oauth"))
 *     .build());
 * VerificationResult r = verifier.verify(attachment, SignedSubject.of(image.descriptor().digest()));
 * }</pre>
 *
 * <p>What "verified" means, for each kind (as {@code cosign verify} and {@code cosign
 * verify-attestation} check it):
 * <ol>
 *   <li>the signature verifies with a trusted key, or with a certificate that chains to a Fulcio
 *       authority of the trusted root (or to an extra root) at the signing time, was valid then, and
 *       names a trusted identity: subject alternative name <em>and</em> OIDC issuer;
 *   <li>a transparency-log entry's signed entry timestamp or inclusion proof verifies with a log key of
 *       the trusted root, and the entry describes this signature, signer and content (unless
 *       {@link VerificationOptions#insecureIgnoreTransparencyLog()});
 *   <li>the signed content is about this image: the simple-signing {@code docker-manifest-digest}, or
 *       one of the in-toto statement's subject digests, is the image's manifest digest or the digest
 *       of the index it was resolved through (the evidence records which).
 * </ol>
 *
 * <p>Thread-safe.
 */
public final class Verifier {

  private static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  private static final String IN_TOTO = "application/vnd.in-toto+json";

  private final VerificationOptions options;
  private volatile @Nullable KeylessVerifier sigstore;

  private Verifier(VerificationOptions options) {
    this.options = options;
  }

  /**
   * Creates a verifier.
   *
   * @param options what to trust
   * @return the verifier
   */
  public static Verifier create(VerificationOptions options) {
    return new Verifier(Objects.requireNonNull(options, "options"));
  }

  /**
   * The options.
   *
   * @return the options
   */
  public VerificationOptions options() {
    return options;
  }

  /**
   * Verifies one attachment of an image.
   *
   * @param attachment what was found
   * @param subject the digests the attachment may cover
   * @return the outcome with evidence
   */
  public VerificationResult verify(Attachment attachment, SignedSubject subject) {
    Objects.requireNonNull(subject, "subject");
    Map<String, String> ev = new LinkedHashMap<>();
    String kind = attachment instanceof Attachment.UnsignedStatement ? "statement" : Attachments.kind(attachment);
    try {
      if (attachment instanceof Attachment.CosignSignature s) {
        ev.put("format", "cosign");
        return cosignSignature(s, subject, ev);
      }
      if (attachment instanceof Attachment.CosignAttestation a) {
        ev.put("format", "cosign-dsse");
        return cosignAttestation(a, subject, ev);
      }
      if (attachment instanceof Attachment.SigstoreBundle b) {
        ev.put("format", "sigstore-bundle");
        return bundle(b.where(), b.bundle(), subject.digests(), subject, ev);
      }
      if (attachment instanceof Attachment.GpgSignature g) {
        ev.put("format", "gpg-simple-signing");
        return gpg(g, subject, ev);
      }
      ev.put("format", "in-toto");
      return unsigned((Attachment.UnsignedStatement) attachment, subject, ev);
    } catch (Rejected r) {
      return new VerificationResult(r.outcome(), kind, attachment.where(), r.getMessage(), ev, Optional.empty());
    }
  }

  /**
   * Verifies a Sigstore bundle over an artifact (not an image): a message signature over the
   * artifact's digest, or a DSSE statement whose subject includes it.
   *
   * @param bundle the bundle JSON
   * @param where a description for messages
   * @param artifact the artifact's digest
   * @return the outcome with evidence
   */
  public VerificationResult verifyBundle(byte[] bundle, String where, Digest artifact) {
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("format", "sigstore-bundle");
    try {
      return bundle(where, bundle, List.of(artifact), SignedSubject.of(artifact), ev);
    } catch (Rejected r) {
      return new VerificationResult(r.outcome(), "bundle", where, r.getMessage(), ev, Optional.empty());
    }
  }

  /**
   * Verifies a Sigstore bundle over an artifact given by content: a message signature may sign its
   * SHA-256, SHA-384 or SHA-512 digest (the bundle says which); a DSSE statement must name its SHA-256
   * or SHA-512 digest.
   *
   * @param bundle the bundle JSON
   * @param where a description for messages
   * @param artifact the artifact's bytes
   * @return the outcome with evidence
   */
  public VerificationResult verifyBundle(byte[] bundle, String where, byte[] artifact) {
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("format", "sigstore-bundle");
    Digest sha256 = Digest.sha256(artifact);
    Digest sha512 = Digest.of(Digest.SHA512, SignatureChecks.hash("SHA-512", artifact));
    try {
      return bundleWithContent(where, bundle, List.of(sha256, sha512), SignedSubject.of(sha256), ev, artifact);
    } catch (Rejected r) {
      return new VerificationResult(r.outcome(), "bundle", where, r.getMessage(), ev, Optional.empty());
    }
  }

  // ---------------------------------------------------------------- cosign .sig

  private VerificationResult cosignSignature(Attachment.CosignSignature s, SignedSubject subject,
      Map<String, String> ev) throws Rejected {
    if (!s.mediaType().equalsIgnoreCase(SIMPLE_SIGNING)) {
      throw new Rejected(Outcome.NOT_A_SIGNATURE, s.where() + " has media type " + s.mediaType()
          + ", not a cosign simple-signing signature (" + SIMPLE_SIGNING + ")");
    }
    byte[] payload = s.payload();
    byte[] sig = decode(s.signature(), s.where() + ": signature annotation");
    Signer signer = signer(s.certificate(), s.chain(), k -> SignatureChecks.verify(k, payload, sig), s.where(), ev);
    Optional<TlogEntry> entry = s.rekorBundle().isPresent()
        ? Optional.of(TlogEntry.fromCosignBundle(s.rekorBundle().get(), s.where() + ": Rekor bundle"))
        : Optional.empty();
    Instant at = transparencyLog(entry, new TransparencyLogs.Expected(signer.key, sig,
        hex(SignatureChecks.sha256(payload)), null, null), List.of(), sig, ev, s.where());
    trust(signer, at, ev, s.where());
    bindSimpleSigning(payload, subject, ev, s.where(), "cosign container image signature");
    return new VerificationResult(Outcome.VERIFIED, "signature", s.where(), "signature by " + signer.describe()
        + " verified over " + ev.get("signedDigest") + " (the image " + ev.get("signedAs") + ")", ev,
        Optional.empty());
  }

  // ---------------------------------------------------------------- cosign .att

  private VerificationResult cosignAttestation(Attachment.CosignAttestation a, SignedSubject subject,
      Map<String, String> ev) throws Rejected {
    byte[] envBytes = a.envelope();
    Envelope env = Envelope.parse(TlogEntry.tree(envBytes, a.where() + ": DSSE envelope"), a.where());
    byte[] pae = SignatureChecks.pae(env.payloadType, env.payload);
    Signer signer = signer(a.certificate(), a.chain(), k -> SignatureChecks.verify(k, pae, env.signature),
        a.where(), ev);
    Optional<TlogEntry> entry = a.rekorBundle().isPresent()
        ? Optional.of(TlogEntry.fromCosignBundle(a.rekorBundle().get(), a.where() + ": Rekor bundle"))
        : Optional.empty();
    Instant at = transparencyLog(entry, new TransparencyLogs.Expected(signer.key, env.signature, null,
        hex(SignatureChecks.sha256(env.payload)), hex(SignatureChecks.sha256(envBytes))), List.of(),
        env.signature, ev, a.where());
    trust(signer, at, ev, a.where());
    String statement = bindStatement(env, subject.digests(), subject, ev, a.where());
    return new VerificationResult(Outcome.VERIFIED, "attestation", a.where(), "attestation ("
        + ev.getOrDefault("predicateType", "?") + ") by " + signer.describe() + " verified over "
        + ev.get("signedDigest") + " (the image " + ev.get("signedAs") + ")", ev, Optional.of(statement));
  }

  // ---------------------------------------------------------------- Sigstore bundles

  private VerificationResult bundle(String where, byte[] json, List<Digest> targets, SignedSubject subject,
      Map<String, String> ev) throws Rejected {
    return bundleWithContent(where, json, targets, subject, ev, null);
  }

  private VerificationResult bundleWithContent(String where, byte[] json, List<Digest> targets,
      SignedSubject subject, Map<String, String> ev, byte @Nullable [] content) throws Rejected {
    JsonNode b = TlogEntry.tree(json, where + ": Sigstore bundle");
    String mt = b.path("mediaType").asText("");
    if (!mt.startsWith("application/vnd.dev.sigstore.bundle")) {
      throw new Rejected(Outcome.NOT_A_SIGNATURE, where + " is not a Sigstore bundle (mediaType \"" + mt + "\")");
    }
    ev.put("bundleMediaType", mt);
    JsonNode vm = b.path("verificationMaterial");
    List<X509Certificate> certs = new ArrayList<>();
    try {
      if (vm.has("certificate")) {
        certs.add(Pems.certificate(TlogEntry.b64(vm.path("certificate").path("rawBytes").asText(""), where
            + " certificate"), where));
      }
      for (JsonNode c : vm.path("x509CertificateChain").path("certificates")) {
        certs.add(Pems.certificate(TlogEntry.b64(c.path("rawBytes").asText(""), where + " certificate"), where));
      }
    } catch (SignatureFormatException e) {
      throw Rejected.invalid(e.getMessage());
    }
    List<TlogEntry> entries = new ArrayList<>();
    int i = 0;
    for (JsonNode t : vm.path("tlogEntries")) {
      entries.add(TlogEntry.fromBundle(t, where + " tlog entry " + (i++)));
    }
    List<byte[]> timestamps = new ArrayList<>();
    for (JsonNode t : vm.path("timestampVerificationData").path("rfc3161Timestamps")) {
      timestamps.add(TlogEntry.b64(t.path("signedTimestamp").asText(""), where + " RFC 3161 timestamp"));
    }
    boolean dsse = b.has("dsseEnvelope");
    Envelope env = dsse ? Envelope.parse(b.path("dsseEnvelope"), where) : null;
    JsonNode ms = b.path("messageSignature");
    byte[] sig = dsse ? env.signature : TlogEntry.b64(ms.path("signature").asText(""), where + " signature");
    // The digest the signature covers: for a message signature one of the targets (the bundle's own
    // messageDigest, when present, must agree); for DSSE, the statement's subject names it.
    Digest target;
    String hashAlg = "SHA-256";
    byte[] digestBytes;
    if (dsse) {
      target = statementTarget(env, targets, subject, ev, where);
      digestBytes = HexFormat.of().parseHex(target.hex());
    } else {
      String alg = ms.path("messageDigest").path("algorithm").asText("SHA2_256");
      hashAlg = switch (alg) {
        case "SHA2_384" -> "SHA-384";
        case "SHA2_512" -> "SHA-512";
        default -> "SHA-256";
      };
      target = targets.get(0);
      digestBytes = HexFormat.of().parseHex(target.hex());
      if (!hashAlg.equals("SHA-256")) {
        if (content == null) {
          throw Rejected.invalid(where + " signs a " + alg + " digest; give the artifact's content to verify it");
        }
        digestBytes = SignatureChecks.hash(hashAlg, content);
        ev.put("messageDigestAlgorithm", alg);
      }
      if (ms.path("messageDigest").has("digest")) {
        byte[] claimed = TlogEntry.b64(ms.path("messageDigest").path("digest").asText(""), where + " messageDigest");
        if (!java.util.Arrays.equals(claimed, digestBytes)) {
          throw Rejected.invalid(where + " signs " + alg + ":" + hex(claimed) + ", not " + describe(targets));
        }
      }
      ev.put("signedDigest", target.toString());
      subject.role(target).ifPresent(r -> ev.put("signedAs", r));
    }
    if (!certs.isEmpty() && sigstoreCan(entries, dsse, hashAlg)) {
      return viaSigstoreJava(where, json, target, certs, entries, env, ev);
    }
    // Our own path: key-based bundles, intoto entries, SET-only entries, SHA-384/512 digests, TSA-only.
    final String halg = hashAlg;
    final byte[] signedBytes = digestBytes;
    Predicate<PublicKey> check = dsse
        ? k -> SignatureChecks.verify(k, SignatureChecks.pae(env.payloadType, env.payload), env.signature)
        : k -> SignatureChecks.verifyDigest(k, halg, signedBytes, sig);
    Signer signer = certs.isEmpty()
        ? signer(Optional.empty(), Optional.empty(), check, where, ev)
        : certSigner(certs, check, where, ev);
    TransparencyLogs.Expected expected = dsse
        ? new TransparencyLogs.Expected(signer.key, sig, null, hex(SignatureChecks.sha256(env.payload)), null)
        : new TransparencyLogs.Expected(signer.key, sig, hex(digestBytes), null, null);
    Instant at = transparencyLogs(entries, expected, timestamps, sig, ev, where);
    trust(signer, at, ev, where);
    return bundleVerified(where, signer.describe(), env, ev);
  }

  private static boolean sigstoreCan(List<TlogEntry> entries, boolean dsse, String hashAlg) {
    if (entries.isEmpty() || !hashAlg.equals("SHA-256")) {
      return false;
    }
    for (TlogEntry e : entries) {
      if (e.proof() == null || !(e.kind().equals("hashedrekord") || e.kind().equals("dsse"))) {
        return false;
      }
    }
    return true;
  }

  private VerificationResult viaSigstoreJava(String where, byte[] json, Digest target, List<X509Certificate> certs,
      List<TlogEntry> entries, @Nullable Envelope env, Map<String, String> ev) throws Rejected {
    ev.put("verifiedBy", "sigstore-java");
    try {
      Bundle parsed = Bundle.from(new InputStreamReader(new ByteArrayInputStream(json), StandardCharsets.UTF_8));
      sigstoreVerifier().verify(HexFormat.of().parseHex(target.hex()), parsed, dev.sigstore.VerificationOptions.empty());
    } catch (BundleParseException e) {
      throw Rejected.invalid(where + ": " + e.getMessage());
    } catch (KeylessVerificationException e) {
      throw Rejected.invalid(where + ": " + e.getMessage()
          + (e.getCause() != null && e.getCause().getMessage() != null ? " (" + e.getCause().getMessage() + ")" : ""));
    } catch (RuntimeException e) {
      // sigstore-java throws unchecked exceptions for some malformed bundles (e.g. IllegalStateException "No
      // timestamp verification (set, timestamp) was provided"): hostile input, so a rejection
      throw Rejected.invalid(where + ": the bundle is malformed: " + e.getMessage());
    }
    // sigstore-java checked the chain, the SCT, the entries and the signature; what it does not check
    // is added here: the log entry's time against the certificate's validity, and the identity.
    X509Certificate leaf = certs.get(0);
    TlogEntry first = entries.get(0);
    Instant at = Instant.ofEpochSecond(first.integratedTime());
    ev.put("logIndex", Long.toString(first.logIndex()));
    ev.put("integratedTime", at.toString());
    Signer signer = new Signer(leaf.getPublicKey(), leaf, certs.subList(1, certs.size()), null);
    try {
      leaf.checkValidity(Date.from(at));
    } catch (CertificateExpiredException e) {
      throw Rejected.invalid(where + ": signing time " + at + " (transparency-log entry " + first.logIndex()
          + ") was after the certificate's expiry " + leaf.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw Rejected.invalid(where + ": signing time " + at + " was before the certificate's validity "
          + leaf.getNotBefore().toInstant());
    }
    identity(signer, true, ev, where);
    return bundleVerified(where, signer.describe(), env, ev);
  }

  private KeylessVerifier sigstoreVerifier() throws Rejected {
    KeylessVerifier v = sigstore;
    if (v == null) {
      try {
        TrustedRoot root = options.trustedRoot();
        v = KeylessVerifier.builder().trustedRootProvider(root::sigstore).build();
      } catch (GeneralSecurityException | dev.sigstore.trustroot.SigstoreConfigurationException e) {
        throw Rejected.invalid("sigstore-java cannot use " + options.trustedRoot() + ": " + e.getMessage());
      }
      sigstore = v;
    }
    return v;
  }

  private static VerificationResult bundleVerified(String where, String by, @Nullable Envelope env,
      Map<String, String> ev) {
    String what = env == null ? "signature" : "attestation (" + ev.getOrDefault("predicateType", "?") + ")";
    return new VerificationResult(Outcome.VERIFIED, env == null ? "signature" : "attestation", where,
        "bundle " + what + " by " + by + " verified over " + ev.get("signedDigest")
        + (ev.containsKey("signedAs") ? " (the image " + ev.get("signedAs") + ")" : ""), ev,
        env == null ? Optional.empty() : Optional.of(new String(env.payload, StandardCharsets.UTF_8)));
  }

  // ---------------------------------------------------------------- GPG simple signing

  private VerificationResult gpg(Attachment.GpgSignature g, SignedSubject subject, Map<String, String> ev)
      throws Rejected {
    GpgSimpleSigning.Verified v = GpgSimpleSigning.verify(g.signature(), options.openPgpKeys(), g.where());
    ev.put("signer", v.keyName());
    ev.put("keyFingerprint", v.fingerprint());
    bindSimpleSigning(v.payload(), subject, ev, g.where(), "atomic container signature");
    return new VerificationResult(Outcome.VERIFIED, "signature", g.where(), "GPG simple signing by " + v.keyName()
        + " (" + v.fingerprint() + ") verified over " + ev.get("signedDigest") + " (the image " + ev.get("signedAs")
        + ")", ev, Optional.empty());
  }

  // ---------------------------------------------------------------- BuildKit statements

  private static VerificationResult unsigned(Attachment.UnsignedStatement u, SignedSubject subject,
      Map<String, String> ev) throws Rejected {
    JsonNode st = TlogEntry.tree(u.statement(), u.where() + ": in-toto statement");
    String pt = st.path("predicateType").asText("");
    ev.put("predicateType", pt);
    return new VerificationResult(Outcome.UNSIGNED, "statement", u.where(), "in-toto statement (" + pt
        + ") is present but not signed", ev, Optional.of(new String(u.statement(), StandardCharsets.UTF_8)));
  }

  // ---------------------------------------------------------------- common steps

  /** Who signed: the certificate's key, or a trusted key that verifies the signature. */
  private static final class Signer {
    final PublicKey key;
    final @Nullable X509Certificate cert;
    final List<X509Certificate> chain;
    final @Nullable TrustedKey trustedKey;
    @Nullable String identity;

    Signer(PublicKey key, @Nullable X509Certificate cert, List<X509Certificate> chain, @Nullable TrustedKey tk) {
      this.key = key;
      this.cert = cert;
      this.chain = chain;
      this.trustedKey = tk;
    }

    String describe() {
      if (trustedKey != null) {
        return "key " + trustedKey.name() + " (" + trustedKey.fingerprint() + ")";
      }
      return identity != null ? identity : "certificate " + (cert == null ? "?" : cert.getSubjectX500Principal());
    }
  }

  private Signer signer(Optional<String> certPem, Optional<String> chainPem, Predicate<PublicKey> check, String where,
      Map<String, String> ev) throws Rejected {
    if (certPem.isPresent() && !certPem.get().isBlank()) {
      List<X509Certificate> certs = new ArrayList<>();
      try {
        certs.addAll(Pems.certificates(certPem.get(), where + ": certificate"));
        if (chainPem.isPresent() && !chainPem.get().isBlank()) {
          certs.addAll(Pems.certificates(chainPem.get(), where + ": chain"));
        }
      } catch (SignatureFormatException e) {
        throw Rejected.invalid(e.getMessage());
      }
      return certSigner(certs, check, where, ev);
    }
    if (options.keys().isEmpty()) {
      throw new Rejected(Outcome.UNTRUSTED_IDENTITY, where + " is signed with a key (no certificate), and no "
          + "trusted key was given");
    }
    for (TrustedKey k : options.keys()) {
      if (check.test(k.key())) {
        ev.put("signer", k.name());
        ev.put("keyFingerprint", k.fingerprint());
        return new Signer(k.key(), null, List.of(), k);
      }
    }
    List<String> tried = options.keys().stream().map(TrustedKey::toString).toList();
    throw Rejected.invalid(where + ": the signature does not verify with any trusted key (tried "
        + String.join(", ", tried) + ")");
  }

  private static Signer certSigner(List<X509Certificate> certs, Predicate<PublicKey> check, String where,
      Map<String, String> ev) throws Rejected {
    X509Certificate leaf = certs.get(0);
    if (!check.test(leaf.getPublicKey())) {
      throw Rejected.invalid(where + ": the signature does not verify with its certificate's key");
    }
    ev.put("keyFingerprint", TrustedKey.fingerprint(leaf.getPublicKey()));
    return new Signer(leaf.getPublicKey(), leaf, certs.subList(1, certs.size()), null);
  }

  private Instant transparencyLog(Optional<TlogEntry> entry, TransparencyLogs.Expected expected,
      List<byte[]> timestamps, byte[] signature, Map<String, String> ev, String where) throws Rejected {
    return transparencyLogs(entry.map(List::of).orElse(List.of()), expected, timestamps, signature, ev, where);
  }

  /** Checks the log entries (one must verify) and timestamps; returns the signing time to judge by. */
  private Instant transparencyLogs(List<TlogEntry> entries, TransparencyLogs.Expected expected,
      List<byte[]> timestamps, byte[] signature, Map<String, String> ev, String where) throws Rejected {
    Instant at = null;
    Rejected firstFailure = null;
    for (TlogEntry e : entries) {
      try {
        TrustedRoot.Log log = TransparencyLogs.verifyProofs(e, options.trustedRoot());
        TransparencyLogs.checkBody(e, expected);
        at = Instant.ofEpochSecond(e.integratedTime());
        ev.put("logIndex", Long.toString(e.logIndex()));
        ev.put("integratedTime", at.toString());
        ev.put("transparencyLog", log.baseUrl());
        break;
      } catch (Rejected r) {
        if (firstFailure == null) {
          firstFailure = r;
        }
      }
    }
    if (at == null && firstFailure != null) {
      throw Rejected.invalid(where + ": " + firstFailure.getMessage());
    }
    Instant tsa = null;
    for (byte[] t : timestamps) {
      tsa = Timestamps.verify(t, signature, options.trustedRoot(), where);
      ev.put("timestamp", tsa.toString());
    }
    if (at == null) {
      if (!options.insecureIgnoreTransparencyLog()) {
        throw Rejected.invalid(where + " has no transparency-log entry; a signature without one is accepted only "
            + "with the insecure option to ignore the transparency log (cosign --insecure-ignore-tlog)");
      }
      ev.put("transparencyLog", "ignored (insecure)");
      at = tsa != null ? tsa : Instant.now();
    }
    return at;
  }

  /** Chains a certificate signer to a trusted authority at {@code at} and matches its identity. */
  private void trust(Signer signer, Instant at, Map<String, String> ev, String where) throws Rejected {
    if (signer.cert == null) {
      return;
    }
    SigningCertificates.Chained chained = SigningCertificates.chain(signer.cert, signer.chain,
        options.trustedRoot(), options.extraCertificateRoots(), at);
    ev.put("certificateAuthority", chained.authority());
    try {
      signer.cert.checkValidity(Date.from(at));
    } catch (CertificateExpiredException e) {
      throw Rejected.invalid(where + ": signing time " + at + " was after the certificate's expiry "
          + signer.cert.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw Rejected.invalid(where + ": signing time " + at + " was before the certificate's validity "
          + signer.cert.getNotBefore().toInstant());
    }
    identity(signer, chained.fulcio(), ev, where);
  }

  private void identity(Signer signer, boolean fulcio, Map<String, String> ev, String where) throws Rejected {
    X509Certificate cert = Objects.requireNonNull(signer.cert);
    List<String> sans = SigningCertificates.subjectAlternativeNames(cert);
    Optional<String> issuer = SigningCertificates.oidcIssuer(cert);
    ev.put("certificateIdentity", String.join(", ", sans));
    issuer.ifPresent(i -> ev.put("certificateOidcIssuer", i));
    for (Identity id : options.identities()) {
      for (String san : sans) {
        boolean issuerOk = fulcio ? issuer.map(id.issuer()::test).orElse(false)
            : issuer.map(id.issuer()::test).orElse(true);
        if (id.subject().test(san) && issuerOk) {
          signer.identity = san + " (issuer " + issuer.orElse("none") + ")";
          return;
        }
      }
    }
    throw new Rejected(Outcome.UNTRUSTED_IDENTITY, where + ": signed by " + String.join(", ", sans) + " (issuer "
        + issuer.orElse("none") + "), which matches no trusted identity"
        + (options.identities().isEmpty() ? " (none was given)" : " (" + options.identities() + ")"));
  }

  private static void bindSimpleSigning(byte[] payload, SignedSubject subject, Map<String, String> ev, String where,
      String expectedType) throws Rejected {
    JsonNode p = TlogEntry.tree(payload, where + ": signed payload");
    JsonNode critical = p.path("critical");
    String type = critical.path("type").asText("");
    if (!type.equals("cosign container image signature") && !type.equals("atomic container signature")) {
      throw Rejected.invalid(where + ": the signed payload's type is \"" + type + "\", expected \"" + expectedType
          + "\"");
    }
    String ref = critical.path("identity").path("docker-reference").asText("");
    if (!ref.isEmpty()) {
      ev.put("dockerReference", ref);
    }
    String dg = critical.path("image").path("docker-manifest-digest").asText("");
    if (!Digest.isValid(dg)) {
      throw Rejected.invalid(where + ": the signed payload has no valid docker-manifest-digest (\"" + dg + "\")");
    }
    Digest signed = Digest.parse(dg);
    ev.put("signedDigest", signed.toString());
    Optional<String> role = subject.role(signed);
    if (role.isEmpty()) {
      throw Rejected.invalid(where + ": a valid signature over " + signed + ", but the image is "
          + describe(subject.digests()) + ": it signs another image");
    }
    ev.put("signedAs", role.get());
  }

  private static String bindStatement(Envelope env, List<Digest> targets, SignedSubject subject,
      Map<String, String> ev, String where) throws Rejected {
    statementTarget(env, targets, subject, ev, where);
    return new String(env.payload, StandardCharsets.UTF_8);
  }

  /** Finds which target digest an in-toto statement's subject names; fails when none. */
  private static Digest statementTarget(Envelope env, List<Digest> targets, SignedSubject subject,
      Map<String, String> ev, String where) throws Rejected {
    if (!env.payloadType.equals(IN_TOTO)) {
      throw new Rejected(Outcome.NOT_A_SIGNATURE, where + ": DSSE payload type " + env.payloadType
          + " is not an in-toto statement (" + IN_TOTO + ")");
    }
    JsonNode st = TlogEntry.tree(env.payload, where + ": in-toto statement");
    ev.put("predicateType", st.path("predicateType").asText(""));
    List<String> named = new ArrayList<>();
    for (JsonNode s : st.path("subject")) {
      JsonNode digests = s.path("digest");
      for (Map.Entry<String, JsonNode> d : (Iterable<Map.Entry<String, JsonNode>>) digests::fields) {
        String value = d.getKey() + ":" + d.getValue().asText("");
        named.add(value);
        for (Digest t : targets) {
          if (t.toString().equalsIgnoreCase(value)) {
            ev.put("signedDigest", t.toString());
            subject.role(t).ifPresent(r -> ev.put("signedAs", r));
            return t;
          }
        }
      }
    }
    throw Rejected.invalid(where + ": an attestation about " + (named.isEmpty() ? "nothing" : String.join(", ", named))
        + ", but the image is " + describe(targets) + ": it attests another artifact");
  }

  private static String describe(List<Digest> digests) {
    return digests.size() == 1 ? digests.get(0).toString()
        : digests.get(0) + " (index " + digests.get(1) + ")";
  }

  private static byte[] decode(String b64, String what) throws Rejected {
    if (b64.isBlank()) {
      throw Rejected.invalid(what + " is empty");
    }
    return TlogEntry.b64(b64, what);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** A DSSE envelope with exactly one signature (sigstore-go's rule; several would be ambiguous). */
  private record Envelope(String payloadType, byte[] payload, byte[] signature) {

    static Envelope parse(JsonNode n, String where) throws Rejected {
      String type = n.path("payloadType").asText("");
      byte[] payload = TlogEntry.b64(n.path("payload").asText(""), where + ": DSSE payload");
      JsonNode sigs = n.path("signatures");
      if (sigs.size() != 1) {
        throw Rejected.invalid(where + ": the DSSE envelope has " + sigs.size() + " signatures, expected exactly 1");
      }
      byte[] sig = decode(sigs.get(0).path("sig").asText(""), where + ": DSSE signature");
      return new Envelope(type, payload, sig);
    }
  }
}
