package io.imagecheck.testing.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The three registry setups over one storage directory: open HTTP (for pushing with skopeo),
 * htpasswd Basic auth over TLS ({@code testuser}/{@code testpass}), and Bearer tokens from a
 * {@link TokenIssuer} ({@code tokuser}/{@code tokpass}). Close to stop all three by PID.
 */
public final class ThreeRegistries implements AutoCloseable {

  /** The setups. */
  public enum Setup {
    /** Open HTTP, no authentication. */
    PLAIN,
    /** htpasswd Basic authentication over TLS with a self-signed CA. */
    HTPASSWD_TLS,
    /** Bearer token authentication. */
    TOKEN
  }

  private final RegistryProcess plain;
  private final RegistryProcess tls;
  private final RegistryProcess token;
  private final TokenIssuer issuer;

  private ThreeRegistries(RegistryProcess plain, RegistryProcess tls, RegistryProcess token, TokenIssuer issuer) {
    this.plain = plain;
    this.tls = tls;
    this.token = token;
    this.issuer = issuer;
  }

  /** Pushes images into the open registry before the others start. */
  @FunctionalInterface
  public interface Pusher {
    /**
     * Pushes.
     *
     * @param plainHost the open registry's host and port
     * @throws IOException when a push fails
     */
    void push(String plainHost) throws IOException;
  }

  /**
   * Starts the open registry, runs the pusher, then starts the other two on the same storage.
   *
   * @param dir a working directory
   * @param pusher what to push
   * @return the running registries
   * @throws IOException when one does not start or a push fails
   */
  public static ThreeRegistries start(Path dir, Pusher pusher) throws IOException {
    Path storage = dir.resolve("storage");
    RegistryProcess plain = RegistryProcess.plain(storage, dir.resolve("plain"));
    try {
      pusher.push(plain.host());
      RegistryProcess tls = RegistryProcess.htpasswdTls(storage, dir.resolve("tls"), "testuser", "testpass");
      TokenIssuer issuer = TokenIssuer.start(Files.createDirectories(dir.resolve("issuer")), "tokuser", "tokpass");
      RegistryProcess token = RegistryProcess.token(storage, dir.resolve("token"), issuer);
      return new ThreeRegistries(plain, tls, token, issuer);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /**
   * One registry.
   *
   * @param setup the setup
   * @return its process
   */
  public RegistryProcess registry(Setup setup) {
    return switch (setup) {
      case PLAIN -> plain;
      case HTPASSWD_TLS -> tls;
      case TOKEN -> token;
    };
  }

  /** @return the token issuer */
  public TokenIssuer issuer() {
    return issuer;
  }

  @Override
  public void close() {
    token.close();
    issuer.close();
    tls.close();
    plain.close();
  }
}
