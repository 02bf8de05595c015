package io.imagecheck.lab;

import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import io.imagecheck.image.Platform;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parts of a lab image's config blob that tests assert, as the building tool wrote them.
 *
 * @param digest the config blob's digest (from the manifest)
 * @param mediaType the config media type (from the manifest)
 * @param size the config blob's size in bytes
 * @param platform the config's {@code os}, {@code architecture} and {@code variant}
 * @param user {@code config.User}, empty when unset
 * @param entrypoint {@code config.Entrypoint}, empty when unset
 * @param cmd {@code config.Cmd}, empty when unset
 * @param env {@code config.Env}, empty when unset
 * @param workingDir {@code config.WorkingDir}, empty when unset
 * @param labels {@code config.Labels}, sorted by name
 * @param diffIds {@code rootfs.diff_ids}, bottom layer first
 * @param historyCount the number of {@code history} entries
 * @param emptyLayerHistoryCount the number of {@code history} entries with {@code empty_layer: true}
 * @param historyCreatedBy each history entry's {@code created_by}, empty string when absent
 */
public record LabConfigFacts(
    Digest digest,
    MediaType mediaType,
    long size,
    Platform platform,
    String user,
    List<String> entrypoint,
    List<String> cmd,
    List<String> env,
    String workingDir,
    Map<String, String> labels,
    List<Digest> diffIds,
    int historyCount,
    int emptyLayerHistoryCount,
    List<String> historyCreatedBy) {

  /**
   * Checks the components and copies the collections.
   *
   * @param digest the config blob's digest
   * @param mediaType the config media type
   * @param size the config blob's size in bytes
   * @param platform the config's platform
   * @param user {@code config.User}
   * @param entrypoint {@code config.Entrypoint}
   * @param cmd {@code config.Cmd}
   * @param env {@code config.Env}
   * @param workingDir {@code config.WorkingDir}
   * @param labels {@code config.Labels}
   * @param diffIds {@code rootfs.diff_ids}
   * @param historyCount the number of history entries
   * @param emptyLayerHistoryCount the number of empty-layer history entries
   * @param historyCreatedBy each history entry's {@code created_by}
   */
  public LabConfigFacts {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workingDir, "workingDir");
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    env = List.copyOf(env);
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    diffIds = List.copyOf(diffIds);
    historyCreatedBy = List.copyOf(historyCreatedBy);
    if (size < 0 || historyCount < 0 || emptyLayerHistoryCount < 0 || emptyLayerHistoryCount > historyCount) {
      throw new IllegalArgumentException("inconsistent counts in config facts of " + digest);
    }
  }
}
