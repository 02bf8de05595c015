package io.imagecheck.sources.registry;

import io.imagecheck.source.ImageFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings per registry host: the JDK's trusted CAs plus the {@code *.crt} files of the host's
 * certificate directories ({@code CERT_DIR/<host>/} or {@code CERT_DIR} itself, then
 * {@code /etc/containers/certs.d/<host>/} and {@code /etc/docker/certs.d/<host>/}), or, for a registry
 * named insecure, no verification at all.
 *
 * <p>Thread-safe (stateless).
 */
final class TlsContexts {

  private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/etc/containers/certs.d"),
      Path.of("/etc/docker/certs.d"));

  private TlsContexts() {}

  /**
   * The CA files that apply to a host, sorted (also the cache key of the HTTP client).
   *
   * @param host the host and port, e.g. {@code localhost:5001}
   * @param certDir the configured directory, or null
   * @return the {@code .crt} files
   * @throws IOException when a directory cannot be listed
   */
  static List<Path> caFiles(String host, @Nullable Path certDir) throws IOException {
    List<Path> dirs = new ArrayList<>();
    if (certDir != null) {
      Path hostDir = certDir.resolve(host.replace('/', '_'));
      dirs.add(Files.isDirectory(hostDir) ? hostDir : certDir);
    }
    for (Path d : SYSTEM_DIRS) {
      dirs.add(d.resolve(host.replace('/', '_')));
    }
    List<Path> out = new ArrayList<>();
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, "*.crt")) {
        for (Path p : ds) {
          out.add(p.toAbsolutePath());
        }
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * A context that trusts the JDK's CAs and the given CA files.
   *
   * @param caFiles PEM or DER certificate files
   * @return the context
   * @throws IOException when a file is not a certificate
   */
  static SSLContext verifying(List<Path> caFiles) throws IOException {
    try {
      if (caFiles.isEmpty()) {
        return SSLContext.getDefault();
      }
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      TrustManagerFactory sys = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      sys.init((KeyStore) null);
      int i = 0;
      for (TrustManager tm : sys.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          for (X509Certificate c : x.getAcceptedIssuers()) {
            ks.setCertificateEntry("system-" + i++, c);
          }
        }
      }
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Path p : caFiles) {
        try (InputStream in = Files.newInputStream(p)) {
          for (Certificate c : cf.generateCertificates(in)) {
            ks.setCertificateEntry("ca-" + i++, c);
          }
        } catch (java.security.cert.CertificateException e) {
          throw new ImageFormatException(p.toString(), "not a PEM or DER certificate: " + e.getMessage(), e);
        }
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS with " + caFiles + ": " + e.getMessage(), e);
    }
  }

  /**
   * A context that accepts any certificate for any host name: only for registries the caller named
   * insecure.
   *
   * @return the context
   */
  static SSLContext insecure() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new TrustAll()}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is required by every Java runtime", e);
    }
  }

  /**
   * Trusts everything. An {@link X509ExtendedTrustManager} also turns off host name checks (the JDK
   * adds them only around plain {@link X509TrustManager}s): that is what "insecure" means here.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      // insecure registry: accept
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      // insecure registry: accept
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      // insecure registry: accept
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      // insecure registry: accept
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // insecure registry: accept
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // insecure registry: accept
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
