package io.imagecheck.inspectors.packages;

import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A package database is malformed: truncated, inconsistent, or not the format it claims to be. The
 * message names the database path inside the image and the problem.
 *
 * <p>Immutable after construction, and so thread-safe.
 */
public class PackageDatabaseException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The database path inside the image (serialized with the exception). */
  private final String path;

  /**
   * Creates an exception.
   *
   * @param path the database path inside the image, e.g. {@code /var/lib/rpm/rpmdb.sqlite}
   * @param problem what is wrong
   */
  public PackageDatabaseException(String path, String problem) {
    this(path, problem, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param path the database path inside the image
   * @param problem what is wrong
   * @param cause the underlying failure
   */
  public PackageDatabaseException(String path, String problem, @Nullable Throwable cause) {
    super(path + ": " + problem, cause);
    this.path = Objects.requireNonNull(path, "path");
  }

  /**
   * The database path inside the image.
   *
   * @return e.g. {@code /var/lib/dpkg/status}
   */
  public String path() {
    return path;
  }
}
