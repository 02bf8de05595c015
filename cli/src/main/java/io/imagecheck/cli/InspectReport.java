package io.imagecheck.cli;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.HistoryEntry;
import io.imagecheck.image.Image;
import io.imagecheck.image.ImageConfig;
import io.imagecheck.image.Layer;
import io.imagecheck.image.Platform;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.Transport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What {@code imagecheck inspect} reports about one image; {@code --format json} writes this record as
 * is (field names are the component names, in this order), and {@link InspectText} renders it for
 * people. The JSON is documented field by field in {@code docs/inspect-json.md}.
 *
 * <p>Digests are full ({@code sha256:} and 64 hex characters). Layers carry both a 0-based
 * {@code index} and a 1-based {@code number}; {@code historyStep} counts from 1 over all history
 * entries, empty-layer ones included (as {@code docker history} lists them), and the N-th layer is
 * matched with the N-th history entry that made a layer.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param schemaVersion the version of this JSON shape, {@value #SCHEMA_VERSION}; a field removed or
 *     changed in meaning increments it, added fields do not
 * @param reference the resolved reference: the transport that was detected, the path and the
 *     selector, e.g. {@code oci-archive:app.tar:latest}
 * @param transport the transport, e.g. {@code docker-archive}, {@code oci}, {@code oci-archive},
 *     {@code dir}, {@code docker}
 * @param index the index the image was selected from, or null when the reference is a single image
 * @param manifest the image manifest
 * @param config the image config blob
 * @param platform the platform as {@code os/arch[/variant]}, or null when the config names none
 * @param user the configured user, empty when not set (the container then runs as root)
 * @param entrypoint the entrypoint, empty when not set
 * @param cmd the default command, empty when not set
 * @param env the environment as {@code NAME=value}, in config order
 * @param workingDir the working directory, empty when not set
 * @param labels the labels, sorted by key
 * @param exposedPorts the exposed ports such as {@code 8080/tcp}, sorted
 * @param history counts of the build history
 * @param layers the layers, base layer first
 */
public record InspectReport(
    int schemaVersion,
    String reference,
    String transport,
    @Nullable IndexInfo index,
    ManifestInfo manifest,
    ConfigInfo config,
    @Nullable String platform,
    String user,
    List<String> entrypoint,
    List<String> cmd,
    List<String> env,
    String workingDir,
    Map<String, String> labels,
    List<String> exposedPorts,
    HistoryInfo history,
    List<LayerInfo> layers) {

  /** The current {@link #schemaVersion()}. */
  public static final int SCHEMA_VERSION = 1;

  /**
   * Checks the components and copies collections.
   *
   * @param schemaVersion the version of this JSON shape
   * @param reference the resolved reference
   * @param transport the transport
   * @param index the index the image was selected from, or null
   * @param manifest the image manifest
   * @param config the image config blob
   * @param platform the platform, or null
   * @param user the configured user, empty when not set
   * @param entrypoint the entrypoint
   * @param cmd the default command
   * @param env the environment
   * @param workingDir the working directory, empty when not set
   * @param labels the labels
   * @param exposedPorts the exposed ports
   * @param history counts of the build history
   * @param layers the layers, base layer first
   */
  public InspectReport {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(history, "history");
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    env = List.copyOf(env);
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    exposedPorts = List.copyOf(exposedPorts);
    layers = List.copyOf(layers);
  }

  /**
   * Builds the report for an image.
   *
   * @param reference the reference the source resolved to (with its detected transport)
   * @param image the image read from it
   * @return the report
   */
  public static InspectReport of(ImageReference reference, Image image) {
    ImageConfig c = image.config();
    Descriptor m = image.descriptor();
    Descriptor configDescriptor = image.manifest().config();
    List<Layer> imageLayers = image.layers();
    List<@Nullable Integer> steps = layerHistorySteps(c.history(), imageLayers.size());
    List<LayerInfo> layers = new ArrayList<>(imageLayers.size());
    for (int i = 0; i < imageLayers.size(); i++) {
      Layer l = imageLayers.get(i);
      Integer step = steps.get(i);
      layers.add(new LayerInfo(i, i + 1, l.digest().toString(), l.diffId().toString(), l.mediaType().value(),
          l.size(), step == null ? null : c.history().get(step - 1).createdBy(), step));
    }
    int layerSteps = (int) c.history().stream().filter(h -> !h.emptyLayer()).count();
    return new InspectReport(
        SCHEMA_VERSION,
        reference.toString(),
        transportName(reference.transport()),
        image.parentIndex().map(d -> new IndexInfo(d.digest().toString(), d.mediaType().value())).orElse(null),
        new ManifestInfo(m.digest().toString(), m.mediaType().value(), m.size(), image.manifestSynthesized()),
        new ConfigInfo(configDescriptor.digest().toString(), configDescriptor.mediaType().value(),
            configDescriptor.size()),
        image.platform().map(Platform::toString).orElse(null),
        c.user(),
        c.entrypoint(),
        c.cmd(),
        c.env(),
        c.workingDir(),
        c.labels(),
        c.exposedPorts(),
        new HistoryInfo(c.history().size(), layerSteps, layerSteps == imageLayers.size()),
        layers);
  }

  /**
   * Matches layers with history steps: the N-th layer with the N-th history entry that made a layer
   * (no {@code empty_layer} flag).
   *
   * @param history the config's history, oldest first
   * @param layerCount the number of layers
   * @return for each layer, the 1-based number of its step among all history entries, or null when
   *     the history has fewer non-empty entries than there are layers
   */
  static List<@Nullable Integer> layerHistorySteps(List<HistoryEntry> history, int layerCount) {
    List<@Nullable Integer> steps = new ArrayList<>(layerCount);
    int step = 0;
    for (int layer = 0; layer < layerCount; layer++) {
      while (step < history.size() && history.get(step).emptyLayer()) {
        step++;
      }
      if (step < history.size()) {
        steps.add(step + 1);
        step++;
      } else {
        steps.add(null);
      }
    }
    return steps;
  }

  private static String transportName(Transport transport) {
    String prefix = transport.prefix();
    int colon = prefix.indexOf(':');
    return colon < 0 ? prefix : prefix.substring(0, colon);
  }

  /**
   * The index an image was selected from.
   *
   * @param digest the index's full digest (the innermost index, for nested indexes)
   * @param mediaType the index's media type
   */
  public record IndexInfo(String digest, String mediaType) {
    /**
     * Checks the components.
     *
     * @param digest the index's full digest
     * @param mediaType the index's media type
     */
    public IndexInfo {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(mediaType, "mediaType");
    }
  }

  /**
   * The image manifest.
   *
   * @param digest the manifest's full digest
   * @param mediaType the manifest's media type
   * @param size the manifest's size in bytes
   * @param synthesized true when the source holds no manifest (a legacy {@code docker save} archive) and
   *     it was synthesized from the archive's {@code manifest.json}, as skopeo does; the digest then
   *     identifies this reading of the archive, not a registry image
   */
  public record ManifestInfo(String digest, String mediaType, long size, boolean synthesized) {
    /**
     * Checks the components.
     *
     * @param digest the manifest's full digest
     * @param mediaType the manifest's media type
     * @param size the manifest's size in bytes
     * @param synthesized true when the manifest was synthesized
     */
    public ManifestInfo {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(mediaType, "mediaType");
    }
  }

  /**
   * The image config blob.
   *
   * @param digest the config's full digest (the image ID {@code docker images} shows, shortened)
   * @param mediaType the config's media type
   * @param size the config's size in bytes
   */
  public record ConfigInfo(String digest, String mediaType, long size) {
    /**
     * Checks the components.
     *
     * @param digest the config's full digest
     * @param mediaType the config's media type
     * @param size the config's size in bytes
     */
    public ConfigInfo {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(mediaType, "mediaType");
    }
  }

  /**
   * Counts of the build history.
   *
   * @param steps all history entries, empty-layer ones included
   * @param layerSteps the entries that made a layer
   * @param matchesLayers whether {@code layerSteps} equals the number of layers; when false, layers
   *     past the last such entry have no {@code historyStep}, and the matching may be wrong
   */
  public record HistoryInfo(int steps, int layerSteps, boolean matchesLayers) {
    /**
     * Checks the components.
     *
     * @param steps all history entries
     * @param layerSteps the entries that made a layer
     * @param matchesLayers whether {@code layerSteps} equals the number of layers
     */
    public HistoryInfo {
      if (steps < 0 || layerSteps < 0 || layerSteps > steps) {
        throw new IllegalArgumentException("bad history counts: " + layerSteps + " of " + steps);
      }
    }
  }

  /**
   * One layer.
   *
   * @param index the 0-based position, 0 for the base layer
   * @param number the 1-based position, as in "layer 2 of 5"
   * @param digest the full digest of the blob as stored (compressed)
   * @param diffId the full digest of the uncompressed tar stream ({@code rootfs.diff_ids})
   * @param mediaType the blob's media type
   * @param size the blob's size in bytes, as stored
   * @param createdBy the {@code created_by} of the history step that made the layer, empty when that
   *     step has none, null when no step matches
   * @param historyStep the 1-based number of that step among all history entries, or null
   */
  public record LayerInfo(int index, int number, String digest, String diffId, String mediaType, long size,
      @Nullable String createdBy, @Nullable Integer historyStep) {
    /**
     * Checks the components.
     *
     * @param index the 0-based position
     * @param number the 1-based position
     * @param digest the full blob digest
     * @param diffId the full diff_id
     * @param mediaType the blob's media type
     * @param size the blob's size in bytes
     * @param createdBy the step's {@code created_by}, or null
     * @param historyStep the 1-based step number, or null
     */
    public LayerInfo {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(diffId, "diffId");
      Objects.requireNonNull(mediaType, "mediaType");
      if (number != index + 1) {
        throw new IllegalArgumentException("layer number " + number + " is not index " + index + " + 1");
      }
    }
  }
}
