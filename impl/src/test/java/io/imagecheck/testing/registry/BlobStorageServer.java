package io.imagecheck.testing.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands for the blob storage a registry redirects to (S3, a CDN): serves {@code .../blobs/sha256:HEX}
 * from an OCI layout's {@code blobs/sha256/HEX} on another host name ({@code localhost}) and records
 * whether each request carried an {@code Authorization} header.
 */
public final class BlobStorageServer implements AutoCloseable {

  private final HttpServer server;
  private final Path layout;
  private final List<Boolean> authorization = new CopyOnWriteArrayList<>();

  private BlobStorageServer(Path layout) throws IOException {
    this.layout = layout;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a server.
   *
   * @param layout the OCI layout whose blobs it serves
   * @return the running server
   * @throws IOException when it cannot listen
   */
  public static BlobStorageServer start(Path layout) throws IOException {
    return new BlobStorageServer(layout);
  }

  /** @return the base URL, on the host name {@code localhost} */
  public String base() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  /** @return for each request served, whether it had an {@code Authorization} header */
  public List<Boolean> authorization() {
    return List.copyOf(authorization);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      authorization.add(ex.getRequestHeaders().containsKey("Authorization"));
      String path = ex.getRequestURI().getPath();
      int i = path.indexOf("/blobs/sha256:");
      Path blob = i < 0 ? null : layout.resolve("blobs/sha256").resolve(path.substring(i + 14));
      if (blob == null || !blob.getFileName().toString().matches("[0-9a-f]{64}") || !Files.isRegularFile(blob)) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes = Files.readAllBytes(blob);
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
