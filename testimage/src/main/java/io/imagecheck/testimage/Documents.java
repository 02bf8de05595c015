package io.imagecheck.testimage;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Healthcheck;
import io.imagecheck.image.HistoryEntry;
import io.imagecheck.image.ImageConfig;
import io.imagecheck.image.MediaType;
import io.imagecheck.image.Platform;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of an image: config, manifest, index and descriptors, in the member order of
 * the Go structs of the OCI image-spec and Docker (so they look like what real tools write), with
 * {@code omitempty} members left out when empty.
 */
final class Documents {

  /** The content of an OCI layout's {@code oci-layout} file. */
  static final byte[] OCI_LAYOUT = new JsonObject().put("imageLayoutVersion", "1.0.0").toBytes();

  private Documents() {}

  /**
   * An image config.
   *
   * @param c the config
   * @return the JSON object
   */
  static JsonObject config(ImageConfig c) {
    JsonObject o = new JsonObject();
    c.created().ifPresent(t -> o.put("created", t.toString()));
    o.putIfNotEmpty("author", c.author());
    o.put("architecture", c.architecture());
    c.variant().ifPresent(v -> o.put("variant", v));
    o.put("os", c.os());
    c.osVersion().ifPresent(v -> o.put("os.version", v));

    JsonObject run = new JsonObject()
        .putIfNotEmpty("User", c.user())
        .putIfNotEmpty("ExposedPorts", emptyObjects(c.exposedPorts()))
        .putIfNotEmpty("Env", c.env())
        .putIfNotEmpty("Entrypoint", c.entrypoint())
        .putIfNotEmpty("Cmd", c.cmd())
        .putIfNotEmpty("Volumes", emptyObjects(c.volumes()))
        .putIfNotEmpty("WorkingDir", c.workingDir())
        .putIfNotEmpty("Labels", c.labels())
        .putIfNotEmpty("StopSignal", c.stopSignal());
    c.healthcheck().ifPresent(h -> run.put("Healthcheck", healthcheck(h)));
    run.putIfNotEmpty("OnBuild", c.onBuild()).putIfNotEmpty("Shell", c.shell());
    o.put("config", run);

    o.put("rootfs", new JsonObject()
        .put("type", "layers")
        .put("diff_ids", c.diffIds().stream().map(Digest::toString).toList()));
    o.putIfNotEmpty("history", c.history().stream().map(Documents::history).toList());
    return o;
  }

  private static JsonObject history(HistoryEntry h) {
    JsonObject o = new JsonObject();
    h.created().ifPresent(t -> o.put("created", t.toString()));
    o.putIfNotEmpty("created_by", h.createdBy())
        .putIfNotEmpty("author", h.author())
        .putIfNotEmpty("comment", h.comment());
    if (h.emptyLayer()) {
      o.put("empty_layer", true);
    }
    return o;
  }

  private static JsonObject healthcheck(Healthcheck h) {
    JsonObject o = new JsonObject().putIfNotEmpty("Test", h.test());
    // Go's time.Duration marshals as integer nanoseconds.
    h.interval().ifPresent(d -> o.put("Interval", nanos(d)));
    h.timeout().ifPresent(d -> o.put("Timeout", nanos(d)));
    h.startPeriod().ifPresent(d -> o.put("StartPeriod", nanos(d)));
    if (h.retries() != 0) {
      o.put("Retries", h.retries());
    }
    return o;
  }

  private static Long nanos(Duration d) {
    return d.toNanos();
  }

  private static Map<String, Object> emptyObjects(List<String> keys) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : keys) {
      m.put(k, new JsonObject());
    }
    return m;
  }

  /**
   * An image manifest.
   *
   * @param mediaType the manifest's media type
   * @param config the config descriptor
   * @param layers the layer descriptors
   * @return the JSON object
   */
  static JsonObject manifest(MediaType mediaType, Descriptor config, List<Descriptor> layers) {
    return new JsonObject()
        .put("schemaVersion", 2)
        .put("mediaType", mediaType.toString())
        .put("config", descriptor(config))
        .put("layers", layers.stream().map(Documents::descriptor).toList());
  }

  /**
   * An image index (also an OCI layout's {@code index.json}).
   *
   * @param manifests the entries
   * @return the JSON object
   */
  static JsonObject index(List<Descriptor> manifests) {
    return new JsonObject()
        .put("schemaVersion", 2)
        .put("mediaType", MediaType.OCI_INDEX.toString())
        .put("manifests", manifests.stream().map(Documents::descriptor).toList());
  }

  /**
   * A content descriptor.
   *
   * @param d the descriptor
   * @return the JSON object
   */
  static JsonObject descriptor(Descriptor d) {
    JsonObject o = new JsonObject()
        .put("mediaType", d.mediaType().toString())
        .put("digest", d.digest().toString())
        .put("size", d.size())
        .putIfNotEmpty("urls", d.urls())
        .putIfNotEmpty("annotations", d.annotations());
    d.platform().ifPresent(p -> o.put("platform", platform(p)));
    d.artifactType().ifPresent(t -> o.put("artifactType", t));
    return o;
  }

  private static JsonObject platform(Platform p) {
    JsonObject o = new JsonObject().put("architecture", p.architecture()).put("os", p.os());
    p.osVersion().ifPresent(v -> o.put("os.version", v));
    o.putIfNotEmpty("os.features", p.osFeatures());
    p.variant().ifPresent(v -> o.put("variant", v));
    return o;
  }
}
