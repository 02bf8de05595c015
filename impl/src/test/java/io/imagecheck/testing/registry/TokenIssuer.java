package io.imagecheck.testing.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The project's own registry token issuer for tests (the distribution "token" auth): {@code GET /token?
 * service=..&scope=repository:NAME:pull} with Basic credentials answers an RS256 JWT whose {@code x5c}
 * header holds a self-signed certificate made with {@code openssl req -x509}; the registry trusts that
 * certificate through {@code rootcertbundle}. Anonymous requests get a token with no access, wrong
 * credentials a 401, as Docker Hub does.
 */
public final class TokenIssuer implements AutoCloseable {

  /** The issuer name the registry config must name. */
  public static final String ISSUER = "imagecheck-test-issuer";
  /** The service name the registry config must name. */
  public static final String SERVICE = "imagecheck-test-registry";

  private final HttpServer server;
  private final PrivateKey key;
  private final byte[] certDer;
  private final Path certPem;
  private final String user;
  private final String password;
  private volatile String refreshToken = "";
  private final AtomicInteger issued = new AtomicInteger();
  private final List<String> scopes = new CopyOnWriteArrayList<>();
  private final List<Boolean> authorization = new CopyOnWriteArrayList<>();
  private volatile long expiresIn = 300;

  private TokenIssuer(Path dir, String user, String password) throws IOException {
    this.user = user;
    this.password = password;
    Path keyPem = dir.resolve("token.key");
    certPem = dir.resolve("token.crt");
    Commands.run(Duration.ofSeconds(60), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
        keyPem.toString(), "-out", certPem.toString(), "-days", "2", "-subj", "/CN=" + ISSUER);
    try {
      String pem = Files.readString(keyPem, StandardCharsets.US_ASCII);
      if (!pem.contains("BEGIN PRIVATE KEY")) {
        throw new IOException("openssl did not write a PKCS#8 key");
      }
      String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
      try (InputStream in = Files.newInputStream(certPem)) {
        certDer = ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).getEncoded();
      }
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/token", this::handle);
    server.start();
  }

  /**
   * Starts an issuer.
   *
   * @param dir a directory for the key and certificate
   * @param user the accepted user
   * @param password the accepted password
   * @return the running issuer; close it to stop
   * @throws IOException when openssl or the server fails
   */
  public static TokenIssuer start(Path dir, String user, String password) throws IOException {
    return new TokenIssuer(dir, user, password);
  }

  /** @return the realm URL for the registry config */
  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** @return the certificate the registry must trust ({@code rootcertbundle}) */
  public Path certificate() {
    return certPem;
  }

  /**
   * Accepts an identity token (OAuth2 refresh token) in the {@code refresh_token} grant.
   *
   * @param token the accepted refresh token
   */
  public void acceptRefreshToken(String token) {
    refreshToken = token;
  }

  /** @return how many tokens were issued */
  public int issued() {
    return issued.get();
  }

  /** @return the scopes asked for, in order */
  public List<String> scopes() {
    return new ArrayList<>(scopes);
  }

  /** @return for each request received, whether it carried an {@code Authorization} header (never its value) */
  public List<Boolean> authorization() {
    return List.copyOf(authorization);
  }

  /**
   * Sets the lifetime of the next tokens.
   *
   * @param seconds the {@code expires_in} value
   */
  public void expiresIn(long seconds) {
    expiresIn = seconds;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      authorization.add(ex.getRequestHeaders().containsKey("Authorization"));
      String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
      boolean post = ex.getRequestMethod().equals("POST");
      if (post) {
        // OAuth2 refresh_token grant (identity tokens): the parameters are in the form body
        query = new String(ex.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
      }
      String service = "";
      List<String> wanted = new ArrayList<>();
      String refresh = "";
      for (String kv : query.split("&")) {
        int eq = kv.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String k = kv.substring(0, eq);
        String v = URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
        if (k.equals("service")) {
          service = v;
        } else if (k.equals("scope")) {
          wanted.add(v);
        } else if (k.equals("refresh_token")) {
          refresh = v;
        }
      }
      boolean authed = false;
      if (post) {
        if (refreshToken.isEmpty() || !refreshToken.equals(refresh)) {
          ex.sendResponseHeaders(401, -1);
          return;
        }
        authed = true;
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth != null && auth.startsWith("Basic ")) {
        String pair = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
        if (!pair.equals(user + ":" + password)) {
          ex.sendResponseHeaders(401, -1);
          return;
        }
        authed = true;
      }
      StringBuilder access = new StringBuilder("[");
      if (authed) {
        for (String s : wanted) {
          scopes.add(s);
          String[] p = s.split(":");
          if (p.length < 3) {
            continue;
          }
          if (access.length() > 1) {
            access.append(',');
          }
          StringBuilder actions = new StringBuilder();
          for (String a : p[p.length - 1].split(",")) {
            actions.append(actions.length() == 0 ? "" : ",").append('"').append(a).append('"');
          }
          String name = String.join(":", java.util.Arrays.copyOfRange(p, 1, p.length - 1));
          access.append("{\"type\":\"").append(p[0]).append("\",\"name\":\"").append(name)
              .append("\",\"actions\":[").append(actions).append("]}");
        }
      }
      access.append(']');
      long now = System.currentTimeMillis() / 1000;
      String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + Base64.getEncoder().encodeToString(certDer)
          + "\"]}";
      String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + (authed ? user : "") + "\",\"aud\":\"" + service
          + "\",\"exp\":" + (now + Math.max(expiresIn, 1) + 5) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now
          + ",\"jti\":\"" + issued.incrementAndGet() + "-" + now + "\",\"access\":" + access + "}";
      String input = b64u(header) + "." + b64u(claims);
      Signature sig = Signature.getInstance("SHA256withRSA");
      sig.initSign(key);
      sig.update(input.getBytes(StandardCharsets.US_ASCII));
      String jwt = input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig.sign());
      byte[] body = ("{\"token\":\"" + jwt + "\",\"access_token\":\"" + jwt + "\",\"expires_in\":" + expiresIn + "}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private static String b64u(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
