package io.imagecheck.signatures;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks Rekor entries offline against a trusted root: the signed entry timestamp (the log's
 * signature over the canonical JSON of body, time, index and log id), the RFC 6962 inclusion proof up
 * to a checkpoint signed by the log, and that the body describes this very signature.
 */
final class TransparencyLogs {

  private TransparencyLogs() {}

  /**
   * What the body of a log entry must describe.
   *
   * @param signer the key that signed (the certificate's key for keyless signatures)
   * @param signature the signature bytes
   * @param artifactHash hex SHA-256 of the signed artifact (hashedrekord), or null
   * @param payloadHash hex SHA-256 of the DSSE payload (intoto, dsse), or null
   * @param envelopeHash hex SHA-256 of the DSSE envelope as stored, or null when unknown
   */
  record Expected(PublicKey signer, byte[] signature, @Nullable String artifactHash, @Nullable String payloadHash,
      @Nullable String envelopeHash) {}

  /** Verifies the entry's proofs; returns the log it was found in. */
  static TrustedRoot.Log verifyProofs(TlogEntry e, TrustedRoot root) throws Rejected {
    TrustedRoot.Log log = root.transparencyLog(e.logId()).orElseThrow(() -> Rejected.invalid(
        "transparency-log entry " + e.logIndex() + " is from log " + e.logId() + ", which " + root
        + " does not trust"));
    Instant t = Instant.ofEpochSecond(e.integratedTime());
    if (!log.validAt(t)) {
      throw Rejected.invalid("transparency-log entry " + e.logIndex() + " was integrated at " + t
          + ", outside the validity of log " + log.baseUrl() + "'s key");
    }
    if (e.signedEntryTimestamp() == null && e.proof() == null) {
      throw Rejected.invalid("transparency-log entry " + e.logIndex()
          + " has neither a signed entry timestamp nor an inclusion proof");
    }
    if (e.signedEntryTimestamp() != null) {
      String canonical = "{\"body\":\"" + e.bodyBase64() + "\",\"integratedTime\":" + e.integratedTime()
          + ",\"logID\":\"" + e.logId().toLowerCase(java.util.Locale.ROOT) + "\",\"logIndex\":" + e.logIndex() + "}";
      if (!SignatureChecks.verify(log.key(), canonical.getBytes(StandardCharsets.UTF_8), e.signedEntryTimestamp())) {
        throw Rejected.invalid("the signed entry timestamp of transparency-log entry " + e.logIndex()
            + " does not verify with the key of " + log.baseUrl());
      }
    }
    if (e.proof() != null) {
      verifyInclusion(e, e.proof(), log);
    }
    return log;
  }

  private static void verifyInclusion(TlogEntry e, TlogEntry.InclusionProof p, TrustedRoot.Log log) throws Rejected {
    long index = p.logIndex();
    long size = p.treeSize();
    if (index < 0 || size <= 0 || index >= size) {
      throw Rejected.invalid("inclusion proof of entry " + e.logIndex() + ": index " + index
          + " is not inside a tree of size " + size);
    }
    // RFC 6962 / RFC 9162 section 2.1.3.2: the path splits into an inner part and a right border.
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    int border = Long.bitCount(index >>> inner);
    List<byte[]> hashes = p.hashes();
    if (hashes.size() != inner + border) {
      throw Rejected.invalid("inclusion proof of entry " + e.logIndex() + " has " + hashes.size()
          + " hashes, a tree of size " + size + " needs " + (inner + border));
    }
    byte[] node = leafHash(e.body());
    for (int i = 0; i < inner; i++) {
      node = ((index >>> i) & 1) == 0 ? nodeHash(node, hashes.get(i)) : nodeHash(hashes.get(i), node);
    }
    for (int i = inner; i < hashes.size(); i++) {
      node = nodeHash(hashes.get(i), node);
    }
    if (!Arrays.equals(node, p.rootHash())) {
      throw Rejected.invalid("inclusion proof of entry " + e.logIndex() + " leads to root "
          + HexFormat.of().formatHex(node) + ", not the proof's root " + HexFormat.of().formatHex(p.rootHash()));
    }
    verifyCheckpoint(e, p, log);
  }

  private static void verifyCheckpoint(TlogEntry e, TlogEntry.InclusionProof p, TrustedRoot.Log log)
      throws Rejected {
    String env = p.checkpoint();
    int blank = env.indexOf("\n\n");
    if (blank < 0) {
      throw Rejected.invalid("the checkpoint of entry " + e.logIndex() + " is not a signed note");
    }
    String body = env.substring(0, blank + 1);
    String[] lines = body.split("\n");
    if (lines.length < 3) {
      throw Rejected.invalid("the checkpoint of entry " + e.logIndex() + " has " + lines.length
          + " lines, expected origin, size and root hash");
    }
    long size;
    byte[] root;
    try {
      size = Long.parseLong(lines[1]);
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException ex) {
      throw Rejected.invalid("the checkpoint of entry " + e.logIndex() + " has a malformed size or root hash");
    }
    if (size != p.treeSize() || !Arrays.equals(root, p.rootHash())) {
      throw Rejected.invalid("the checkpoint of entry " + e.logIndex() + " is for tree size " + size
          + ", not the inclusion proof's tree (size " + p.treeSize() + ")");
    }
    boolean ok = false;
    for (String line : env.substring(blank + 2).split("\n")) {
      if (!line.startsWith("\u2014 ")) {
        continue;
      }
      int sp = line.lastIndexOf(' ');
      byte[] sig;
      try {
        sig = Base64.getDecoder().decode(line.substring(sp + 1));
      } catch (IllegalArgumentException ex) {
        continue;
      }
      if (sig.length > 4 && SignatureChecks.verify(log.key(), body.getBytes(StandardCharsets.UTF_8),
          Arrays.copyOfRange(sig, 4, sig.length))) {
        ok = true;
        break;
      }
    }
    if (!ok) {
      throw Rejected.invalid("the checkpoint signature of entry " + e.logIndex() + " does not verify with the key of "
          + log.baseUrl());
    }
  }

  private static byte[] leafHash(byte[] leaf) {
    byte[] b = new byte[leaf.length + 1];
    b[0] = 0;
    System.arraycopy(leaf, 0, b, 1, leaf.length);
    return SignatureChecks.sha256(b);
  }

  private static byte[] nodeHash(byte[] left, byte[] right) {
    byte[] b = new byte[1 + left.length + right.length];
    b[0] = 1;
    System.arraycopy(left, 0, b, 1, left.length);
    System.arraycopy(right, 0, b, 1 + left.length, right.length);
    return SignatureChecks.sha256(b);
  }

  /** Checks that the entry's body is about this signature, signer and content. */
  static void checkBody(TlogEntry e, Expected x) throws Rejected {
    JsonNode spec = e.bodyTree().path("spec");
    String where = "transparency-log entry " + e.logIndex() + " (" + e.kind() + " " + e.version() + ")";
    switch (e.kind()) {
      case "hashedrekord" -> {
        if (x.artifactHash() == null) {
          throw Rejected.invalid(where + " records a plain signature, but this is an attestation");
        }
        same(where, "artifact hash", spec.path("data").path("hash").path("value").asText(""), x.artifactHash());
        sameSignature(where, spec.path("signature").path("content").asText(""), x.signature());
        sameSigner(where, spec.path("signature").path("publicKey").path("content").asText(""), x.signer());
      }
      case "intoto" -> {
        JsonNode content = spec.path("content");
        requirePayload(where, x);
        same(where, "payload hash", content.path("payloadHash").path("value").asText(""), x.payloadHash());
        if (e.version().equals("0.0.1")) {
          if (x.envelopeHash() != null) {
            same(where, "envelope hash", content.path("hash").path("value").asText(""), x.envelopeHash());
          }
          sameSigner(where, spec.path("publicKey").asText(""), x.signer());
        } else {
          JsonNode sigs = content.path("envelope").path("signatures");
          boolean found = false;
          for (JsonNode s : sigs) {
            // intoto 0.0.2 stores the DSSE signature base64-encoded twice.
            byte[] once = TlogEntry.b64(s.path("sig").asText(""), where + " signature");
            if (matchesSignature(new String(once, StandardCharsets.US_ASCII), x.signature())
                && signerMatches(s.path("publicKey").asText(""), x.signer())) {
              found = true;
            }
          }
          if (!found) {
            throw Rejected.invalid(where + " does not record this signature and signer");
          }
        }
      }
      case "dsse" -> {
        requirePayload(where, x);
        same(where, "payload hash", spec.path("payloadHash").path("value").asText(""), x.payloadHash());
        if (x.envelopeHash() != null && spec.has("envelopeHash")) {
          same(where, "envelope hash", spec.path("envelopeHash").path("value").asText(""), x.envelopeHash());
        }
        boolean found = false;
        for (JsonNode s : spec.path("signatures")) {
          if (matchesSignature(s.path("signature").asText(""), x.signature())
              && signerMatches(s.path("verifier").asText(""), x.signer())) {
            found = true;
          }
        }
        if (!found) {
          throw Rejected.invalid(where + " does not record this signature and signer");
        }
      }
      default -> throw Rejected.invalid("unsupported transparency-log entry type '" + e.kind() + ":" + e.version() + "'");
    }
  }

  private static void requirePayload(String where, Expected x) throws Rejected {
    if (x.payloadHash() == null) {
      throw Rejected.invalid(where + " records an attestation, but this is a plain signature");
    }
  }

  private static void same(String where, String what, String logged, @Nullable String actual) throws Rejected {
    if (!logged.equalsIgnoreCase(String.valueOf(actual))) {
      throw Rejected.invalid(where + " is inconsistent with the signature: its " + what + " is " + logged
          + ", the signed content's is " + actual);
    }
  }

  private static void sameSignature(String where, String b64, byte[] sig) throws Rejected {
    if (!matchesSignature(b64, sig)) {
      throw Rejected.invalid(where + " is inconsistent with the signature: it records another signature");
    }
  }

  private static boolean matchesSignature(String b64, byte[] sig) {
    try {
      return Arrays.equals(Base64.getDecoder().decode(b64.trim()), sig);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void sameSigner(String where, String b64Pem, PublicKey signer) throws Rejected {
    if (!signerMatches(b64Pem, signer)) {
      throw Rejected.invalid(where + " is inconsistent with the signature: it records another signing key");
    }
  }

  private static boolean signerMatches(String b64Pem, PublicKey signer) {
    try {
      String pem = new String(Base64.getDecoder().decode(b64Pem.trim()), StandardCharsets.US_ASCII);
      return Arrays.equals(Pems.publicKey(pem, "log entry key").getEncoded(), signer.getEncoded());
    } catch (IllegalArgumentException | SignatureFormatException e) {
      return false;
    }
  }
}
