package io.imagecheck.sources;

import io.imagecheck.image.Platform;
import io.imagecheck.source.ReadLimits;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to open a source: which platform to pick from an index and the read limits. Safe by default:
 * every digest is verified, and the limits are finite.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 */
public final class SourceOptions {

  private static final SourceOptions DEFAULTS = builder().build();

  private final @Nullable Platform platform;
  private final ReadLimits limits;

  private SourceOptions(Builder b) {
    this.platform = b.platform;
    this.limits = b.limits;
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

  /** A mutable builder for {@link SourceOptions}; not thread-safe. */
  public static final class Builder {
    private @Nullable Platform platform;
    private ReadLimits limits = ReadLimits.defaults();

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
     * Builds the options.
     *
     * @return the options
     */
    public SourceOptions build() {
      return new SourceOptions(this);
    }
  }
}
