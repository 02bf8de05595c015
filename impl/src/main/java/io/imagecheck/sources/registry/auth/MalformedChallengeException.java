package io.imagecheck.sources.registry.auth;

import io.imagecheck.source.ImageFormatException;

/** A registry sent a {@code WWW-Authenticate} header that does not follow RFC 7235. */
public class MalformedChallengeException extends ImageFormatException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param source the registry, e.g. {@code docker://localhost:5000/lab/busybox}
   * @param problem what is wrong with the header
   */
  public MalformedChallengeException(String source, String problem) {
    super(source, problem);
  }
}
