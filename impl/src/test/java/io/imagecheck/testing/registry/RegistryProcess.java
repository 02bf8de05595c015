package io.imagecheck.testing.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real {@code docker-registry serve CONFIG} (Debian's distribution 2.8) on 127.0.0.1 and a free port,
 * in one of three setups: open HTTP, htpasswd Basic auth over TLS with a self-signed CA (SAN
 * localhost/127.0.0.1), or Bearer token auth with a {@link TokenIssuer}. Several processes may serve
 * the same storage directory. Stopped by PID on {@link #close()}.
 */
public final class RegistryProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final String host;
  private final Path log;
  private final Path certDir;

  private RegistryProcess(Process process, int port, String host, Path log, Path certDir) {
    this.process = process;
    this.port = port;
    this.host = host;
    this.log = log;
    this.certDir = certDir;
  }

  /**
   * Starts an open HTTP registry.
   *
   * @param storage the storage root
   * @param dir a directory for the config and log
   * @return the running registry
   * @throws IOException when it does not come up
   */
  public static RegistryProcess plain(Path storage, Path dir) throws IOException {
    int port = freePort();
    return start(dir, "plain", config(storage, port, ""), port, "127.0.0.1:" + port, dir);
  }

  /**
   * Starts a registry with htpasswd (bcrypt, made by {@code htpasswd -Bbn}) over TLS with a
   * self-signed certificate made by {@code openssl req -x509}; the CA is at
   * {@code certDir()/localhost:PORT/ca.crt}.
   *
   * @param storage the storage root
   * @param dir a directory for config, certificates and log
   * @param user the user
   * @param password the password
   * @return the running registry, reached as {@code localhost:PORT}
   * @throws IOException when it does not come up
   */
  public static RegistryProcess htpasswdTls(Path storage, Path dir, String user, String password) throws IOException {
    int port = freePort();
    Files.createDirectories(dir);
    Path htpasswd = dir.resolve("htpasswd");
    Files.writeString(htpasswd, Commands.run(Duration.ofSeconds(60), "htpasswd", "-Bbn", user, password),
        StandardCharsets.UTF_8);
    Path key = dir.resolve("tls.key");
    Path crt = dir.resolve("tls.crt");
    Commands.run(Duration.ofSeconds(60), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
        key.toString(), "-out", crt.toString(), "-days", "2", "-subj", "/CN=localhost", "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1");
    Path certs = dir.resolve("certs.d");
    Files.createDirectories(certs.resolve("localhost:" + port));
    Files.copy(crt, certs.resolve("localhost:" + port).resolve("ca.crt"));
    String extra = "  tls:\n    certificate: " + crt + "\n    key: " + key + "\n"
        + "auth:\n  htpasswd:\n    realm: imagecheck-realm\n    path: " + htpasswd + "\n";
    return start(dir, "htpasswd-tls", config(storage, port, extra), port, "localhost:" + port, certs);
  }

  /**
   * Starts a registry with token auth.
   *
   * @param storage the storage root
   * @param dir a directory for config and log
   * @param issuer the token issuer
   * @return the running registry (plain HTTP)
   * @throws IOException when it does not come up
   */
  public static RegistryProcess token(Path storage, Path dir, TokenIssuer issuer) throws IOException {
    int port = freePort();
    String extra = "auth:\n  token:\n    realm: " + issuer.realm() + "\n    service: " + TokenIssuer.SERVICE
        + "\n    issuer: " + TokenIssuer.ISSUER + "\n    rootcertbundle: " + issuer.certificate() + "\n";
    return start(dir, "token", config(storage, port, extra), port, "127.0.0.1:" + port, dir);
  }

  private static String config(Path storage, int port, String extra) {
    return "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: " + storage
        + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n" + extra;
  }

  private static RegistryProcess start(Path dir, String name, String config, int port, String host, Path certDir)
      throws IOException {
    Commands.assumeInstalled("docker-registry");
    Files.createDirectories(dir);
    Path cfg = dir.resolve("config-" + name + ".yml");
    Files.writeString(cfg, config, StandardCharsets.UTF_8);
    Path log = dir.resolve("registry-" + name + ".log");
    Process p = new ProcessBuilder("docker-registry", "serve", cfg.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RegistryProcess r = new RegistryProcess(p, port, host, log, certDir);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("docker-registry exited with " + p.exitValue() + ": "
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return r;
      } catch (IOException e) {
        sleep(50);
      }
    }
    r.close();
    throw new IOException("docker-registry did not listen on " + port + " within 20 s: "
        + Files.readString(log, StandardCharsets.UTF_8));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Picks a free TCP port on 127.0.0.1.
   *
   * @return the port
   * @throws IOException when none can be had
   */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** @return the port */
  public int port() {
    return port;
  }

  /** @return the host and port to use in references ({@code localhost:PORT} for TLS, else {@code 127.0.0.1:PORT}) */
  public String host() {
    return host;
  }

  /** @return the certificate directory (with {@code localhost:PORT/ca.crt} for the TLS setup) */
  public Path certDir() {
    return certDir;
  }

  /** @return the registry's log file */
  public Path log() {
    return log;
  }

  /** @return the process id */
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
