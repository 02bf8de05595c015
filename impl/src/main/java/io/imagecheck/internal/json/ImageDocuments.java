package io.imagecheck.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Healthcheck;
import io.imagecheck.image.HistoryEntry;
import io.imagecheck.image.ImageConfig;
import io.imagecheck.image.IndexManifest;
import io.imagecheck.image.Manifest;
import io.imagecheck.image.MediaType;
import io.imagecheck.image.Platform;
import io.imagecheck.source.ImageFormatException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Parsers of the image documents into the api records: manifests, indexes and configs. Each parser
 * checks what the OCI image spec requires (schema version 2, descriptors with a media type, a valid
 * digest and a non-negative size) and rejects ambiguous documents that are both a manifest and an
 * index (the CVE-2021-41190 shape).
 *
 * <p>Thread-safe (stateless).
 */
public final class ImageDocuments {

  private ImageDocuments() {}

  /** What kind of document some JSON is. */
  public enum Kind {
    /** An image manifest (or an artifact manifest shaped like one). */
    MANIFEST,
    /** An index or manifest list. */
    INDEX,
    /** A Docker schema 1 manifest. */
    SCHEMA1
  }

  /**
   * Tells what kind of document a tree is, from its {@code mediaType} field, its shape, and the type
   * it was referenced as.
   *
   * @param node the parsed document
   * @param referencedAs the media type of the descriptor that pointed at it, or null
   * @param source the source, for messages
   * @param what the document, for messages
   * @return the kind
   * @throws ImageFormatException when the document is ambiguous, of an unknown kind, or its
   *     {@code mediaType} contradicts the reference
   */
  public static Kind kind(JsonNode node, @Nullable MediaType referencedAs, String source, String what)
      throws ImageFormatException {
    if (!node.isObject()) {
      throw new ImageFormatException(source, what + " is not a JSON object");
    }
    JsonNode sv = node.get("schemaVersion");
    if (sv != null && sv.isInt() && sv.intValue() == 1 || node.has("fsLayers")) {
      return Kind.SCHEMA1;
    }
    if (sv != null && !(sv.isInt() && sv.intValue() == 2)) {
      throw new ImageFormatException(source, what + " has unsupported schemaVersion "
          + abbreviate(sv.toString()) + ", expected 2");
    }
    boolean hasManifests = node.has("manifests");
    boolean hasLayers = node.has("layers") || node.has("config");
    if (hasManifests && hasLayers) {
      throw new ImageFormatException(source, what
          + " is ambiguous: it has both \"manifests\" (an index) and \"layers\"/\"config\" (a manifest)");
    }
    MediaType declared = mediaTypeField(node);
    Kind byShape = hasManifests ? Kind.INDEX : hasLayers ? Kind.MANIFEST : null;
    Kind byDeclared = declared == null ? null : declared.isIndex() ? Kind.INDEX
        : declared.isManifest() ? Kind.MANIFEST : declared.isSchema1() ? Kind.SCHEMA1 : null;
    Kind byReference = referencedAs == null ? null : referencedAs.isIndex() ? Kind.INDEX
        : referencedAs.isManifest() ? Kind.MANIFEST : null;
    if (byDeclared != null && byShape != null && byDeclared != byShape) {
      throw new ImageFormatException(source, what + " declares mediaType " + declared + " but is shaped like "
          + (byShape == Kind.INDEX ? "an index" : "a manifest"));
    }
    if (declared != null && referencedAs != null && byDeclared != null && byReference != null
        && byDeclared != byReference) {
      throw new ImageFormatException(source, what + " declares mediaType " + declared
          + " but was referenced as " + referencedAs);
    }
    Kind k = byDeclared != null ? byDeclared : byShape != null ? byShape : byReference;
    if (k == Kind.SCHEMA1) {
      return k;
    }
    if (k == null) {
      throw new ImageFormatException(source, what + " is neither an image manifest nor an index"
          + (declared == null ? "" : " (mediaType " + declared + ")"));
    }
    return k;
  }

  /**
   * Parses an image manifest.
   *
   * @param node the parsed document
   * @param referencedAs the media type it was referenced as, used when the document has no
   *     {@code mediaType} field (umoci writes none); null to default to the OCI manifest type
   * @param source the source
   * @param what the document, for messages
   * @return the manifest
   * @throws ImageFormatException when it is not a valid manifest
   */
  public static Manifest manifest(JsonNode node, @Nullable MediaType referencedAs, String source, String what)
      throws ImageFormatException {
    Kind k = kind(node, referencedAs, source, what);
    if (k == Kind.SCHEMA1) {
      throw schema1(source, what);
    }
    if (k != Kind.MANIFEST) {
      throw new ImageFormatException(source, what + " is an index, not an image manifest");
    }
    checkSchemaVersion(node, source, what);
    MediaType mt = mediaTypeField(node);
    if (mt == null) {
      mt = referencedAs != null && referencedAs.isManifest() ? referencedAs : MediaType.OCI_MANIFEST;
    }
    JsonNode config = node.get("config");
    if (config == null || !config.isObject()) {
      throw new ImageFormatException(source, what + " has no config descriptor");
    }
    Descriptor cfg = descriptor(config, source, what + " config");
    List<Descriptor> layers = new ArrayList<>();
    JsonNode ls = node.get("layers");
    if (ls != null && !ls.isNull()) {
      if (!ls.isArray()) {
        throw new ImageFormatException(source, what + ": \"layers\" is not an array");
      }
      int i = 0;
      for (JsonNode l : ls) {
        layers.add(descriptor(l, source, what + " layer " + i++));
      }
    }
    return new Manifest(2, mt, cfg, layers, stringMap(node.get("annotations"), source, what + " annotations"),
        optionalDescriptor(node.get("subject"), source, what + " subject"),
        optText(node, "artifactType", source, what));
  }

  /**
   * Parses an index (OCI image index, Docker manifest list, or an OCI layout's {@code index.json}).
   *
   * @param node the parsed document
   * @param referencedAs the media type it was referenced as, or null
   * @param source the source
   * @param what the document, for messages
   * @return the index
   * @throws ImageFormatException when it is not a valid index
   */
  public static IndexManifest index(JsonNode node, @Nullable MediaType referencedAs, String source, String what)
      throws ImageFormatException {
    if (!node.isObject()) {
      throw new ImageFormatException(source, what + " is not a JSON object");
    }
    // An OCI layout's index.json may have "manifests": null (Docker 25 save) or no manifests at all.
    if (!node.has("manifests") || node.get("manifests").isNull()) {
      checkSchemaVersion(node, source, what);
      return new IndexManifest(2, MediaType.OCI_INDEX, List.of(),
          stringMap(node.get("annotations"), source, what + " annotations"), Optional.empty(), Optional.empty());
    }
    Kind k = kind(node, referencedAs, source, what);
    if (k == Kind.SCHEMA1) {
      throw schema1(source, what);
    }
    if (k != Kind.INDEX) {
      throw new ImageFormatException(source, what + " is an image manifest, not an index");
    }
    checkSchemaVersion(node, source, what);
    MediaType mt = mediaTypeField(node);
    if (mt == null) {
      mt = referencedAs != null && referencedAs.isIndex() ? referencedAs : MediaType.OCI_INDEX;
    }
    JsonNode ms = node.get("manifests");
    if (!ms.isArray()) {
      throw new ImageFormatException(source, what + ": \"manifests\" is not an array");
    }
    List<Descriptor> entries = new ArrayList<>();
    int i = 0;
    for (JsonNode m : ms) {
      entries.add(descriptor(m, source, what + " entry " + i++));
    }
    return new IndexManifest(2, mt, entries, stringMap(node.get("annotations"), source, what + " annotations"),
        optionalDescriptor(node.get("subject"), source, what + " subject"),
        optText(node, "artifactType", source, what));
  }

  /**
   * Parses an image config (OCI or Docker).
   *
   * @param node the parsed document
   * @param source the source
   * @param what the document, for messages
   * @return the config
   * @throws ImageFormatException when a field has the wrong type
   */
  public static ImageConfig config(JsonNode node, String source, String what) throws ImageFormatException {
    if (!node.isObject()) {
      throw new ImageFormatException(source, what + " is not a JSON object");
    }
    ImageConfig.Builder b = ImageConfig.builder()
        .os(text(node, "os", source, what))
        .architecture(text(node, "architecture", source, what))
        .variant(optText(node, "variant", source, what).orElse(null))
        .osVersion(optText(node, "os.version", source, what).orElse(null))
        .created(time(node.get("created")).orElse(null))
        .author(text(node, "author", source, what));
    JsonNode c = node.get("config");
    if (c != null && !c.isNull()) {
      if (!c.isObject()) {
        throw new ImageFormatException(source, what + ": \"config\" is not an object");
      }
      String w = what + " config";
      b.user(text(c, "User", source, w))
          .env(stringList(c.get("Env"), source, w + ".Env"))
          .entrypoint(stringList(c.get("Entrypoint"), source, w + ".Entrypoint"))
          .cmd(stringList(c.get("Cmd"), source, w + ".Cmd"))
          .workingDir(text(c, "WorkingDir", source, w))
          .labels(stringMap(c.get("Labels"), source, w + ".Labels"))
          .exposedPorts(keys(c.get("ExposedPorts"), source, w + ".ExposedPorts"))
          .volumes(keys(c.get("Volumes"), source, w + ".Volumes"))
          .stopSignal(text(c, "StopSignal", source, w))
          .onBuild(stringList(c.get("OnBuild"), source, w + ".OnBuild"))
          .shell(stringList(c.get("Shell"), source, w + ".Shell"))
          .healthcheck(healthcheck(c.get("Healthcheck"), source, w + ".Healthcheck").orElse(null));
    }
    JsonNode rootfs = node.get("rootfs");
    List<Digest> diffIds = new ArrayList<>();
    if (rootfs != null && rootfs.isObject()) {
      JsonNode ids = rootfs.get("diff_ids");
      if (ids != null && !ids.isNull()) {
        if (!ids.isArray()) {
          throw new ImageFormatException(source, what + ": rootfs.diff_ids is not an array");
        }
        for (JsonNode id : ids) {
          diffIds.add(digest(id, source, what + " rootfs.diff_ids"));
        }
      }
    }
    b.diffIds(diffIds);
    List<HistoryEntry> history = new ArrayList<>();
    JsonNode h = node.get("history");
    if (h != null && !h.isNull()) {
      if (!h.isArray()) {
        throw new ImageFormatException(source, what + ": history is not an array");
      }
      for (JsonNode e : h) {
        if (!e.isObject()) {
          throw new ImageFormatException(source, what + ": a history entry is not an object");
        }
        history.add(new HistoryEntry(time(e.get("created")), text(e, "created_by", source, what + " history"),
            text(e, "comment", source, what + " history"), text(e, "author", source, what + " history"),
            e.path("empty_layer").asBoolean(false)));
      }
    }
    b.history(history);
    return b.build();
  }

  /**
   * Parses a descriptor.
   *
   * @param node the JSON object
   * @param source the source
   * @param what the descriptor, for messages
   * @return the descriptor
   * @throws ImageFormatException when a required field is missing or malformed
   */
  public static Descriptor descriptor(JsonNode node, String source, String what) throws ImageFormatException {
    if (node == null || !node.isObject()) {
      throw new ImageFormatException(source, what + " is not a descriptor object");
    }
    JsonNode mt = node.get("mediaType");
    if (mt == null || !mt.isTextual() || mt.textValue().isBlank()) {
      throw new ImageFormatException(source, what + " has no mediaType");
    }
    Digest d = digest(node.get("digest"), source, what);
    JsonNode size = node.get("size");
    if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
      throw new ImageFormatException(source, what + " has no valid size"
          + (size == null ? "" : " (" + abbreviate(size.toString()) + ")"));
    }
    Optional<Platform> platform = Optional.empty();
    JsonNode p = node.get("platform");
    if (p != null && !p.isNull()) {
      if (!p.isObject()) {
        throw new ImageFormatException(source, what + ": platform is not an object");
      }
      String os = text(p, "os", source, what + " platform");
      String arch = text(p, "architecture", source, what + " platform");
      if (!os.isEmpty() && !arch.isEmpty()) {
        platform = Optional.of(new Platform(os, arch, optText(p, "variant", source, what),
            optText(p, "os.version", source, what), stringList(p.get("os.features"), source, what)));
      }
    }
    return new Descriptor(MediaType.of(mt.textValue()), d, size.longValue(),
        stringMap(node.get("annotations"), source, what + " annotations"), platform,
        optText(node, "artifactType", source, what), stringList(node.get("urls"), source, what + " urls"));
  }

  /**
   * Parses a digest string field.
   *
   * @param node the JSON value
   * @param source the source
   * @param what the owner, for messages
   * @return the digest
   * @throws ImageFormatException when it is missing or not a valid sha256/sha512 digest
   */
  public static Digest digest(@Nullable JsonNode node, String source, String what) throws ImageFormatException {
    if (node == null || !node.isTextual()) {
      throw new ImageFormatException(source, what + " has no digest");
    }
    try {
      return Digest.parse(node.textValue());
    } catch (IllegalArgumentException e) {
      throw new ImageFormatException(source, what + ": " + e.getMessage(), e);
    }
  }

  /**
   * The document's {@code mediaType} field.
   *
   * @param node a document
   * @return the media type, or null when absent or not a string
   */
  public static @Nullable MediaType mediaTypeField(JsonNode node) {
    JsonNode mt = node.get("mediaType");
    return mt != null && mt.isTextual() && !mt.textValue().isBlank() ? MediaType.of(mt.textValue()) : null;
  }

  private static ImageFormatException schema1(String source, String what) {
    return new ImageFormatException(source, what + " is a Docker schema 1 manifest, which is deprecated and not "
        + "supported; convert it with `skopeo copy --format v2s2` or rebuild the image");
  }

  private static void checkSchemaVersion(JsonNode node, String source, String what) throws ImageFormatException {
    JsonNode sv = node.get("schemaVersion");
    if (sv == null || !sv.isInt() || sv.intValue() != 2) {
      throw new ImageFormatException(source, what + " has unsupported schemaVersion "
          + (sv == null ? "(missing)" : abbreviate(sv.toString())) + ", expected 2");
    }
  }

  private static Optional<Healthcheck> healthcheck(@Nullable JsonNode h, String source, String what)
      throws ImageFormatException {
    if (h == null || h.isNull()) {
      return Optional.empty();
    }
    if (!h.isObject()) {
      throw new ImageFormatException(source, what + " is not an object");
    }
    return Optional.of(new Healthcheck(stringList(h.get("Test"), source, what + ".Test"),
        duration(h.get("Interval")), duration(h.get("Timeout")), duration(h.get("StartPeriod")),
        h.path("Retries").asInt(0)));
  }

  private static Optional<Duration> duration(@Nullable JsonNode n) {
    // Docker stores durations as integer nanoseconds.
    if (n == null || !n.isIntegralNumber() || n.longValue() <= 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(n.longValue()));
  }

  private static Optional<Instant> time(@Nullable JsonNode n) {
    if (n == null || !n.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(n.textValue()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode node, String field, String source, String what) throws ImageFormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new ImageFormatException(source, what + ": \"" + field + "\" is not a string");
    }
    return v.textValue();
  }

  private static Optional<String> optText(JsonNode node, String field, String source, String what)
      throws ImageFormatException {
    String s = text(node, field, source, what);
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  private static List<String> stringList(@Nullable JsonNode n, String source, String what)
      throws ImageFormatException {
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (n.isTextual()) {
      // Some old tools wrote a single string where a list belongs (e.g. "Cmd": "/bin/sh").
      return List.of(n.textValue());
    }
    if (!n.isArray()) {
      throw new ImageFormatException(source, what + " is not a list of strings");
    }
    List<String> out = new ArrayList<>(n.size());
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw new ImageFormatException(source, what + " contains a non-string value");
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static Map<String, String> stringMap(@Nullable JsonNode n, String source, String what)
      throws ImageFormatException {
    if (n == null || n.isNull()) {
      return Map.of();
    }
    if (!n.isObject()) {
      throw new ImageFormatException(source, what + " is not an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new ImageFormatException(source, what + ": value of \"" + abbreviate(e.getKey()) + "\" is not a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  private static List<String> keys(@Nullable JsonNode n, String source, String what) throws ImageFormatException {
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isObject()) {
      throw new ImageFormatException(source, what + " is not an object");
    }
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static Optional<Descriptor> optionalDescriptor(@Nullable JsonNode n, String source, String what)
      throws ImageFormatException {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    return Optional.of(descriptor(n, source, what));
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /**
   * Parses bytes into a tree with the given depth limit; see {@link Json#readTree}.
   *
   * @param bytes the document
   * @param maxDepth the nesting limit
   * @param source the source
   * @param what the document
   * @return the tree
   * @throws IOException when the bytes are not acceptable JSON
   */
  public static JsonNode tree(byte[] bytes, int maxDepth, String source, String what) throws IOException {
    return Json.readTree(bytes, maxDepth, source, what);
  }
}
