package io.imagecheck.source;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A registry request failed. Carries the registry, repository, operation, HTTP status and the
 * registry's error codes ({@code MANIFEST_UNKNOWN}, {@code DENIED}, {@code UNAUTHORIZED}, ...).
 * Never carries credentials or tokens.
 *
 * <p>Immutable after construction, and so thread-safe.
 */
public class RegistryException extends ImageSourceException {
  private static final long serialVersionUID = 1L;

  /** The registry (serialized with the exception). */
  private final String registry;
  /** The repository (serialized with the exception). */
  private final String repository;
  /** The operation (serialized with the exception). */
  private final String operation;
  /** The status (serialized with the exception). */
  private final int status;
  /** The errorCodes (serialized with the exception). */
  private final List<String> errorCodes;

  /**
   * Creates an exception.
   *
   * @param registry the registry host, e.g. {@code localhost:5000}
   * @param repository the repository, e.g. {@code lab/busybox}
   * @param operation what was attempted, e.g. {@code pull manifest latest}
   * @param status the HTTP status, or 0 when no response was received
   * @param errorCodes the error codes from the response body
   * @param detail what went wrong
   * @param cause the underlying failure, if any
   */
  public RegistryException(String registry, String repository, String operation, int status,
      List<String> errorCodes, String detail, @Nullable Throwable cause) {
    super("docker://" + registry + "/" + repository,
        operation + ": " + detail + (status > 0 ? " (HTTP " + status + ")" : "")
            + (errorCodes.isEmpty() ? "" : " " + errorCodes),
        cause);
    this.registry = Objects.requireNonNull(registry, "registry");
    this.repository = Objects.requireNonNull(repository, "repository");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.status = status;
    this.errorCodes = List.copyOf(errorCodes);
  }

  /**
   * The registry host.
   *
   * @return e.g. {@code localhost:5000}
   */
  public String registry() {
    return registry;
  }

  /**
   * The repository.
   *
   * @return e.g. {@code lab/busybox}
   */
  public String repository() {
    return repository;
  }

  /**
   * What was attempted.
   *
   * @return e.g. {@code pull manifest latest}
   */
  public String operation() {
    return operation;
  }

  /**
   * The HTTP status.
   *
   * @return the status, or 0 when there was no response
   */
  public int status() {
    return status;
  }

  /**
   * The registry's error codes.
   *
   * @return e.g. {@code [MANIFEST_UNKNOWN]}
   */
  public List<String> errorCodes() {
    return errorCodes;
  }

  /**
   * Tells whether retrying may succeed (HTTP 429, 5xx, or no response).
   *
   * @return true for temporary failures
   */
  public boolean temporary() {
    return status == 0 || status == 429 || status >= 500;
  }
}
