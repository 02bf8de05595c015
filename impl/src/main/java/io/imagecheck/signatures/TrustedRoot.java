package io.imagecheck.signatures;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import io.imagecheck.internal.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Sigstore trusted root ({@code trusted_root.json}, media type
 * {@code application/vnd.dev.sigstore.trustedroot+json}): the Rekor transparency logs, the Fulcio
 * certificate authorities, the certificate-transparency logs and the RFC 3161 timestamp authorities a
 * verifier trusts, each with the period it is valid for.
 *
 * <p>Read from the caller's file ({@link #load(Path)}) or the public-good snapshot shipped with this
 * library ({@link #publicGood()}; its provenance is in {@code PROVENANCE.md} beside it). Never fetched
 * over the network.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrustedRoot {

  private static final String PUBLIC_GOOD = "public-good-trusted_root.json";
  private static final int MAX_BYTES = 4 << 20;

  /**
   * A transparency log (Rekor or CT) and its key.
   *
   * @param baseUrl the log's URL
   * @param logId the log id: hex SHA-256 of the key's DER SubjectPublicKeyInfo
   * @param key the log's public key
   * @param validFrom start of the key's validity
   * @param validUntil end of the key's validity, if it ended
   */
  public record Log(String baseUrl, String logId, PublicKey key, Instant validFrom, Optional<Instant> validUntil) {

    /**
     * Checks the components.
     *
     * @param baseUrl the log's URL
     * @param logId the log id
     * @param key the public key
     * @param validFrom start of validity
     * @param validUntil end of validity, if any
     */
    public Log {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(logId, "logId");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(validFrom, "validFrom");
      Objects.requireNonNull(validUntil, "validUntil");
    }

    /**
     * Tells whether the key was valid at an instant.
     *
     * @param t the instant
     * @return true when {@code t} is inside the validity period
     */
    public boolean validAt(Instant t) {
      return !t.isBefore(validFrom) && validUntil.map(u -> !t.isAfter(u)).orElse(true);
    }
  }

  /**
   * A certificate authority (Fulcio, or a timestamp authority) and its chain.
   *
   * @param uri the authority's URI
   * @param chain the chain, leaf-most first, root last
   * @param validFrom start of validity
   * @param validUntil end of validity, if it ended
   */
  public record Authority(String uri, List<X509Certificate> chain, Instant validFrom, Optional<Instant> validUntil) {

    /**
     * Checks the components and copies the chain.
     *
     * @param uri the URI
     * @param chain the chain, root last
     * @param validFrom start of validity
     * @param validUntil end of validity, if any
     */
    public Authority {
      Objects.requireNonNull(uri, "uri");
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("empty certificate chain for " + uri);
      }
      Objects.requireNonNull(validFrom, "validFrom");
      Objects.requireNonNull(validUntil, "validUntil");
    }

    /**
     * Tells whether the authority was valid at an instant.
     *
     * @param t the instant
     * @return true when {@code t} is inside the validity period
     */
    public boolean validAt(Instant t) {
      return !t.isBefore(validFrom) && validUntil.map(u -> !t.isAfter(u)).orElse(true);
    }
  }

  private final String source;
  private final byte[] raw;
  private final List<Log> tlogs;
  private final List<Log> ctlogs;
  private final List<Authority> certificateAuthorities;
  private final List<Authority> timestampAuthorities;
  private volatile @Nullable SigstoreTrustedRoot sigstore;

  private TrustedRoot(String source, byte[] raw, List<Log> tlogs, List<Log> ctlogs, List<Authority> cas,
      List<Authority> tsas) {
    this.source = source;
    this.raw = raw;
    this.tlogs = List.copyOf(tlogs);
    this.ctlogs = List.copyOf(ctlogs);
    this.certificateAuthorities = List.copyOf(cas);
    this.timestampAuthorities = List.copyOf(tsas);
  }

  /**
   * Reads a {@code trusted_root.json} file.
   *
   * @param file the file
   * @return the trusted root
   * @throws IOException when the file cannot be read or is not a valid trusted root
   */
  public static TrustedRoot load(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new SignatureFormatException(file + ": " + size + " bytes is too large for a trusted root");
    }
    return parse(file.toString(), Files.readAllBytes(file));
  }

  /**
   * The Sigstore public-good trusted root shipped with this library (a snapshot; see
   * {@code PROVENANCE.md} beside the resource).
   *
   * @return the trusted root
   * @throws IOException when the resource is missing from the build
   */
  public static TrustedRoot publicGood() throws IOException {
    try (InputStream in = TrustedRoot.class.getResourceAsStream(PUBLIC_GOOD)) {
      if (in == null) {
        throw new IOException("resource " + PUBLIC_GOOD + " is missing from this build of imagecheck");
      }
      return parse("public-good trusted root (shipped snapshot)", in.readNBytes(MAX_BYTES));
    }
  }

  /**
   * Parses a trusted root document.
   *
   * @param source where it came from, for messages
   * @param json the document
   * @return the trusted root
   * @throws IOException when it is not a valid trusted root
   */
  public static TrustedRoot parse(String source, byte[] json) throws IOException {
    JsonNode n = Json.readTree(json, Json.DEFAULT_DEPTH, source, "trusted root");
    String mt = n.path("mediaType").asText("");
    if (!mt.startsWith("application/vnd.dev.sigstore.trustedroot")) {
      throw new SignatureFormatException(source + ": not a Sigstore trusted root (mediaType \"" + mt
          + "\", expected application/vnd.dev.sigstore.trustedroot+json)");
    }
    return new TrustedRoot(source, json.clone(), logs(source, n.path("tlogs"), false),
        logs(source, n.path("ctlogs"), true),
        authorities(source, n.path("certificateAuthorities")), authorities(source, n.path("timestampAuthorities")));
  }

  private static List<Log> logs(String source, JsonNode arr, boolean lenient) throws SignatureFormatException {
    List<Log> out = new ArrayList<>();
    for (JsonNode t : arr) {
      String url = t.path("baseUrl").asText("");
      JsonNode pk = t.path("publicKey");
      byte[] der = base64(source, pk.path("rawBytes").asText(""), "log " + url + " publicKey");
      PublicKey key;
      try {
        key = Pems.publicKeyFromDer(der, source + ": log " + url);
      } catch (SignatureFormatException e) {
        if (!lenient) {
          throw e;
        }
        // CT log keys are not used by this verifier's own path (sigstore-java reads them itself);
        // one in a form the JDK cannot read (PKCS#1 RSA in the staging root) is skipped.
        continue;
      }
      byte[] keyId = base64(source, t.path("logId").path("keyId").asText(""), "log " + url + " logId");
      out.add(new Log(url, HexFormat.of().formatHex(keyId), key, instant(source, pk.path("validFor").path("start")),
          optionalInstant(source, pk.path("validFor").path("end"))));
    }
    return out;
  }

  private static List<Authority> authorities(String source, JsonNode arr) throws SignatureFormatException {
    List<Authority> out = new ArrayList<>();
    for (JsonNode a : arr) {
      String uri = a.path("uri").asText("");
      List<X509Certificate> chain = new ArrayList<>();
      for (JsonNode c : a.path("certChain").path("certificates")) {
        chain.add(Pems.certificate(base64(source, c.path("rawBytes").asText(""), uri + " certificate"),
            source + ": authority " + uri));
      }
      if (chain.isEmpty()) {
        throw new SignatureFormatException(source + ": authority " + uri + " has no certificates");
      }
      out.add(new Authority(uri, chain, instant(source, a.path("validFor").path("start")),
          optionalInstant(source, a.path("validFor").path("end"))));
    }
    return out;
  }

  private static byte[] base64(String source, String s, String what) throws SignatureFormatException {
    try {
      byte[] b = Base64.getDecoder().decode(s);
      if (b.length == 0) {
        throw new SignatureFormatException(source + ": " + what + " is empty");
      }
      return b;
    } catch (IllegalArgumentException e) {
      throw new SignatureFormatException(source + ": " + what + " is not base64", e);
    }
  }

  private static Instant instant(String source, JsonNode n) throws SignatureFormatException {
    return optionalInstant(source, n).orElse(Instant.EPOCH);
  }

  private static Optional<Instant> optionalInstant(String source, JsonNode n) throws SignatureFormatException {
    if (n.isMissingNode() || n.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(n.asText()));
    } catch (DateTimeParseException e) {
      throw new SignatureFormatException(source + ": invalid timestamp \"" + n.asText() + "\" in validFor", e);
    }
  }

  /**
   * Where this root was read from.
   *
   * @return e.g. the file path
   */
  public String source() {
    return source;
  }

  /**
   * The Rekor transparency logs.
   *
   * @return the logs
   */
  public List<Log> transparencyLogs() {
    return tlogs;
  }

  /**
   * The certificate-transparency logs.
   *
   * @return the logs
   */
  public List<Log> ctLogs() {
    return ctlogs;
  }

  /**
   * The Fulcio certificate authorities.
   *
   * @return the authorities
   */
  public List<Authority> certificateAuthorities() {
    return certificateAuthorities;
  }

  /**
   * The RFC 3161 timestamp authorities.
   *
   * @return the authorities
   */
  public List<Authority> timestampAuthorities() {
    return timestampAuthorities;
  }

  /**
   * Finds a transparency log by id.
   *
   * @param logId hex log id
   * @return the log, if trusted
   */
  public Optional<Log> transparencyLog(String logId) {
    return tlogs.stream().filter(l -> l.logId().equalsIgnoreCase(logId)).findFirst();
  }

  /** The same root as sigstore-java reads it (parsed once, on first use). */
  SigstoreTrustedRoot sigstore() throws SigstoreConfigurationException {
    SigstoreTrustedRoot s = sigstore;
    if (s == null) {
      s = SigstoreTrustedRoot.from(new ByteArrayInputStream(raw));
      sigstore = s;
    }
    return s;
  }

  @Override
  public String toString() {
    return "trusted root " + source;
  }
}
