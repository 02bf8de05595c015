package io.imagecheck.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes cosign's formats in test code, for discovery and transport tests: a {@code sha256-<hex>.sig}
 * manifest (one {@code application/vnd.dev.cosign.simplesigning.v1+json} layer holding the simple-signing
 * payload, with the base64 signature in {@code dev.cosignproject.cosign/signature}), as the lab's
 * {@code cosign_compat.py} documents it, and OCI 1.1 referrers (an artifact manifest with a
 * {@code subject}, listed in the {@code sha256-<hex>} index a client maintains when the registry has
 * no referrers API). It is not a third-party signer: it proves discovery and transport, not interop.
 * Artifacts are written into OCI layouts or pushed to a registry with plain HTTP PUTs.
 *
 * <p>Thread-safe (stateless).
 */
public final class CosignFormat {

  /** cosign's simple-signing layer media type. */
  public static final String SIMPLE_SIGNING = "application/vnd.dev.cosign.simplesigning.v1+json";
  /** The Sigstore bundle v0.3 media type (artifact type and layer type of a bundle referrer). */
  public static final String BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  private CosignFormat() {}

  /**
   * A manifest with its blobs, ready to be written or pushed.
   *
   * @param manifest the manifest bytes
   * @param mediaType the manifest's media type
   * @param blobs the config and layer blobs by digest
   */
  public record Artifact(byte[] manifest, String mediaType, Map<Digest, byte[]> blobs) {

    /**
     * The manifest's digest.
     *
     * @return sha256 of the manifest bytes
     */
    public Digest digest() {
      return Digest.sha256(manifest);
    }
  }

  /**
   * A new ECDSA P-256 key pair (cosign's default key type).
   *
   * @return the key pair
   * @throws GeneralSecurityException never on a standard JDK
   */
  public static KeyPair p256() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /**
   * A public key as cosign writes {@code cosign.pub}: PEM {@code PUBLIC KEY} (PKIX).
   *
   * @param key the key
   * @return the PEM text
   */
  public static String publicKeyPem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * cosign's simple-signing payload, in Go's JSON encoding (no spaces, struct order).
   *
   * @param dockerReference the reference signed, e.g. {@code 127.0.0.1:5000/lab/app}
   * @param digest the manifest digest signed
   * @return the payload bytes
   */
  public static byte[] simpleSigningPayload(String dockerReference, Digest digest) {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\"" + dockerReference + "\"},\"image\":"
        + "{\"docker-manifest-digest\":\"" + digest + "\"},\"type\":\"cosign container image signature\"},"
        + "\"optional\":null}").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Signs bytes: SHA256withECDSA (ASN.1 DER) for EC keys, Ed25519 for EdDSA keys.
   *
   * @param key the private key
   * @param data the bytes
   * @return the signature
   * @throws GeneralSecurityException when the key cannot sign
   */
  public static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
    Signature s = Signature.getInstance(key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519");
    s.initSign(key);
    s.update(data);
    return s.sign();
  }

  /**
   * A cosign {@code .sig} manifest with one signature layer.
   *
   * @param payload the simple-signing payload
   * @param signature the signature over the payload
   * @return the artifact
   */
  public static Artifact signatureManifest(byte[] payload, byte[] signature) {
    Digest payloadDigest = Digest.sha256(payload);
    byte[] config = ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":"
        + "\"0001-01-01T00:00:00Z\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + payloadDigest
        + "\"]},\"config\":{}}").getBytes(StandardCharsets.UTF_8);
    Digest configDigest = Digest.sha256(config);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + OCI_CONFIG + "\",\"size\":" + config.length + ",\"digest\":\"" + configDigest + "\"},\"layers\":[{"
        + "\"mediaType\":\"" + SIMPLE_SIGNING + "\",\"size\":" + payload.length + ",\"digest\":\"" + payloadDigest
        + "\",\"annotations\":{\"dev.cosignproject.cosign/signature\":\""
        + Base64.getEncoder().encodeToString(signature) + "\"}}]}").getBytes(StandardCharsets.UTF_8);
    Map<Digest, byte[]> blobs = new LinkedHashMap<>();
    blobs.put(configDigest, config);
    blobs.put(payloadDigest, payload);
    return new Artifact(manifest, OCI_MANIFEST, blobs);
  }

  /**
   * A key-based Sigstore bundle v0.3 with a message signature over a manifest (its SHA-256 digest is
   * what is signed), without transparency-log entries.
   *
   * @param key the signing key (EC)
   * @param manifest the manifest bytes the bundle signs
   * @return the bundle JSON
   * @throws GeneralSecurityException when signing fails
   */
  public static byte[] keyBundle(PrivateKey key, byte[] manifest) throws GeneralSecurityException {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(manifest);
    byte[] sig = sign(key, manifest);
    return ("{\"mediaType\":\"" + BUNDLE_V03 + "\",\"verificationMaterial\":{\"publicKey\":{\"hint\":\"test\"},"
        + "\"tlogEntries\":[]},\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_256\",\"digest\":\""
        + Base64.getEncoder().encodeToString(digest) + "\"},\"signature\":\""
        + Base64.getEncoder().encodeToString(sig) + "\"}}").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * An OCI 1.1 artifact manifest referring to a subject: the empty config and one layer.
   *
   * @param artifactType the artifact type, also the layer's media type
   * @param content the layer's bytes
   * @param subject the manifest it refers to
   * @return the artifact
   */
  public static Artifact referrer(String artifactType, byte[] content, Descriptor subject) {
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    Digest emptyDigest = Digest.sha256(empty);
    Digest contentDigest = Digest.sha256(content);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":\""
        + artifactType + "\",\"config\":{\"mediaType\":\"" + OCI_EMPTY + "\",\"digest\":\"" + emptyDigest
        + "\",\"size\":2,\"data\":\"e30=\"},\"layers\":[{\"mediaType\":\"" + artifactType + "\",\"digest\":\""
        + contentDigest + "\",\"size\":" + content.length + "}],\"subject\":{\"mediaType\":\""
        + subject.mediaType().value() + "\",\"digest\":\"" + subject.digest() + "\",\"size\":" + subject.size()
        + "}}").getBytes(StandardCharsets.UTF_8);
    Map<Digest, byte[]> blobs = new LinkedHashMap<>();
    blobs.put(emptyDigest, empty);
    blobs.put(contentDigest, content);
    return new Artifact(manifest, OCI_MANIFEST, blobs);
  }

  /**
   * The referrers tag fallback's index ({@code sha256-<hex>}) listing referrers.
   *
   * @param artifactType the artifact type of each
   * @param referrers the referrer manifests
   * @return the index (no blobs)
   */
  public static Artifact referrersIndex(String artifactType, List<Artifact> referrers) {
    StringBuilder entries = new StringBuilder();
    for (Artifact r : referrers) {
      if (entries.length() > 0) {
        entries.append(',');
      }
      entries.append("{\"mediaType\":\"").append(r.mediaType()).append("\",\"digest\":\"").append(r.digest())
          .append("\",\"size\":").append(r.manifest().length).append(",\"artifactType\":\"").append(artifactType)
          .append("\"}");
    }
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + entries + "]}")
        .getBytes(StandardCharsets.UTF_8);
    return new Artifact(index, OCI_INDEX, Map.of());
  }

  /**
   * Adds an artifact to an OCI layout: its blobs and manifest under {@code blobs/sha256/}, and an
   * {@code index.json} entry (named by {@code org.opencontainers.image.ref.name} when a tag is given).
   *
   * @param layout the layout directory
   * @param artifact the artifact
   * @param tag the entry's ref name, or null for an unnamed entry
   * @throws IOException when the layout cannot be written
   */
  public static void addToLayout(Path layout, Artifact artifact, String tag) throws IOException {
    Path blobs = layout.resolve("blobs/sha256");
    Files.createDirectories(blobs);
    for (Map.Entry<Digest, byte[]> b : artifact.blobs().entrySet()) {
      Files.write(blobs.resolve(b.getKey().hex()), b.getValue());
    }
    Files.write(blobs.resolve(artifact.digest().hex()), artifact.manifest());
    Path indexFile = layout.resolve("index.json");
    ObjectNode index = (ObjectNode) Json.mapper().readTree(Files.readAllBytes(indexFile));
    ObjectNode entry = ((ArrayNode) index.get("manifests")).addObject();
    entry.put("mediaType", artifact.mediaType());
    entry.put("digest", artifact.digest().toString());
    entry.put("size", artifact.manifest().length);
    JsonNode artifactType = Json.mapper().readTree(artifact.manifest()).get("artifactType");
    if (artifactType != null) {
      entry.put("artifactType", artifactType.asText());
    }
    if (tag != null) {
      entry.putObject("annotations").put(Descriptor.REF_NAME_ANNOTATION, tag);
    }
    Files.write(indexFile, Json.mapper().writeValueAsBytes(index));
  }

  /**
   * Pushes an artifact to an open (plain HTTP, no auth) registry: each blob by a monolithic upload
   * ({@code POST} then {@code PUT ?digest=}), then the manifest by tag.
   *
   * @param host the registry, e.g. {@code 127.0.0.1:5000}
   * @param repository the repository, e.g. {@code lab/app}
   * @param tag the tag to push the manifest under
   * @param artifact the artifact
   * @throws IOException when the registry refuses a request
   */
  public static void push(String host, String repository, String tag, Artifact artifact) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String base = "http://" + host + "/v2/" + repository;
    for (Map.Entry<Digest, byte[]> b : artifact.blobs().entrySet()) {
      HttpResponse<String> start = send(http, HttpRequest.newBuilder(URI.create(base + "/blobs/uploads/"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
      String location = start.headers().firstValue("location").orElseThrow();
      URI upload = URI.create(base).resolve(location);
      String sep = upload.toString().contains("?") ? "&" : "?";
      send(http, HttpRequest.newBuilder(URI.create(upload + sep + "digest=" + b.getKey()))
          .header("Content-Type", "application/octet-stream")
          .PUT(HttpRequest.BodyPublishers.ofByteArray(b.getValue())).build(), 201);
    }
    send(http, HttpRequest.newBuilder(URI.create(base + "/manifests/" + tag)).header("Content-Type", artifact.mediaType())
        .PUT(HttpRequest.BodyPublishers.ofByteArray(artifact.manifest())).build(), 201);
  }

  /**
   * Reads a manifest from an open registry as stored (for moving a signature onto another tag).
   *
   * @param host the registry
   * @param repository the repository
   * @param reference a tag or digest
   * @param mediaType the manifest media type to accept
   * @return the manifest bytes
   * @throws IOException when the registry does not answer 200
   */
  public static byte[] pull(String host, String repository, String reference, String mediaType) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host + "/v2/" + repository + "/manifests/"
        + reference)).header("Accept", mediaType).GET().build();
    try {
      HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IOException("GET " + req.uri() + ": " + r.statusCode());
      }
      return r.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest req, int expected) throws IOException {
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != expected) {
        throw new IOException(req.method() + " " + req.uri() + ": " + r.statusCode() + " " + r.body());
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
