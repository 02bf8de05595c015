package io.imagecheck.sources.registry.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The HTTP Basic scheme (RFC 7617) for registries that challenge with {@code Basic} (htpasswd).
 *
 * <p>Thread-safe (stateless).
 */
public final class BasicAuthenticator {

  private BasicAuthenticator() {}

  /**
   * The {@code Authorization} header value for some credentials.
   *
   * @param credentials user name and password (an identity token cannot be used with Basic)
   * @return {@code Basic base64(user:password)}
   * @throws IllegalArgumentException when the credentials hold an identity token
   */
  public static String authorization(Credentials credentials) {
    if (credentials.isIdentityToken()) {
      throw new IllegalArgumentException("an identity token cannot be sent with the Basic scheme");
    }
    String pair = credentials.username() + ":" + credentials.secret();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Describes what this authenticator does, for error messages.
   *
   * @param registry the registry host
   * @return e.g. {@code authenticate to localhost:5001 with Basic credentials}
   */
  public static String describeAction(String registry) {
    return "authenticate to " + registry + " with Basic credentials";
  }
}
