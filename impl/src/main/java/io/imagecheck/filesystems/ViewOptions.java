package io.imagecheck.filesystems;

import io.imagecheck.source.ReadLimits;
import java.util.Objects;

/**
 * How to build a view: the read limits and how many layers to read at once.
 *
 * <p>Immutable and thread-safe.
 *
 * @param limits the read limits (entries, bytes, path length, symlink hops, captured bytes)
 * @param parallelism how many layers are read concurrently (at least 1)
 */
public record ViewOptions(ReadLimits limits, int parallelism) {

  /**
   * Checks the components and copies collections.
   *
   * @param limits the read limits
   * @param parallelism layers read at once
   * @throws IllegalArgumentException when parallelism is below 1
   */
  public ViewOptions {
    Objects.requireNonNull(limits, "limits");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
  }

  /**
   * Default limits, and as many layers at once as there are processors (at most 8): decoding a layer is
   * single-threaded, so layers are the unit of parallelism.
   *
   * @return the defaults
   */
  public static ViewOptions defaults() {
    return new ViewOptions(ReadLimits.defaults(), Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors())));
  }

  /**
   * The same options with other limits.
   *
   * @param newLimits the limits
   * @return the new options
   */
  public ViewOptions withLimits(ReadLimits newLimits) {
    return new ViewOptions(newLimits, parallelism);
  }
}
