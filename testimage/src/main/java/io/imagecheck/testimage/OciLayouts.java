package io.imagecheck.testimage;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Writes OCI image layouts, as directories and as tar archives ({@code oci-archive:}): the
 * {@code oci-layout} file, an {@code index.json} with one entry annotated with its reference name, and
 * {@code blobs/<algorithm>/<hex>} files.
 */
final class OciLayouts {

  private OciLayouts() {}

  /**
   * The {@code index.json} naming one manifest or index.
   *
   * @param root the descriptor of the manifest or index (its platform, if any, is dropped)
   * @param refName the value of {@code org.opencontainers.image.ref.name}
   * @return the bytes
   */
  static byte[] indexJson(Descriptor root, String refName) {
    Descriptor entry = Descriptor.of(root.mediaType(), root.digest(), root.size())
        .withAnnotations(Map.of(Descriptor.REF_NAME_ANNOTATION, checkRefName(refName)));
    return Documents.index(List.of(entry)).toBytes();
  }

  /**
   * Writes a layout directory, creating it if needed. Existing {@code index.json} and
   * {@code oci-layout} files are replaced; other files are left alone.
   *
   * @param dir the layout directory
   * @param indexJson the {@code index.json} bytes
   * @param blobs every blob, by the digest it is referenced by
   * @throws IOException when writing fails
   */
  static void writeDirectory(Path dir, byte[] indexJson, SortedMap<Digest, byte[]> blobs) throws IOException {
    Objects.requireNonNull(dir, "dir");
    for (Map.Entry<Digest, byte[]> blob : blobs.entrySet()) {
      Path file = dir.resolve("blobs").resolve(blob.getKey().algorithm()).resolve(blob.getKey().hex());
      Files.createDirectories(file.getParent());
      Files.write(file, blob.getValue());
    }
    Files.createDirectories(dir);
    Files.write(dir.resolve("oci-layout"), Documents.OCI_LAYOUT);
    Files.write(dir.resolve("index.json"), indexJson);
  }

  /**
   * Writes a layout as a tar archive, replacing the file (parent directories are created).
   *
   * @param tarFile the archive
   * @param indexJson the {@code index.json} bytes
   * @param blobs every blob, by the digest it is referenced by
   * @throws IOException when writing fails
   */
  static void writeArchive(Path tarFile, byte[] indexJson, SortedMap<Digest, byte[]> blobs) throws IOException {
    try (OutputStream out = newArchive(tarFile)) {
      TarWriter tar = new TarWriter(out);
      tar.writeMember("oci-layout", Documents.OCI_LAYOUT);
      tar.writeMember("index.json", indexJson);
      tar.writeDirectoryMember("blobs/");
      for (String algorithm : new TreeSet<>(blobs.keySet().stream().map(Digest::algorithm).toList())) {
        tar.writeDirectoryMember("blobs/" + algorithm + "/");
        for (Map.Entry<Digest, byte[]> blob : blobs.entrySet()) {
          if (blob.getKey().algorithm().equals(algorithm)) {
            tar.writeMember("blobs/" + algorithm + "/" + blob.getKey().hex(), blob.getValue());
          }
        }
      }
      tar.finish(true);
    }
  }

  /**
   * Opens a new archive file for writing, creating its parent directories.
   *
   * @param file the file
   * @return a buffered stream; the caller closes it
   * @throws IOException when the file cannot be created
   */
  static OutputStream newArchive(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new BufferedOutputStream(Files.newOutputStream(file));
  }

  private static String checkRefName(String refName) {
    Objects.requireNonNull(refName, "refName");
    if (refName.isEmpty()) {
      throw new IllegalArgumentException("reference name must not be empty (e.g. \"latest\")");
    }
    return refName;
  }
}
