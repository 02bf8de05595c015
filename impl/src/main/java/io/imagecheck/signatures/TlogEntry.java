package io.imagecheck.signatures;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Rekor entry as a signature carries it: the canonicalized body, where and when it was logged,
 * and its proofs (a signed entry timestamp, an inclusion proof with a checkpoint, or both).
 *
 * @param kind the body's kind ({@code hashedrekord}, {@code intoto}, {@code dsse})
 * @param version the body's API version
 * @param body the canonicalized body
 * @param bodyBase64 the body as base64, as the log signed it
 * @param logIndex the entry's index
 * @param logId the log's id, hex
 * @param integratedTime when the log integrated it (epoch seconds)
 * @param signedEntryTimestamp the SET, if present
 * @param proof the inclusion proof, if present
 */
record TlogEntry(String kind, String version, byte[] body, String bodyBase64, long logIndex, String logId,
    long integratedTime, byte @Nullable [] signedEntryTimestamp, @Nullable InclusionProof proof) {

  /** An RFC 6962 inclusion proof and the checkpoint that signs its root. */
  record InclusionProof(long logIndex, byte[] rootHash, long treeSize, List<byte[]> hashes, String checkpoint) {}

  /** Reads the {@code dev.sigstore.cosign/bundle} annotation cosign writes. */
  static TlogEntry fromCosignBundle(String json, String what) throws Rejected {
    JsonNode n = tree(json.getBytes(StandardCharsets.UTF_8), what);
    JsonNode p = n.path("Payload");
    String b64 = p.path("body").asText("");
    byte[] body = b64(b64, what + " body");
    JsonNode parsed = tree(body, what + " body");
    return new TlogEntry(parsed.path("kind").asText(""), parsed.path("apiVersion").asText(""), body, b64,
        p.path("logIndex").asLong(-1), p.path("logID").asText(""), p.path("integratedTime").asLong(-1),
        b64(n.path("SignedEntryTimestamp").asText(""), what + " SignedEntryTimestamp"), null);
  }

  /** Reads a Sigstore bundle's {@code verificationMaterial.tlogEntries[]} element. */
  static TlogEntry fromBundle(JsonNode t, String what) throws Rejected {
    String b64 = t.path("canonicalizedBody").asText("");
    byte[] body = b64(b64, what + " canonicalizedBody");
    JsonNode kv = t.path("kindVersion");
    byte[] set = null;
    if (t.path("inclusionPromise").has("signedEntryTimestamp")) {
      set = b64(t.path("inclusionPromise").path("signedEntryTimestamp").asText(""), what + " signedEntryTimestamp");
    }
    InclusionProof proof = null;
    JsonNode ip = t.path("inclusionProof");
    if (!ip.isMissingNode() && !ip.isNull()) {
      List<byte[]> hashes = new ArrayList<>();
      for (JsonNode h : ip.path("hashes")) {
        hashes.add(b64(h.asText(""), what + " inclusion proof hash"));
      }
      proof = new InclusionProof(ip.path("logIndex").asLong(-1), b64(ip.path("rootHash").asText(""),
          what + " rootHash"), ip.path("treeSize").asLong(-1), hashes,
          ip.path("checkpoint").path("envelope").asText(""));
    }
    return new TlogEntry(kv.path("kind").asText(""), kv.path("version").asText(""), body, b64,
        t.path("logIndex").asLong(-1), HexFormat.of().formatHex(b64(t.path("logId").path("keyId").asText(""),
            what + " logId")), t.path("integratedTime").asLong(-1), set, proof);
  }

  JsonNode bodyTree() throws Rejected {
    return tree(body, "transparency-log entry " + logIndex + " body");
  }

  static JsonNode tree(byte[] b, String what) throws Rejected {
    try {
      return Json.readTree(b, Json.DEFAULT_DEPTH, what, "JSON");
    } catch (IOException e) {
      throw Rejected.invalid(what + " is not valid JSON: " + e.getMessage());
    }
  }

  static byte[] b64(String s, String what) throws Rejected {
    try {
      return Base64.getMimeDecoder().decode(s.trim());
    } catch (IllegalArgumentException e) {
      throw Rejected.invalid(what + " is not valid base64");
    }
  }
}
