package io.imagecheck.source;

import java.util.Objects;

/**
 * A read limit of {@link ReadLimits} was passed. The message names the limit, its value and the
 * option that raises it.
 *
 * <p>Immutable after construction, and so thread-safe.
 */
public class LimitExceededException extends ImageSourceException {
  private static final long serialVersionUID = 1L;

  /** The limit (serialized with the exception). */
  private final String limit;
  /** The value (serialized with the exception). */
  private final long value;

  /**
   * Creates an exception.
   *
   * @param source the source
   * @param what what passed the limit, e.g. {@code manifest sha256:ab12...}
   * @param limit the limit's name as {@link ReadLimits} and the CLI's {@code --limit} option call it
   * @param value the limit's value
   */
  public LimitExceededException(String source, String what, String limit, long value) {
    super(source, what + " exceeds the limit " + limit + "=" + value
        + " (raise it with ReadLimits or --limit " + limit + "=N)");
    this.limit = Objects.requireNonNull(limit, "limit");
    this.value = value;
  }

  /**
   * The name of the limit.
   *
   * @return e.g. {@code manifest-bytes}
   */
  public String limit() {
    return limit;
  }

  /**
   * The value of the limit that was passed.
   *
   * @return the limit
   */
  public long value() {
    return value;
  }
}
