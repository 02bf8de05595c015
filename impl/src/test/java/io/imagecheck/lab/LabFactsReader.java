package io.imagecheck.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import io.imagecheck.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads {@code facts.json} into {@link LabFacts}. Every missing or mistyped field is reported with its
 * JSON path, so a change in the script's output shows up as a clear message rather than a null.
 */
final class LabFactsReader {

  private final Path file;

  private LabFactsReader(Path file) {
    this.file = file;
  }

  /**
   * Reads a facts file.
   *
   * @param file {@code facts.json} of a lab run
   * @return its facts
   * @throws IOException when the file cannot be read or lacks a field
   */
  static LabFacts read(Path file) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = JsonMapper.builder().build().readTree(in);
    }
    return new LabFactsReader(file).facts(root);
  }

  private LabFacts facts(JsonNode root) throws IOException {
    Map<String, LabImageFacts> images = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : fields(root, "images")) {
      images.put(e.getKey(), image(e.getValue(), "images." + e.getKey()));
    }
    Map<String, LabIndexFacts> indexes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : fields(root, "indexes")) {
      indexes.put(e.getKey(), index(e.getValue(), "indexes." + e.getKey()));
    }
    Map<String, LabArchiveFacts> archives = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : fields(root, "archives")) {
      archives.put(e.getKey(), archive(e.getValue(), "archives." + e.getKey()));
    }
    Map<String, Integer> timings = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : fields(root, "timings_seconds")) {
      timings.put(e.getKey(), integer(root.path("timings_seconds"), "timings_seconds", e.getKey()));
    }
    long epoch = number(root, "", "source_date_epoch");
    return new LabFacts(
        epoch, Instant.ofEpochSecond(epoch), stringMap(root, "", "tools"), timings, images, indexes, archives,
        gpg(field(root, "", "gpg"), "gpg"));
  }

  private LabImageFacts image(JsonNode n, String at) throws IOException {
    JsonNode manifest = field(n, at, "manifest");
    JsonNode config = field(n, at, "config");
    String configAt = at + ".config";
    List<LabLayerFacts> layers = new ArrayList<>();
    JsonNode layerNodes = array(n, at, "layers");
    for (int i = 0; i < layerNodes.size(); i++) {
      layers.add(layer(layerNodes.get(i), at + ".layers[" + i + "]"));
    }
    List<Digest> diffIds = new ArrayList<>();
    for (String d : strings(config, configAt, "diff_ids")) {
      diffIds.add(digest(d, configAt + ".diff_ids"));
    }
    LabConfigFacts configFacts = new LabConfigFacts(
        digest(config, configAt, "digest"),
        MediaType.of(text(config, configAt, "mediaType")),
        number(config, configAt, "size"),
        Platform.of(
            text(config, configAt, "os"),
            text(config, configAt, "architecture"),
            optionalText(config, configAt, "variant").orElse(null)),
        text(config, configAt, "user"),
        strings(config, configAt, "entrypoint"),
        strings(config, configAt, "cmd"),
        strings(config, configAt, "env"),
        text(config, configAt, "working_dir"),
        stringMap(config, configAt, "labels"),
        diffIds,
        integer(config, configAt, "history_count"),
        integer(config, configAt, "history_empty_layers"),
        strings(config, configAt, "history_created_by"));
    JsonNode tree = field(n, at, "tree");
    String treeAt = at + ".tree";
    LabTreeFacts treeFacts = new LabTreeFacts(
        text(tree, treeAt, "listing"),
        text(tree, treeAt, "made_by"),
        integer(tree, treeAt, "entries"),
        integer(tree, treeAt, "regular"),
        integer(tree, treeAt, "directories"),
        integer(tree, treeAt, "symlinks"),
        integer(tree, treeAt, "char_devices"));
    return new LabImageFacts(
        text(n, at, "name"),
        text(n, at, "layout"),
        text(n, at, "tag"),
        descriptor(field(n, at, "descriptor"), at + ".descriptor"),
        optionalText(manifest, at + ".manifest", "mediaType").map(MediaType::of),
        configFacts,
        layers,
        treeFacts,
        contents(field(n, at, "contents"), at + ".contents"));
  }

  private LabLayerFacts layer(JsonNode n, String at) throws IOException {
    return new LabLayerFacts(
        integer(n, at, "index"),
        digest(n, at, "digest"),
        MediaType.of(text(n, at, "mediaType")),
        number(n, at, "size"),
        digest(n, at, "diff_id"),
        number(n, at, "uncompressed_size"),
        digest(n, at, "uncompressed_digest"),
        bool(n, at, "diff_id_verified"),
        integer(n, at, "entries"),
        integer(n, at, "whiteouts"),
        strings(n, at, "opaque_dirs"),
        optionalText(n, at, "first_entry"),
        bool(n, at, "tar_eof_marker"),
        integer(n, at, "gnu_tar_exit_code"),
        strings(n, at, "gnu_tar_errors"),
        text(n, at, "listing"));
  }

  private LabContentFacts contents(JsonNode n, String at) throws IOException {
    JsonNode dpkg = field(n, at, "dpkg_installed");
    Map<String, Integer> lockfiles = new LinkedHashMap<>();
    List<String> npmPackages = new ArrayList<>();
    JsonNode locks = array(n, at, "npm_lockfiles");
    for (int i = 0; i < locks.size(); i++) {
      String lockAt = at + ".npm_lockfiles[" + i + "]";
      lockfiles.put(text(locks.get(i), lockAt, "path"), integer(locks.get(i), lockAt, "lockfileVersion"));
      npmPackages.addAll(strings(locks.get(i), lockAt, "packages"));
    }
    Map<String, String> dists = new LinkedHashMap<>();
    JsonNode distNodes = array(n, at, "python_dist_info");
    for (int i = 0; i < distNodes.size(); i++) {
      String distAt = at + ".python_dist_info[" + i + "]";
      dists.put(text(distNodes.get(i), distAt, "path"), text(distNodes.get(i), distAt, "installer"));
    }
    return new LabContentFacts(
        dpkg.isNull() ? OptionalInt.empty() : OptionalInt.of(integer(n, at, "dpkg_installed")),
        optionalText(n, at, "dpkg_listing"),
        strings(n, at, "dpkg_status_d"),
        optionalText(n, at, "rpm_db"),
        optionalText(n, at, "rpm_listing"),
        strings(n, at, "rpm_packages"),
        lockfiles,
        npmPackages.stream().sorted().toList(),
        dists,
        strings(n, at, "passwd_users"),
        stringMap(n, at, "os_release"));
  }

  private LabIndexFacts index(JsonNode n, String at) throws IOException {
    JsonNode index = field(n, at, "index");
    JsonNode manifests = array(index, at + ".index", "manifests");
    List<Descriptor> children = new ArrayList<>();
    for (int i = 0; i < manifests.size(); i++) {
      children.add(descriptor(manifests.get(i), at + ".index.manifests[" + i + "]"));
    }
    return new LabIndexFacts(
        text(n, at, "name"),
        text(n, at, "layout"),
        text(n, at, "tag"),
        descriptor(field(n, at, "descriptor"), at + ".descriptor"),
        optionalText(index, at + ".index", "mediaType").map(MediaType::of),
        children);
  }

  private LabArchiveFacts archive(JsonNode n, String at) throws IOException {
    Optional<String> manifestDigest = optionalText(n, at, "manifest_digest");
    return new LabArchiveFacts(
        text(n, at, "file"),
        text(n, at, "image"),
        text(n, at, "format"),
        strings(n, at, "references"),
        manifestDigest.isPresent()
            ? Optional.of(digest(manifestDigest.get(), at + ".manifest_digest"))
            : Optional.empty(),
        optionalText(n, at, "config"),
        strings(n, at, "layers"),
        strings(n, at, "signatures"));
  }

  private LabGpgFacts gpg(JsonNode n, String at) throws IOException {
    return new LabGpgFacts(
        text(n, at, "fingerprint"),
        text(n, at, "user_id"),
        text(n, at, "sign_identity"),
        text(n, at, "signed_dir"),
        text(n, at, "signature"),
        digest(n, at, "signed_manifest_digest"),
        text(n, at, "public_key_armored"),
        text(n, at, "public_key_binary"),
        text(n, at, "verified_by"));
  }

  private Descriptor descriptor(JsonNode n, String at) throws IOException {
    Optional<Platform> platform = Optional.empty();
    JsonNode p = n.path("platform");
    if (p.isObject()) {
      String platformAt = at + ".platform";
      platform = Optional.of(Platform.of(
          text(p, platformAt, "os"),
          text(p, platformAt, "architecture"),
          optionalText(p, platformAt, "variant").orElse(null)));
    }
    return new Descriptor(
        MediaType.of(text(n, at, "mediaType")),
        digest(n, at, "digest"),
        number(n, at, "size"),
        stringMap(n, at, "annotations"),
        platform,
        Optional.empty(),
        List.of());
  }

  // ------------------------------------------------------------------------------------------ field access

  private JsonNode field(JsonNode parent, String at, String name) throws IOException {
    JsonNode n = parent.get(name);
    if (n == null) {
      throw problem(at, name, "is missing");
    }
    return n;
  }

  private JsonNode array(JsonNode parent, String at, String name) throws IOException {
    JsonNode n = field(parent, at, name);
    if (!n.isArray()) {
      throw problem(at, name, "is not an array");
    }
    return n;
  }

  private Iterable<Map.Entry<String, JsonNode>> fields(JsonNode parent, String name) throws IOException {
    JsonNode n = field(parent, "", name);
    if (!n.isObject()) {
      throw problem("", name, "is not an object");
    }
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    it.forEachRemaining(entries::add);
    return entries;
  }

  private String text(JsonNode parent, String at, String name) throws IOException {
    JsonNode n = field(parent, at, name);
    if (!n.isTextual()) {
      throw problem(at, name, "is not a string: " + n);
    }
    return n.asText();
  }

  private Optional<String> optionalText(JsonNode parent, String at, String name) throws IOException {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw problem(at, name, "is not a string: " + n);
    }
    return Optional.of(n.asText());
  }

  private long number(JsonNode parent, String at, String name) throws IOException {
    JsonNode n = field(parent, at, name);
    if (!n.canConvertToLong() || !n.isIntegralNumber()) {
      throw problem(at, name, "is not an integer: " + n);
    }
    return n.asLong();
  }

  private int integer(JsonNode parent, String at, String name) throws IOException {
    JsonNode n = field(parent, at, name);
    if (!n.isInt()) {
      throw problem(at, name, "is not an int: " + n);
    }
    return n.asInt();
  }

  private boolean bool(JsonNode parent, String at, String name) throws IOException {
    JsonNode n = field(parent, at, name);
    if (!n.isBoolean()) {
      throw problem(at, name, "is not a boolean: " + n);
    }
    return n.asBoolean();
  }

  /** A string array; JSON {@code null} (e.g. an unset {@code Cmd}) reads as an empty list. */
  private List<String> strings(JsonNode parent, String at, String name) throws IOException {
    JsonNode n = field(parent, at, name);
    if (n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw problem(at, name, "is not an array: " + n);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw problem(at, name, "has a non-string element: " + e);
      }
      out.add(e.asText());
    }
    return out;
  }

  private Map<String, String> stringMap(JsonNode parent, String at, String name) throws IOException {
    JsonNode n = field(parent, at, name);
    if (!n.isObject()) {
      throw problem(at, name, "is not an object: " + n);
    }
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw problem(at, name + "." + e.getKey(), "is not a string: " + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private Digest digest(JsonNode parent, String at, String name) throws IOException {
    return digest(text(parent, at, name), at + "." + name);
  }

  private Digest digest(String value, String at) throws IOException {
    try {
      return Digest.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + at + ": " + e.getMessage(), e);
    }
  }

  private IOException problem(String at, String name, String what) {
    return new IOException(file + ": " + (at.isEmpty() ? "" : at + ".") + name + " " + what);
  }
}
