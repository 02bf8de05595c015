package io.imagecheck.sources.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagecheck.image.Compression;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.image.ImageConfig;
import io.imagecheck.image.MediaType;
import io.imagecheck.internal.blob.Decompressors;
import io.imagecheck.internal.image.BlobStore;
import io.imagecheck.internal.image.ImageReader;
import io.imagecheck.internal.image.StoredImageSource;
import io.imagecheck.internal.json.ImageDocuments;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.DigestMismatchException;
import io.imagecheck.source.DockerReference;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageNotFoundException;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.Transport;
import io.imagecheck.sources.SourceOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Opens {@code docker save} archives ({@code docker-archive:PATH[:name:tag]}) in every flavour:
 *
 * <ul>
 *   <li>legacy ({@code manifest.json}, {@code repositories}, {@code <id>/layer.tar}, layer symlinks
 *       for deduplicated layers);
 *   <li>Docker 25+ (an OCI layout plus {@code manifest.json}; its real OCI manifest is used when
 *       {@code index.json} lists it, including {@code "manifests": null} archives, which fall back to
 *       {@code manifest.json});
 *   <li>kaniko tars (config member named {@code sha256:<hex>}, gzip {@code *.tar.gz} layers);
 *   <li>multi-image archives (select with {@code :name:tag} or {@code :@N}; without a selector the only
 *       image, or an error listing the tags);
 *   <li>archives that are themselves gzip- or zstd-compressed ({@code docker save | gzip}).
 * </ul>
 *
 * <p>When the archive holds no manifest for the image, one is synthesized as skopeo does (Docker
 * schema 2; an uncompressed layer's digest is its diff_id, a compressed layer's digest is computed
 * from its bytes) and {@link Image#manifestSynthesized()} says so. Paths in {@code manifest.json} are
 * looked up as archive member names only; a path that would leave the archive is an error.
 *
 * <p>Thread-safe (the factory is stateless).
 */
public final class DockerArchiveSource {

  private DockerArchiveSource() {}

  /**
   * Opens a docker-archive.
   *
   * @param reference a {@code docker-archive:} reference
   * @param options platform and limits
   * @return the source
   * @throws IOException when the file is not a readable docker-archive or the selected image is not in it
   */
  public static ImageSource open(ImageReference reference, SourceOptions options) throws IOException {
    ImageReference ref = reference.transport() == Transport.UNSPECIFIED
        ? ImageReference.local(Transport.DOCKER_ARCHIVE, reference.path(), null) : reference;
    String source = ref.toString();
    TarArchiveFile tar = TarArchiveFile.open(Path.of(ref.path()), source, options.limits());
    try {
      return open(ref, source, tar, options);
    } catch (IOException | RuntimeException e) {
      tar.close();
      throw e;
    }
  }

  private static ImageSource open(ImageReference ref, String source, TarArchiveFile tar, SourceOptions options)
      throws IOException {
    if (!tar.exists("manifest.json")) {
      if (tar.exists("index.json") && tar.exists("oci-layout")) {
        // An OCI layout in a tar named as a docker-archive: read it as such.
        return io.imagecheck.sources.layout.OciLayoutSource.openArchive(ref, tar, options);
      }
      if (tar.exists("repositories")) {
        throw new ImageFormatException(source, "no manifest.json: this is a pre-Docker-1.10 archive with only "
            + "a \"repositories\" file, which is not supported; save the image again with a current docker");
      }
      throw new ImageFormatException(source, "not a docker-archive: manifest.json is missing");
    }
    JsonNode manifests = Json.readTree(tar.readDocument("manifest.json", options.limits()),
        options.limits().jsonDepth(), source, "manifest.json");
    if (!manifests.isArray()) {
      throw new ImageFormatException(source, "manifest.json is " + (manifests.isNull() ? "null" : "not a list")
          + ", expected a list of images");
    }
    if (manifests.isEmpty()) {
      throw new ImageFormatException(source, "manifest.json lists no images");
    }
    JsonNode entry = selectEntry(source, (ArrayNode) manifests, ref.selector().orElse(null));
    String configName = text(entry, "Config", source);
    List<String> layerNames = new ArrayList<>();
    JsonNode layers = entry.get("Layers");
    if (layers != null && !layers.isNull()) {
      if (!layers.isArray()) {
        throw new ImageFormatException(source, "manifest.json: \"Layers\" is not a list");
      }
      for (JsonNode l : layers) {
        if (!l.isTextual()) {
          throw new ImageFormatException(source, "manifest.json: a layer path is not a string");
        }
        layerNames.add(l.textValue());
      }
    }
    for (String name : concat(configName, layerNames)) {
      if (io.imagecheck.fs.ImagePaths.cleanEntryName(name).isEmpty()) {
        throw new ImageFormatException(source, "manifest.json path " + TarArchiveFile.printable(name)
            + " leaves the archive");
      }
      if (!tar.exists(name)) {
        throw new ImageFormatException(source, "manifest.json names " + TarArchiveFile.printable(name)
            + ", which is not in the archive");
      }
    }

    // Docker 25+: prefer the real OCI manifest that index.json lists for this config.
    Optional<ImageSource> hybrid = hybrid(ref, source, tar, options, configName);
    if (hybrid.isPresent()) {
      return hybrid.get();
    }
    return synthesized(ref, source, tar, options, configName, layerNames);
  }

  private static Optional<ImageSource> hybrid(ImageReference ref, String source, TarArchiveFile tar,
      SourceOptions options, String configName) throws IOException {
    if (!tar.exists("index.json") || !configName.startsWith("blobs/")) {
      return Optional.empty();
    }
    Optional<Digest> configDigest = digestFromName(configName);
    if (configDigest.isEmpty()) {
      return Optional.empty();
    }
    BlobStore store = layoutStore(source, tar);
    ImageReader reader = new ImageReader(source, store, options.limits());
    byte[] indexBytes = tar.readDocument("index.json", options.limits());
    JsonNode node = reader.parse(indexBytes, "index.json");
    var index = ImageDocuments.index(node, MediaType.OCI_INDEX, source, "index.json");
    for (Descriptor d : index.manifests()) {
      Optional<Descriptor> found = findManifestFor(reader, d, configDigest.get(), 0);
      if (found.isPresent()) {
        Image image = reader.image(found.get(), found.get() == d ? null : d);
        return Optional.of(new StoredImageSource(ref, reader, image.descriptor(), image,
            options.platform().orElse(null), tar));
      }
    }
    return Optional.empty();
  }

  private static Optional<Descriptor> findManifestFor(ImageReader reader, Descriptor d, Digest config, int depth)
      throws IOException {
    if (depth > reader.limits().indexDepth()) {
      return Optional.empty();
    }
    if (d.mediaType().isManifest()) {
      JsonNode m = reader.parse(reader.readManifest(d, "manifest"), "manifest " + d.digest().shortForm());
      JsonNode c = m.path("config").path("digest");
      return c.isTextual() && c.textValue().equals(config.toString()) ? Optional.of(d) : Optional.empty();
    }
    if (d.mediaType().isIndex()) {
      JsonNode idx = reader.parse(reader.readManifest(d, "index"), "index " + d.digest().shortForm());
      for (Descriptor child : ImageDocuments.index(idx, d.mediaType(), reader.source(), "index").manifests()) {
        Optional<Descriptor> f = findManifestFor(reader, child, config, depth + 1);
        if (f.isPresent()) {
          return f;
        }
      }
    }
    return Optional.empty();
  }

  private static BlobStore layoutStore(String source, TarArchiveFile tar) {
    return new BlobStore() {
      @Override
      public InputStream open(Digest digest, long size) throws IOException {
        return tar.open("blobs/" + digest.algorithm() + "/" + digest.hex());
      }

      @Override
      public String describe(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
      }

      @Override
      public void close() throws IOException {
        tar.close();
      }
    };
  }

  private static ImageSource synthesized(ImageReference ref, String source, TarArchiveFile tar, SourceOptions options,
      String configName, List<String> layerNames) throws IOException {
    byte[] configBytes = tar.readDocument(configName, options.limits());
    Digest configDigest = Digest.sha256(configBytes);
    Optional<Digest> named = digestFromName(configName);
    if (named.isPresent() && !named.get().equals(configDigest)) {
      throw new DigestMismatchException(source, "config " + TarArchiveFile.printable(configName), named.get(),
          configDigest);
    }
    ImageConfig config = ImageDocuments.config(
        Json.readTree(configBytes, options.limits().jsonDepth(), source, "config " + configName), source,
        "config " + configName);
    if (config.diffIds().size() != layerNames.size()) {
      throw new ImageFormatException(source, "manifest.json lists " + layerNames.size()
          + " layers but the config lists " + config.diffIds().size() + " diff_ids");
    }
    if (layerNames.size() > options.limits().layers()) {
      throw new io.imagecheck.source.LimitExceededException(source, "image with " + layerNames.size() + " layers",
          "layers", options.limits().layers());
    }
    Map<Digest, String> members = new ConcurrentHashMap<>();
    members.put(configDigest, configName);
    ObjectNode manifest = JsonNodeFactory.instance.objectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaType.DOCKER_MANIFEST.value());
    ObjectNode cfg = manifest.putObject("config");
    cfg.put("mediaType", MediaType.DOCKER_CONFIG.value());
    cfg.put("size", configBytes.length);
    cfg.put("digest", configDigest.toString());
    ArrayNode ls = manifest.putArray("layers");
    Map<String, LayerBlob> byName = new HashMap<>();
    for (int i = 0; i < layerNames.size(); i++) {
      String name = layerNames.get(i);
      LayerBlob blob = byName.get(name);
      if (blob == null) {
        blob = describeLayer(source, tar, name, config.diffIds().get(i));
        byName.put(name, blob);
      }
      members.put(blob.digest(), name);
      ObjectNode l = ls.addObject();
      l.put("mediaType", blob.mediaType().value());
      l.put("size", blob.size());
      l.put("digest", blob.digest().toString());
    }
    byte[] manifestBytes = Json.mapper().writeValueAsBytes(manifest);
    Descriptor top = Descriptor.of(MediaType.DOCKER_MANIFEST, Digest.sha256(manifestBytes), manifestBytes.length);
    BlobStore store = new BlobStore() {
      @Override
      public InputStream open(Digest digest, long size) throws IOException {
        String name = members.get(digest);
        if (name == null) {
          throw new ImageNotFoundException(source, "archive has no blob " + digest, List.of());
        }
        return tar.open(name);
      }

      @Override
      public String describe(Digest digest) {
        String name = members.get(digest);
        return name == null ? digest.toString() : name;
      }

      @Override
      public void close() throws IOException {
        tar.close();
      }
    };
    ImageReader reader = new ImageReader(source, store, options.limits());
    Image image = reader.image(top, manifestBytes, Json.mapper().readTree(manifestBytes), null, true);
    return new StoredImageSource(ref, reader, top, image, options.platform().orElse(null), store);
  }

  private record LayerBlob(MediaType mediaType, Digest digest, long size) {}

  private static LayerBlob describeLayer(String source, TarArchiveFile tar, String name, Digest diffId)
      throws IOException {
    TarArchiveFile.Member m = tar.resolve(name).orElseThrow();
    Compression c;
    try (InputStream in = new BufferedInputStream(tar.open(name))) {
      c = Decompressors.detect(in);
    }
    if (c == Compression.NONE) {
      // As docker and skopeo do: an uncompressed layer's digest is its diff_id (verified when read).
      return new LayerBlob(MediaType.DOCKER_LAYER, diffId, m.size());
    }
    MessageDigest md = Digest.newMessageDigest(Digest.SHA256);
    long size = 0;
    try (InputStream in = tar.open(name)) {
      byte[] buf = new byte[65536];
      int n;
      while ((n = in.read(buf)) >= 0) {
        md.update(buf, 0, n);
        size += n;
      }
    }
    MediaType type = c == Compression.GZIP ? MediaType.DOCKER_LAYER_GZIP : MediaType.OCI_LAYER_ZSTD;
    return new LayerBlob(type, Digest.of(Digest.SHA256, md.digest()), size);
  }

  private static JsonNode selectEntry(String source, ArrayNode manifests, @Nullable String selector)
      throws IOException {
    List<String> tags = new ArrayList<>();
    for (JsonNode e : manifests) {
      if (!e.isObject()) {
        throw new ImageFormatException(source, "manifest.json has an entry that is not an object");
      }
      tags.addAll(repoTags(e));
    }
    if (selector == null) {
      if (manifests.size() == 1) {
        return manifests.get(0);
      }
      throw new ImageNotFoundException(source, "the archive holds " + manifests.size()
          + " images; choose one with docker-archive:PATH:NAME:TAG or :@N", tags);
    }
    if (selector.startsWith("@")) {
      try {
        int i = Integer.parseInt(selector.substring(1));
        if (i >= 0 && i < manifests.size()) {
          return manifests.get(i);
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
      throw new ImageNotFoundException(source, "no image " + selector + " (the archive holds "
          + manifests.size() + ")", tags);
    }
    for (JsonNode e : manifests) {
      for (String t : repoTags(e)) {
        if (sameTag(t, selector)) {
          return e;
        }
      }
    }
    throw new ImageNotFoundException(source, "tag " + selector + " not found in archive", tags);
  }

  private static boolean sameTag(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    try {
      return DockerReference.parse(a).equals(DockerReference.parse(b));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<String> repoTags(JsonNode entry) {
    List<String> out = new ArrayList<>();
    JsonNode tags = entry.get("RepoTags");
    if (tags != null && tags.isArray()) {
      for (JsonNode t : tags) {
        if (t.isTextual()) {
          out.add(t.textValue());
        }
      }
    }
    return out;
  }

  private static String text(JsonNode node, String field, String source) throws ImageFormatException {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
      throw new ImageFormatException(source, "manifest.json entry has no \"" + field + "\"");
    }
    return v.textValue();
  }

  private static Optional<Digest> digestFromName(String name) {
    // "blobs/sha256/<hex>", "<hex>.json", "sha256:<hex>" (kaniko)
    String base = name.substring(name.lastIndexOf('/') + 1);
    if (base.endsWith(".json")) {
      base = base.substring(0, base.length() - 5);
    }
    if (Digest.isValid(base)) {
      return Optional.of(Digest.parse(base));
    }
    String alg = name.startsWith("blobs/sha512/") ? Digest.SHA512 : Digest.SHA256;
    return Digest.isValid(alg + ":" + base) ? Optional.of(Digest.parse(alg + ":" + base)) : Optional.empty();
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> out = new ArrayList<>(rest.size() + 1);
    out.add(first);
    out.addAll(rest);
    return out;
  }
}
