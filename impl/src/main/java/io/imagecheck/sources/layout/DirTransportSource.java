package io.imagecheck.sources.layout;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import io.imagecheck.internal.blob.BoundedReads;
import io.imagecheck.internal.image.AttachmentSource;
import io.imagecheck.internal.image.BlobStore;
import io.imagecheck.internal.image.ImageReader;
import io.imagecheck.internal.image.StoredImageSource;
import io.imagecheck.internal.json.ImageDocuments;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageNotFoundException;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.Transport;
import io.imagecheck.sources.SourceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens the containers/image {@code dir:} layout that {@code skopeo copy ... dir:DIR} writes:
 * {@code manifest.json} (an image manifest, or an index with per-instance
 * {@code <hex>.manifest.json} files), blobs named by their hex digest ({@code <hex>}, or
 * {@code <hex>.tar} in version 1.0 directories), a {@code version} file, and signature files
 * ({@code signature-1}, ... and {@code <hex>.signature-N}), which {@link #signatureFiles(Path)} lists
 * for the signature checks.
 *
 * <p>Thread-safe (the factory is stateless).
 */
public final class DirTransportSource {

  private static final String VERSION_PREFIX = "Directory Transport Version: ";

  private DirTransportSource() {}

  /**
   * Opens a {@code dir:} directory.
   *
   * @param reference a {@code dir:} reference
   * @param options platform and limits
   * @return the source
   * @throws IOException when the directory is not a readable {@code dir:} layout
   */
  public static ImageSource open(ImageReference reference, SourceOptions options) throws IOException {
    String source = reference.toString();
    Path dir = Path.of(reference.path());
    if (!Files.isDirectory(dir)) {
      throw new ImageNotFoundException(source, "no such directory: " + dir, List.of());
    }
    DirectoryFiles files = new DirectoryFiles(source, dir);
    if (!files.exists("manifest.json")) {
      throw new ImageFormatException(source, "not a dir: image directory: manifest.json is missing");
    }
    if (files.exists("version")) {
      byte[] v;
      try (InputStream in = files.open("version")) {
        v = BoundedReads.readAll(in, 1024, source, "version", "manifest-bytes");
      }
      String text = new String(v, StandardCharsets.UTF_8).strip();
      if (!text.startsWith(VERSION_PREFIX + "1.")) {
        throw new ImageFormatException(source, "unsupported dir: transport version \"" + text + "\", expected 1.x");
      }
    }
    BlobStore store = new BlobStore() {
      @Override
      public InputStream open(Digest digest, long size) throws IOException {
        for (String name : List.of(digest.hex(), digest.hex() + ".manifest.json", digest.hex() + ".tar")) {
          if (files.exists(name)) {
            return files.open(name);
          }
        }
        throw new ImageNotFoundException(source, "blob " + digest + " is missing (no file " + digest.hex() + ")",
            List.of());
      }

      @Override
      public String describe(Digest digest) {
        return digest.hex();
      }

      @Override
      public void close() {
        // files are opened per read
      }
    };
    ImageReader reader = new ImageReader(source, store, options.limits());
    byte[] bytes;
    try (InputStream in = files.open("manifest.json")) {
      bytes = BoundedReads.readAll(in, options.limits().manifestBytes(), source, "manifest.json", "manifest-bytes");
    }
    JsonNode node = reader.parse(bytes, "manifest.json");
    ImageDocuments.Kind kind = ImageDocuments.kind(node, null, source, "manifest.json");
    MediaType mt = ImageDocuments.mediaTypeField(node);
    if (mt == null) {
      mt = kind == ImageDocuments.Kind.INDEX ? MediaType.OCI_INDEX : MediaType.OCI_MANIFEST;
    }
    Descriptor top = Descriptor.of(mt, Digest.sha256(bytes), bytes.length);
    ImageReference ref = reference.transport() == Transport.UNSPECIFIED
        ? ImageReference.local(Transport.DIR, reference.path(), null) : reference;
    AttachmentSource.Lister lister = new AttachmentSource.Lister() {
      @Override
      public List<Descriptor> manifests(Digest subject) {
        return List.of();
      }

      @Override
      public List<AttachmentSource.SignatureFile> signatureFiles(Digest subject) throws IOException {
        return DirTransportSource.signatures(source, dir, subject.equals(top.digest()) ? "" : subject.hex() + ".");
      }
    };
    Object resolved;
    if (kind == ImageDocuments.Kind.INDEX) {
      resolved = reader.index(top, bytes, node, 0);
    } else {
      try {
        resolved = reader.image(top, bytes, node, null, false);
      } catch (ImageNotFoundException e) {
        // A directory with only manifest.json and signature files (containers/image's signature
        // fixtures, a copy made to carry signatures): the signatures can still be verified; reading
        // the image fails with this error when it is asked for.
        return StoredImageSource.unreadableImage(ref, reader, top, e, store, lister);
      }
    }
    return new StoredImageSource(ref, reader, top, resolved, options.platform().orElse(null), store, lister);
  }

  private static final int MAX_SIGNATURE_BYTES = 4 << 20;

  private static List<AttachmentSource.SignatureFile> signatures(String source, Path dir, String prefix)
      throws IOException {
    List<AttachmentSource.SignatureFile> out = new ArrayList<>();
    for (Path p : signatureFiles(dir)) {
      String name = p.getFileName().toString();
      if (!name.matches(java.util.regex.Pattern.quote(prefix) + "signature-[0-9]+")) {
        continue;
      }
      try (InputStream in = Files.newInputStream(p)) {
        out.add(new AttachmentSource.SignatureFile(name, BoundedReads.readAll(in, MAX_SIGNATURE_BYTES, source, name,
            "manifest-bytes")));
      }
    }
    return out;
  }

  /**
   * The signature files of a {@code dir:} directory: {@code signature-N} for the top manifest and
   * {@code <hex>.signature-N} for instances of an index, sorted by name.
   *
   * @param dir the directory
   * @return the signature files
   * @throws IOException when the directory cannot be listed
   */
  public static List<Path> signatureFiles(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().matches("([0-9a-f]{64}\\.)?signature-[0-9]+"))
          .filter(Files::isRegularFile).sorted().forEach(out::add);
    }
    return out;
  }
}
