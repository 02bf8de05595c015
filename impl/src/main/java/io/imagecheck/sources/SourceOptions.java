package io.imagecheck.sources;

import io.imagecheck.image.Platform;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.sources.registry.RegistryClient;
import io.imagecheck.sources.registry.RegistryOptions;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to open a source: which platform to pick from an index, the read limits, and for
 * {@code docker://} sources the {@link RegistryOptions} (or a shared {@link RegistryClient}). Safe by
 * default: every digest is verified, the limits are finite, TLS is verified.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
public final class SourceOptions {

  private static final SourceOptions DEFAULTS = builder().build();

  private final @Nullable Platform platform;
  private final ReadLimits limits;
  private final RegistryOptions registry;
  private final @Nullable RegistryClient registryClient;

  private SourceOptions(Builder b) {
    this.platform = b.platform;
    this.limits = b.limits;
    this.registry = b.registry;
    this.registryClient = b.registryClient;
  }

  /**
   * The defaults: host platform (then the only one), default limits.
   *
   * @return the default options
   */
  public static SourceOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.platform = platform;
    b.limits = limits;
    b.registry = registry;
    b.registryClient = registryClient;
    return b;
  }

  /**
   * The platform to select from an index; empty for the default rules (the host's, then the only one).
   *
   * @return the requested platform
   */
  public Optional<Platform> platform() {
    return Optional.ofNullable(platform);
  }

  /**
   * The read limits.
   *
   * @return the limits
   */
  public ReadLimits limits() {
    return limits;
  }

  /**
   * How to reach registries, for {@code docker://} sources opened without a shared client.
   *
   * @return the registry options
   */
  public RegistryOptions registry() {
    return registry;
  }

  /**
   * The shared registry client to use (its options win over {@link #registry()}); when absent, each
   * registry source creates its own client and closes it with the source.
   *
   * @return the client, if set
   */
  public Optional<RegistryClient> registryClient() {
    return Optional.ofNullable(registryClient);
  }

  /** A mutable builder for {@link SourceOptions}; not thread-safe. */
  public static final class Builder {
    private @Nullable Platform platform;
    private ReadLimits limits = ReadLimits.defaults();
    private RegistryOptions registry = RegistryOptions.defaults();
    private @Nullable RegistryClient registryClient;

    private Builder() {}

    /**
     * Sets the platform to select.
     *
     * @param value the platform, or null for the default rules
     * @return this builder
     */
    public Builder platform(@Nullable Platform value) {
      platform = value;
      return this;
    }

    /**
     * Sets the read limits.
     *
     * @param value the limits
     * @return this builder
     */
    public Builder limits(ReadLimits value) {
      limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * Sets how to reach registries.
     *
     * @param value the registry options
     * @return this builder
     */
    public Builder registry(RegistryOptions value) {
      registry = Objects.requireNonNull(value, "registry");
      return this;
    }

    /**
     * Sets a shared registry client (connections and tokens reused across sources; not closed with them).
     *
     * @param value the client, or null to create one per source
     * @return this builder
     */
    public Builder registryClient(@Nullable RegistryClient value) {
      registryClient = value;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public SourceOptions build() {
      return new SourceOptions(this);
    }
  }
}
