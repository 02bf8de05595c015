package io.imagecheck.source;

import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image could not be read: the base of every checked exception this library throws for its
 * input. The message starts with the source ({@code oci:build/image: ...}) and says what was wrong.
 *
 * <p>Immutable after construction, and so thread-safe.
 */
public class ImageSourceException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The source (serialized with the exception). */
  private final String source;
  /** The problem (serialized with the exception). */
  private final String problem;

  /**
   * Creates an exception.
   *
   * @param source the source, e.g. {@code docker-archive:app.tar}
   * @param problem what was wrong, without the source
   */
  public ImageSourceException(String source, String problem) {
    this(source, problem, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param source the source, e.g. {@code docker-archive:app.tar}
   * @param problem what was wrong, without the source
   * @param cause the underlying failure, kept for {@code --debug}
   */
  public ImageSourceException(String source, String problem, @Nullable Throwable cause) {
    super(source.isEmpty() ? problem : source + ": " + problem, cause);
    this.source = Objects.requireNonNull(source, "source");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /**
   * The source the problem was found in.
   *
   * @return e.g. {@code oci:build/image}
   */
  public String source() {
    return source;
  }

  /**
   * The problem, without the source prefix.
   *
   * @return the problem description
   */
  public String problem() {
    return problem;
  }
}
