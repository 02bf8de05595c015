package io.imagecheck.signatures;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link Attachment}s from the stored forms real tools write: cosign {@code .sig}/{@code .att}
 * manifest layers (payload plus annotations) and containers/image {@code dir:} signature files.
 *
 * <p>Thread-safe (stateless).
 */
public final class Attachments {

  /** cosign's signature annotation (base64 signature; empty for attestations). */
  public static final String SIGNATURE = "dev.cosignproject.cosign/signature";
  /** cosign's certificate annotation (PEM). */
  public static final String CERTIFICATE = "dev.sigstore.cosign/certificate";
  /** cosign's chain annotation (PEM). */
  public static final String CHAIN = "dev.sigstore.cosign/chain";
  /** cosign's Rekor bundle annotation (JSON). */
  public static final String BUNDLE = "dev.sigstore.cosign/bundle";

  private static final byte[] SIGSTORE_JSON = "\0sigstore-json\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SIMPLE_SIGNING = "\0simple-signing\n".getBytes(StandardCharsets.US_ASCII);

  private Attachments() {}

  /**
   * A layer of a cosign {@code .sig} manifest.
   *
   * @param where where it was found
   * @param mediaType the layer's media type
   * @param content the layer's bytes (the signed payload)
   * @param annotations the layer's annotations
   * @return the signature
   */
  public static Attachment.CosignSignature cosignSignature(String where, String mediaType, byte[] content,
      Map<String, String> annotations) {
    return new Attachment.CosignSignature(where, mediaType, content, annotations.getOrDefault(SIGNATURE, ""),
        Optional.ofNullable(annotations.get(CERTIFICATE)), Optional.ofNullable(annotations.get(CHAIN)),
        Optional.ofNullable(annotations.get(BUNDLE)));
  }

  /**
   * A DSSE layer of a cosign {@code .att} manifest.
   *
   * @param where where it was found
   * @param envelope the layer's bytes (the DSSE envelope)
   * @param annotations the layer's annotations
   * @return the attestation
   */
  public static Attachment.CosignAttestation cosignAttestation(String where, byte[] envelope,
      Map<String, String> annotations) {
    return new Attachment.CosignAttestation(where, envelope, Optional.ofNullable(annotations.get(CERTIFICATE)),
        Optional.ofNullable(annotations.get(CHAIN)), Optional.ofNullable(annotations.get(BUNDLE)));
  }

  /**
   * A containers/image {@code dir:} signature file ({@code signature-N}): the sigstore format
   * ({@code \0sigstore-json\n} and the JSON of one cosign layer: mimeType, base64 payload,
   * annotations) or GPG simple signing (an OpenPGP message, optionally prefixed
   * {@code \0simple-signing\n}).
   *
   * @param where where it was found, e.g. {@code dir:img/signature-1}
   * @param data the file's bytes
   * @return the attachment
   * @throws IOException when a sigstore-format file is not valid JSON or its payload is not base64
   */
  public static Attachment fromDirSignatureFile(String where, byte[] data) throws IOException {
    if (startsWith(data, SIGSTORE_JSON)) {
      byte[] json = Arrays.copyOfRange(data, SIGSTORE_JSON.length, data.length);
      JsonNode n = Json.readTree(json, Json.DEFAULT_DEPTH, where, "sigstore signature");
      byte[] payload;
      try {
        payload = Base64.getDecoder().decode(n.path("payload").asText(""));
      } catch (IllegalArgumentException e) {
        throw new SignatureFormatException(where + ": the payload is not base64", e);
      }
      java.util.Map<String, String> ann = new java.util.LinkedHashMap<>();
      n.path("annotations").fields().forEachRemaining(e -> ann.put(e.getKey(), e.getValue().asText("")));
      return cosignSignature(where, n.path("mimeType").asText(""), payload, ann);
    }
    byte[] body = startsWith(data, SIMPLE_SIGNING) ? Arrays.copyOfRange(data, SIMPLE_SIGNING.length, data.length)
        : data;
    return new Attachment.GpgSignature(where, body);
  }

  /**
   * Tells what an attachment claims to be, before verification: an {@code attestation} (a cosign
   * DSSE layer, an unsigned in-toto statement, a Sigstore bundle with a DSSE envelope) or a
   * {@code signature} (everything else, including a bundle that cannot be parsed).
   *
   * @param attachment the attachment
   * @return {@code attestation} or {@code signature}
   */
  public static String kind(Attachment attachment) {
    if (attachment instanceof Attachment.CosignAttestation || attachment instanceof Attachment.UnsignedStatement) {
      return "attestation";
    }
    if (attachment instanceof Attachment.SigstoreBundle b) {
      return tree(b.bundle(), b.where()).map(n -> n.has("dsseEnvelope")).orElse(false) ? "attestation" : "signature";
    }
    return "signature";
  }

  /**
   * The in-toto statement an attestation carries, NOT verified: the payload of a cosign DSSE layer or
   * of a bundle's DSSE envelope (when its payload type is {@code application/vnd.in-toto+json}), or an
   * unsigned statement. For reading what a build recorded (its materials) when a signature is not
   * required; verify with {@link Verifier} to rely on it.
   *
   * @param attachment the attachment
   * @return the statement JSON; empty for signatures and for malformed envelopes
   */
  public static Optional<byte[]> statement(Attachment attachment) {
    if (attachment instanceof Attachment.UnsignedStatement u) {
      return Optional.of(u.statement());
    }
    Optional<JsonNode> envelope = Optional.empty();
    if (attachment instanceof Attachment.CosignAttestation a) {
      envelope = tree(a.envelope(), a.where());
    } else if (attachment instanceof Attachment.SigstoreBundle b) {
      envelope = tree(b.bundle(), b.where()).map(n -> n.path("dsseEnvelope")).filter(JsonNode::isObject);
    }
    if (envelope.isEmpty() || !"application/vnd.in-toto+json".equals(envelope.get().path("payloadType").asText(""))) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getDecoder().decode(envelope.get().path("payload").asText("")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<JsonNode> tree(byte[] json, String where) {
    try {
      return Optional.of(Json.readTree(json, Json.DEFAULT_DEPTH, where, "attachment"));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length && Arrays.equals(Arrays.copyOf(data, prefix.length), prefix);
  }
}
