package io.imagecheck.testimage;

import io.imagecheck.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes legacy {@code docker save} archives, the layout {@code docker load} and skopeo's
 * {@code docker-archive:} read:
 *
 * <pre>
 * &lt;id&gt;/VERSION      "1.0"
 * &lt;id&gt;/json         {"id":..., "parent":..., "created":...}   (the v1 layer config)
 * &lt;id&gt;/layer.tar    the uncompressed layer
 * &lt;config hex&gt;.json the image config
 * manifest.json      [{"Config":..., "RepoTags":[...], "Layers":[...]}]
 * repositories       {"repo":{"tag":"&lt;top layer id&gt;"}}
 * </pre>
 *
 * <p>Layer IDs are chained, like the v1 IDs of {@code docker save}: the sha256 of the parent's ID,
 * a space and the layer's diff_id, so a layer repeated at two positions gets two directories.
 */
final class DockerArchives {

  private DockerArchives() {}

  static void write(TestImage image, Path tarFile, String repoTag) throws IOException {
    Objects.requireNonNull(tarFile, "tarFile");
    String[] repoAndTag = splitRepoTag(repoTag);
    String created = image.config().created().map(Object::toString).orElse(TestImage.DEFAULT_CREATED.toString());
    List<String> layerPaths = new ArrayList<>();
    String parent = null;
    try (OutputStream out = OciLayouts.newArchive(tarFile)) {
      TarWriter tar = new TarWriter(out);
      for (TestImage.BuiltLayer layer : image.builtLayers()) {
        String seed = (parent == null ? "" : parent + " ") + layer.layer().diffId();
        String id = Digest.sha256(seed.getBytes(StandardCharsets.UTF_8)).hex();
        JsonObject v1 = new JsonObject().put("id", id);
        if (parent != null) {
          v1.put("parent", parent);
        }
        v1.put("created", created);
        tar.writeDirectoryMember(id + "/");
        tar.writeMember(id + "/VERSION", "1.0".getBytes(StandardCharsets.US_ASCII));
        tar.writeMember(id + "/json", v1.toBytes());
        tar.writeMember(id + "/layer.tar", layer.dockerLayerTar());
        layerPaths.add(id + "/layer.tar");
        parent = id;
      }
      String configName = image.configDigest().hex() + ".json";
      tar.writeMember(configName, image.configBytes());
      JsonObject manifest = new JsonObject()
          .put("Config", configName)
          .put("RepoTags", List.of(repoAndTag[0] + ":" + repoAndTag[1]))
          .put("Layers", layerPaths);
      tar.writeMember("manifest.json", ("[" + manifest + "]").getBytes(StandardCharsets.UTF_8));
      if (parent != null) {
        JsonObject repositories = new JsonObject().put(repoAndTag[0], Map.of(repoAndTag[1], parent));
        tar.writeMember("repositories", repositories.toBytes());
      }
      tar.finish(true);
    }
  }

  /**
   * Splits {@code repo[:tag]}; the tag is what follows the last colon after the last slash.
   *
   * @param repoTag e.g. {@code localhost:5000/app:1.0}
   * @return the repository and the tag ({@code latest} when absent)
   */
  static String[] splitRepoTag(String repoTag) {
    Objects.requireNonNull(repoTag, "repoTag");
    int colon = repoTag.lastIndexOf(':');
    boolean hasTag = colon > repoTag.lastIndexOf('/');
    String repo = hasTag ? repoTag.substring(0, colon) : repoTag;
    String tag = hasTag ? repoTag.substring(colon + 1) : "latest";
    if (repo.isEmpty() || tag.isEmpty() || repo.contains("@")) {
      throw new IllegalArgumentException("expected a repository and tag such as example.com/app:1.0, got \""
          + repoTag + "\"");
    }
    return new String[] {repo, tag};
  }
}
