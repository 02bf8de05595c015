package io.imagecheck.sources.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import io.imagecheck.internal.json.ImageDocuments;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.DigestMismatchException;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ReadLimits;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET}/{@code HEAD /v2/<name>/manifests/<reference>}: pulls a manifest or index by tag or
 * digest with the OCI and Docker v2 {@code Accept} types, bounded by {@code manifest-bytes}; verifies
 * the digest when pulling by digest and against {@code Docker-Content-Digest}; rejects Docker schema 1.
 *
 * <p>Thread-safe (stateless apart from the shared transport).
 */
final class ManifestFetcher {

  /** The manifest types this library reads, best first. */
  static final String ACCEPT = String.join(", ", MediaType.OCI_MANIFEST.value(), MediaType.OCI_INDEX.value(),
      MediaType.DOCKER_MANIFEST.value(), MediaType.DOCKER_MANIFEST_LIST.value());

  private final RegistryTransport transport;
  private final String repository;
  private final ReadLimits limits;

  ManifestFetcher(RegistryTransport transport, String repository, ReadLimits limits) {
    this.transport = transport;
    this.repository = repository;
    this.limits = limits;
  }

  String describeAction(String reference) {
    return "pull manifest " + reference;
  }

  private String path(String reference) {
    return "/v2/" + repository + "/manifests/" + reference;
  }

  RegistryManifest fetch(Endpoint endpoint, String reference) throws IOException {
    return fetch(endpoint, reference, ACCEPT);
  }

  RegistryManifest fetch(Endpoint endpoint, String reference, String accept) throws IOException {
    String source = "docker://" + endpoint.registry() + "/" + repository;
    String what = "manifest " + reference;
    RegistryRequest req = new RegistryRequest("GET", repository, path(reference), Map.of("Accept", accept),
        describeAction(reference), limits);
    byte[] bytes;
    Optional<String> contentType;
    Optional<String> dcdHeader;
    try (RegistryResponse r = transport.send(endpoint, req)) {
      if (r.status() != 200) {
        throw r.error(endpoint, req);
      }
      contentType = r.header("content-type");
      dcdHeader = r.header("docker-content-digest");
      bytes = r.readBody(endpoint, req, limits.manifestBytes(), source, what, "manifest-bytes");
    }
    Digest requested = Digest.isValid(reference) ? Digest.parse(reference) : null;
    Digest digest = requested != null ? digestOf(requested.algorithm(), bytes) : Digest.sha256(bytes);
    if (requested != null && !requested.equals(digest)) {
      throw new DigestMismatchException(source, what, requested, digest);
    }
    Optional<Digest> dcd = dcdHeader.filter(Digest::isValid).map(Digest::parse);
    if (dcd.isPresent()) {
      Digest actual = digestOf(dcd.get().algorithm(), bytes);
      if (!actual.equals(dcd.get())) {
        throw new DigestMismatchException(source, what + " (Docker-Content-Digest header)", dcd.get(), actual);
      }
    }
    MediaType type = mediaType(source, what, bytes, contentType);
    return new RegistryManifest(Descriptor.of(type, digest, bytes.length), bytes, dcd);
  }

  private MediaType mediaType(String source, String what, byte[] bytes, Optional<String> contentType)
      throws IOException {
    MediaType header = contentType.filter(s -> !s.isBlank()).map(MediaType::of).orElse(null);
    if (header != null && header.isSchema1()) {
      throw schema1(source, what, header.essence());
    }
    JsonNode node = Json.readTree(bytes, limits.jsonDepth(), source, what);
    MediaType referenced = header != null && (header.isManifest() || header.isIndex()) ? header : null;
    ImageDocuments.Kind kind = ImageDocuments.kind(node, referenced, source, what);
    if (kind == ImageDocuments.Kind.SCHEMA1) {
      throw schema1(source, what, "schemaVersion 1");
    }
    JsonNode field = node.get("mediaType");
    if (field != null && field.isTextual() && !field.textValue().isBlank()) {
      MediaType declared = MediaType.of(field.textValue());
      if (declared.isManifest() || declared.isIndex()) {
        return declared;
      }
    }
    if (referenced != null) {
      return referenced;
    }
    return kind == ImageDocuments.Kind.INDEX ? MediaType.OCI_INDEX : MediaType.OCI_MANIFEST;
  }

  private static ImageFormatException schema1(String source, String what, String found) {
    return new ImageFormatException(source, what + " is a Docker schema 1 manifest (" + found + "), which is "
        + "not supported: it was deprecated in 2017; push the image again with a current tool, e.g. "
        + "skopeo copy --format v2s2");
  }

  static Digest digestOf(String algorithm, byte[] bytes) {
    MessageDigest md = Digest.newMessageDigest(algorithm);
    return Digest.of(algorithm, md.digest(bytes));
  }

  Optional<Descriptor> head(Endpoint endpoint, String reference) throws IOException {
    RegistryRequest req = new RegistryRequest("HEAD", repository, path(reference), Map.of("Accept", ACCEPT),
        "check manifest " + reference, limits);
    try (RegistryResponse r = transport.send(endpoint, req)) {
      if (r.status() == 404) {
        return Optional.empty();
      }
      if (r.status() != 200) {
        throw r.error(endpoint, req);
      }
      Optional<Digest> dcd = r.header("docker-content-digest").filter(Digest::isValid).map(Digest::parse);
      long size = r.headers().firstValueAsLong("content-length").orElse(-1);
      Optional<MediaType> type = r.header("content-type").filter(s -> !s.isBlank()).map(MediaType::of);
      if (dcd.isPresent() && size >= 0 && type.isPresent() && (type.get().isManifest() || type.get().isIndex())) {
        return Optional.of(Descriptor.of(type.get(), dcd.get(), size));
      }
    }
    // The registry did not describe the manifest in the HEAD answer: pull it.
    return Optional.of(fetch(endpoint, reference).descriptor());
  }
}
