package io.imagecheck.source;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The registry refused the request for lack of (valid) credentials: HTTP 401 or 403.
 *
 * <p>Immutable after construction, and so thread-safe.
 */
public class RegistryUnauthorizedException extends RegistryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param registry the registry host
   * @param repository the repository
   * @param operation what was attempted
   * @param status 401 or 403
   * @param errorCodes the registry's error codes
   * @param detail what went wrong (never the credentials)
   * @param cause the underlying failure, if any
   */
  public RegistryUnauthorizedException(String registry, String repository, String operation, int status,
      List<String> errorCodes, String detail, @Nullable Throwable cause) {
    super(registry, repository, operation, status, errorCodes, detail, cause);
  }
}
