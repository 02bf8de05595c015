package io.imagecheck.sources.registry.auth;

import java.util.Objects;

/**
 * A user name and secret for one registry. The secret is a password, or an identity token (an OAuth2
 * refresh token, which Docker stores with the user name {@code <token>}).
 *
 * <p>{@link #toString()} never shows the secret. Instances are immutable and thread-safe.
 *
 * @param username the user name ({@value #IDENTITY_TOKEN_USER} for an identity token)
 * @param secret the password or identity token
 */
public record Credentials(String username, String secret) {

  /** The user name Docker's credential helpers use to mark an identity token. */
  public static final String IDENTITY_TOKEN_USER = "<token>";

  /**
   * Checks the components.
   *
   * @param username the user name ({@value #IDENTITY_TOKEN_USER} for an identity token)
   * @param secret the password or identity token
   */
  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secret, "secret");
    if (username.indexOf(':') >= 0 && !username.equals(IDENTITY_TOKEN_USER)) {
      throw new IllegalArgumentException("a registry user name cannot contain ':'");
    }
    for (int i = 0; i < username.length(); i++) {
      if (username.charAt(i) < 0x20 || username.charAt(i) == 0x7f) {
        throw new IllegalArgumentException("a registry user name cannot contain control characters");
      }
    }
  }

  /**
   * Parses skopeo's {@code --creds USER[:PASSWORD]} form.
   *
   * @param userColonPassword e.g. {@code alice:s3cret}
   * @return the credentials
   * @throws IllegalArgumentException when the user name is empty
   */
  public static Credentials parse(String userColonPassword) {
    Objects.requireNonNull(userColonPassword, "userColonPassword");
    int colon = userColonPassword.indexOf(':');
    String user = colon < 0 ? userColonPassword : userColonPassword.substring(0, colon);
    String pass = colon < 0 ? "" : userColonPassword.substring(colon + 1);
    if (user.isEmpty()) {
      throw new IllegalArgumentException("credentials must be USER[:PASSWORD] with a non-empty user name");
    }
    return new Credentials(user, pass);
  }

  /**
   * Credentials holding an identity token (OAuth2 refresh token) instead of a password.
   *
   * @param token the identity token
   * @return the credentials
   */
  public static Credentials identityToken(String token) {
    return new Credentials(IDENTITY_TOKEN_USER, token);
  }

  /**
   * Tells whether the secret is an identity token.
   *
   * @return true when the user name is {@value #IDENTITY_TOKEN_USER}
   */
  public boolean isIdentityToken() {
    return username.equals(IDENTITY_TOKEN_USER);
  }

  /**
   * The user name with the secret masked.
   *
   * @return e.g. {@code Credentials[alice:***]}
   */
  @Override
  public String toString() {
    return "Credentials[" + username + ":***]";
  }
}
