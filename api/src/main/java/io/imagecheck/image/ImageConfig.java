package io.imagecheck.image;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A parsed image configuration (OCI image config or Docker container image config): the runtime
 * defaults ({@code config}), the history of build steps and the layers' diff_ids.
 *
 * <p>Absent string fields are empty strings and absent lists are empty, as the specification's
 * "omitempty" encoding makes them indistinguishable from empty ones.
 *
 * <p>Instances are immutable and thread-safe. Build one with {@link #builder()}.
 *
 * @param os the operating system
 * @param architecture the CPU architecture
 * @param variant the CPU variant
 * @param osVersion the OS version
 * @param created when the image was created
 * @param author the image author; empty when absent
 * @param user the user the container runs as ({@code name}, {@code uid}, {@code uid:gid} ...); empty
 *     means the runtime default, which is root
 * @param env environment variables as {@code NAME=value}
 * @param entrypoint the entrypoint
 * @param cmd the default command
 * @param workingDir the working directory; empty when absent
 * @param labels labels (sorted by key)
 * @param exposedPorts exposed ports such as {@code 8080/tcp} (sorted)
 * @param volumes volume paths (sorted)
 * @param stopSignal the stop signal; empty when absent
 * @param healthcheck the health check, if any
 * @param onBuild {@code ONBUILD} triggers
 * @param shell the shell used for shell-form commands (Docker {@code SHELL})
 * @param history the build history, oldest first, including empty-layer steps
 * @param diffIds the diff_ids of the layers ({@code rootfs.diff_ids}), base layer first
 */
public record ImageConfig(
    String os,
    String architecture,
    Optional<String> variant,
    Optional<String> osVersion,
    Optional<Instant> created,
    String author,
    String user,
    List<String> env,
    List<String> entrypoint,
    List<String> cmd,
    String workingDir,
    Map<String, String> labels,
    List<String> exposedPorts,
    List<String> volumes,
    String stopSignal,
    Optional<Healthcheck> healthcheck,
    List<String> onBuild,
    List<String> shell,
    List<HistoryEntry> history,
    List<Digest> diffIds) {

  /**
   * Checks the components and copies collections.
   *
   * @param os the operating system
   * @param architecture the CPU architecture
   * @param variant the CPU variant
   * @param osVersion the OS version
   * @param created when the image was created
   * @param author the image author; empty when absent
   * @param user the user the container runs as ({@code name}, {@code uid}, {@code uid:gid} ...); empty means the runtime default, which is root
   * @param env environment variables as {@code NAME=value}
   * @param entrypoint the entrypoint
   * @param cmd the default command
   * @param workingDir the working directory; empty when absent
   * @param labels labels (sorted by key)
   * @param exposedPorts exposed ports such as {@code 8080/tcp} (sorted)
   * @param volumes volume paths (sorted)
   * @param stopSignal the stop signal; empty when absent
   * @param healthcheck the health check, if any
   * @param onBuild {@code ONBUILD} triggers
   * @param shell the shell used for shell-form commands (Docker {@code SHELL})
   * @param history the build history, oldest first, including empty-layer steps
   * @param diffIds the diff_ids of the layers ({@code rootfs.diff_ids}), base layer first
   */
  public ImageConfig {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(osVersion, "osVersion");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(stopSignal, "stopSignal");
    Objects.requireNonNull(healthcheck, "healthcheck");
    env = List.copyOf(env);
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    exposedPorts = List.copyOf(new TreeSet<>(exposedPorts));
    volumes = List.copyOf(new TreeSet<>(volumes));
    onBuild = List.copyOf(onBuild);
    shell = List.copyOf(shell);
    history = List.copyOf(history);
    diffIds = List.copyOf(diffIds);
  }

  /**
   * A builder with everything empty.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised from this config.
   *
   * @return a new builder with this config's values
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.os = os;
    b.architecture = architecture;
    b.variant = variant.orElse(null);
    b.osVersion = osVersion.orElse(null);
    b.created = created.orElse(null);
    b.author = author;
    b.user = user;
    b.env = new ArrayList<>(env);
    b.entrypoint = new ArrayList<>(entrypoint);
    b.cmd = new ArrayList<>(cmd);
    b.workingDir = workingDir;
    b.labels = new LinkedHashMap<>(labels);
    b.exposedPorts = new ArrayList<>(exposedPorts);
    b.volumes = new ArrayList<>(volumes);
    b.stopSignal = stopSignal;
    b.healthcheck = healthcheck.orElse(null);
    b.onBuild = new ArrayList<>(onBuild);
    b.shell = new ArrayList<>(shell);
    b.history = new ArrayList<>(history);
    b.diffIds = new ArrayList<>(diffIds);
    return b;
  }

  /**
   * The platform this config declares.
   *
   * @return the platform, or empty when os or architecture is missing
   */
  public Optional<Platform> platform() {
    if (os.isBlank() || architecture.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Platform(os, architecture, variant, osVersion, List.of()));
  }

  /**
   * The value of an environment variable (the last definition wins, as at run time).
   *
   * @param name the variable name
   * @return its value, if defined
   */
  public Optional<String> env(String name) {
    String found = null;
    for (String e : env) {
      int eq = e.indexOf('=');
      String key = eq < 0 ? e : e.substring(0, eq);
      if (key.equals(name)) {
        found = eq < 0 ? "" : e.substring(eq + 1);
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The environment as a map (the last definition of a name wins), in definition order.
   *
   * @return name to value
   */
  public Map<String, String> envMap() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String e : env) {
      int eq = e.indexOf('=');
      m.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * The history entries that produced layers, oldest first.
   *
   * @return history entries whose {@code empty_layer} flag is not set
   */
  public List<HistoryEntry> layerHistory() {
    return history.stream().filter(h -> !h.emptyLayer()).toList();
  }

  /** A mutable builder for {@link ImageConfig}; not thread-safe. */
  public static final class Builder {
    private String os = "";
    private String architecture = "";
    private @Nullable String variant;
    private @Nullable String osVersion;
    private @Nullable Instant created;
    private String author = "";
    private String user = "";
    private List<String> env = new ArrayList<>();
    private List<String> entrypoint = new ArrayList<>();
    private List<String> cmd = new ArrayList<>();
    private String workingDir = "";
    private Map<String, String> labels = new LinkedHashMap<>();
    private List<String> exposedPorts = new ArrayList<>();
    private List<String> volumes = new ArrayList<>();
    private String stopSignal = "";
    private @Nullable Healthcheck healthcheck;
    private List<String> onBuild = new ArrayList<>();
    private List<String> shell = new ArrayList<>();
    private List<HistoryEntry> history = new ArrayList<>();
    private List<Digest> diffIds = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the operating system.
     *
     * @param value e.g. {@code linux}
     * @return this builder
     */
    public Builder os(String value) {
      os = Objects.requireNonNull(value, "os");
      return this;
    }

    /**
     * Sets the architecture.
     *
     * @param value e.g. {@code amd64}
     * @return this builder
     */
    public Builder architecture(String value) {
      architecture = Objects.requireNonNull(value, "architecture");
      return this;
    }

    /**
     * Sets the variant.
     *
     * @param value e.g. {@code v8}, or null for none
     * @return this builder
     */
    public Builder variant(@Nullable String value) {
      variant = value;
      return this;
    }

    /**
     * Sets the OS version.
     *
     * @param value the OS version, or null for none
     * @return this builder
     */
    public Builder osVersion(@Nullable String value) {
      osVersion = value;
      return this;
    }

    /**
     * Sets the creation time.
     *
     * @param value the time, or null for none
     * @return this builder
     */
    public Builder created(@Nullable Instant value) {
      created = value;
      return this;
    }

    /**
     * Sets the author.
     *
     * @param value the author
     * @return this builder
     */
    public Builder author(String value) {
      author = Objects.requireNonNull(value, "author");
      return this;
    }

    /**
     * Sets the user.
     *
     * @param value e.g. {@code 65532:65532}
     * @return this builder
     */
    public Builder user(String value) {
      user = Objects.requireNonNull(value, "user");
      return this;
    }

    /**
     * Replaces the environment.
     *
     * @param values {@code NAME=value} entries
     * @return this builder
     */
    public Builder env(List<String> values) {
      env = new ArrayList<>(values);
      return this;
    }

    /**
     * Adds an environment variable.
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder addEnv(String name, String value) {
      env.add(name + "=" + value);
      return this;
    }

    /**
     * Sets the entrypoint.
     *
     * @param values the entrypoint
     * @return this builder
     */
    public Builder entrypoint(List<String> values) {
      entrypoint = new ArrayList<>(values);
      return this;
    }

    /**
     * Sets the command.
     *
     * @param values the command
     * @return this builder
     */
    public Builder cmd(List<String> values) {
      cmd = new ArrayList<>(values);
      return this;
    }

    /**
     * Sets the working directory.
     *
     * @param value the directory
     * @return this builder
     */
    public Builder workingDir(String value) {
      workingDir = Objects.requireNonNull(value, "workingDir");
      return this;
    }

    /**
     * Replaces the labels.
     *
     * @param values the labels
     * @return this builder
     */
    public Builder labels(Map<String, String> values) {
      labels = new LinkedHashMap<>(values);
      return this;
    }

    /**
     * Adds a label.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /**
     * Replaces the exposed ports.
     *
     * @param values e.g. {@code 8080/tcp}
     * @return this builder
     */
    public Builder exposedPorts(List<String> values) {
      exposedPorts = new ArrayList<>(values);
      return this;
    }

    /**
     * Replaces the volumes.
     *
     * @param values volume paths
     * @return this builder
     */
    public Builder volumes(List<String> values) {
      volumes = new ArrayList<>(values);
      return this;
    }

    /**
     * Sets the stop signal.
     *
     * @param value e.g. {@code SIGTERM}
     * @return this builder
     */
    public Builder stopSignal(String value) {
      stopSignal = Objects.requireNonNull(value, "stopSignal");
      return this;
    }

    /**
     * Sets the health check.
     *
     * @param value the health check, or null for none
     * @return this builder
     */
    public Builder healthcheck(@Nullable Healthcheck value) {
      healthcheck = value;
      return this;
    }

    /**
     * Replaces the {@code ONBUILD} triggers.
     *
     * @param values the triggers
     * @return this builder
     */
    public Builder onBuild(List<String> values) {
      onBuild = new ArrayList<>(values);
      return this;
    }

    /**
     * Sets the shell for shell-form commands.
     *
     * @param values e.g. {@code ["/bin/sh", "-c"]}
     * @return this builder
     */
    public Builder shell(List<String> values) {
      shell = new ArrayList<>(values);
      return this;
    }

    /**
     * Replaces the history.
     *
     * @param values the history, oldest first
     * @return this builder
     */
    public Builder history(List<HistoryEntry> values) {
      history = new ArrayList<>(values);
      return this;
    }

    /**
     * Replaces the diff_ids.
     *
     * @param values the diff_ids, base layer first
     * @return this builder
     */
    public Builder diffIds(List<Digest> values) {
      diffIds = new ArrayList<>(values);
      return this;
    }

    /**
     * Builds the config.
     *
     * @return the config
     */
    public ImageConfig build() {
      return new ImageConfig(os, architecture, Optional.ofNullable(variant), Optional.ofNullable(osVersion),
          Optional.ofNullable(created), author, user, env, entrypoint, cmd, workingDir, labels, exposedPorts,
          volumes, stopSignal, Optional.ofNullable(healthcheck), onBuild, shell, history, diffIds);
    }
  }
}
