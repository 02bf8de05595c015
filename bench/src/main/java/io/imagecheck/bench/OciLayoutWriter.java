package io.imagecheck.bench;

import io.imagecheck.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes an OCI image layout around layer blobs that already exist as files (hard-linked into
 * {@code blobs/sha256/} when possible, so a 160 MB blob shared by several layouts is stored once). The
 * config has one history step per layer ({@code layer N: NAME}), the index one manifest with the
 * reference name {@code latest} (so {@code skopeo copy oci:DIR:latest} finds it).
 *
 * <p>Thread-safe (stateless).
 */
final class OciLayoutWriter {

  private OciLayoutWriter() {}

  static Path write(Path dir, String name, List<LayerBlob> layers) throws IOException {
    Path blobs = dir.resolve("blobs").resolve("sha256");
    Files.createDirectories(blobs);
    StringBuilder diffIds = new StringBuilder();
    StringBuilder history = new StringBuilder();
    StringBuilder manifestLayers = new StringBuilder();
    for (int i = 0; i < layers.size(); i++) {
      LayerBlob l = layers.get(i);
      link(l.blob(), blobs.resolve(l.digest().hex()));
      String sep = i == 0 ? "" : ",";
      diffIds.append(sep).append('"').append(l.diffId()).append('"');
      history.append(sep).append("{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"layer ").append(i + 1)
          .append(": ").append(name).append("\"}");
      manifestLayers.append(sep).append(descriptor(l.mediaType(), l.digest(), l.size()));
    }
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2024-01-01T00:00:00Z\","
        + "\"config\":{\"User\":\"1000\",\"Entrypoint\":[\"/usr/bin/env\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]},\"history\":[" + history + "]}";
    Digest configDigest = put(blobs, config);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":" + descriptor("application/vnd.oci.image.config.v1+json", configDigest,
            config.getBytes(StandardCharsets.UTF_8).length)
        + ",\"layers\":[" + manifestLayers + "]}";
    Digest manifestDigest = put(blobs, manifest);
    String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
        + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest
        + "\",\"size\":" + manifest.getBytes(StandardCharsets.UTF_8).length
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}]}";
    Files.writeString(dir.resolve("index.json"), index, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
    return dir;
  }

  private static String descriptor(String mediaType, Digest digest, long size) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  private static Digest put(Path blobs, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.of(Digest.SHA256, Digest.newMessageDigest(Digest.SHA256).digest(bytes));
    Files.write(blobs.resolve(d.hex()), bytes);
    return d;
  }

  private static void link(Path source, Path target) throws IOException {
    if (Files.exists(target)) {
      return;
    }
    try {
      Files.createLink(target, source);
    } catch (FileAlreadyExistsException e) {
      // written meanwhile: same content by construction
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
