package io.imagecheck.sources.layout;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.ImageIndex;
import io.imagecheck.image.IndexManifest;
import io.imagecheck.image.MediaType;
import io.imagecheck.internal.blob.BoundedReads;
import io.imagecheck.internal.image.ImageReader;
import io.imagecheck.internal.image.StoredImageSource;
import io.imagecheck.internal.json.ImageDocuments;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageNotFoundException;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.Transport;
import io.imagecheck.sources.SourceOptions;
import io.imagecheck.sources.archive.TarArchiveFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Opens OCI image layouts: {@code oci:DIR[:ref]} (a directory) and {@code oci-archive:PATH[:ref]}
 * (a tar of one).
 *
 * <p>The {@code ref} selects an entry of {@code index.json} by its
 * {@code org.opencontainers.image.ref.name} annotation (or containerd's {@code io.containerd.image.name}),
 * or by digest ({@code sha256:...}). Without a ref: the only entry; else the only entry that is not an
 * attachment (a layout written by {@code cosign save} holds the image beside its signature and
 * attestation manifests); else, when every entry is a platform image and none is named twice,
 * {@code index.json} itself is treated as the image index (multi-platform layouts written by BuildKit);
 * otherwise an error lists the refs.
 *
 * <p>Thread-safe (the factory is stateless).
 */
public final class OciLayoutSource {

  private static final String CONTAINERD_NAME = "io.containerd.image.name";

  private OciLayoutSource() {}

  /**
   * Opens an OCI layout directory.
   *
   * @param reference an {@code oci:} reference
   * @param options platform and limits
   * @return the source
   * @throws IOException when the directory is not a readable OCI layout or the ref is not there
   */
  public static ImageSource openDirectory(ImageReference reference, SourceOptions options) throws IOException {
    String source = reference.toString();
    Path dir = Path.of(reference.path());
    if (!Files.isDirectory(dir)) {
      throw new ImageNotFoundException(source, "no such directory: " + dir, List.of());
    }
    LayoutFiles files = LayoutFiles.of(new DirectoryFiles(source, dir));
    return open(reference, source, files, options);
  }

  /**
   * Opens a tar of an OCI layout.
   *
   * @param reference an {@code oci-archive:} reference
   * @param options platform and limits
   * @return the source
   * @throws IOException when the file is not a readable OCI layout archive or the ref is not there
   */
  public static ImageSource openArchive(ImageReference reference, SourceOptions options) throws IOException {
    String source = reference.toString();
    TarArchiveFile tar = TarArchiveFile.open(Path.of(reference.path()), source, options.limits());
    try {
      return open(reference, source, LayoutFiles.of(tar), options);
    } catch (IOException | RuntimeException e) {
      tar.close();
      throw e;
    }
  }

  /**
   * Opens a layout whose files are already open (used by {@code docker-archive:} for Docker 25+
   * archives, which contain an OCI layout).
   *
   * @param reference the reference to report
   * @param tar the archive
   * @param options platform and limits
   * @return the source
   * @throws IOException when the layout is unreadable
   */
  public static ImageSource openArchive(ImageReference reference, TarArchiveFile tar, SourceOptions options)
      throws IOException {
    return open(reference, reference.toString(), LayoutFiles.of(tar), options);
  }

  private static ImageSource open(ImageReference reference, String source, LayoutFiles files, SourceOptions options)
      throws IOException {
    if (!files.exists("index.json")) {
      throw new ImageFormatException(source, "not an OCI image layout: index.json is missing");
    }
    if (files.exists("oci-layout")) {
      checkLayoutVersion(source, files, options);
    }
    ImageReader reader = new ImageReader(source, files, options.limits());
    byte[] indexBytes;
    try (InputStream in = files.openFile("index.json")) {
      indexBytes = BoundedReads.readAll(in, options.limits().manifestBytes(), source, "index.json", "manifest-bytes");
    }
    JsonNode node = reader.parse(indexBytes, "index.json");
    Descriptor indexDescriptor = Descriptor.of(MediaType.OCI_INDEX, Digest.sha256(indexBytes), indexBytes.length);
    IndexManifest index = ImageDocuments.index(node, MediaType.OCI_INDEX, source, "index.json");
    List<Descriptor> entries = index.manifests();
    Descriptor top;
    Object resolved;
    if (reference.selector().isPresent()) {
      top = select(source, entries, reference.selector().get());
      resolved = reader.read(top, null, 1);
    } else if (entries.size() == 1) {
      top = entries.get(0);
      resolved = reader.read(top, null, 1);
    } else if (withoutAttachments(entries).size() == 1) {
      // `cosign save` puts the image beside its signature/attestation manifests: the image is meant.
      top = withoutAttachments(entries).get(0);
      resolved = reader.read(top, null, 1);
    } else if (entries.isEmpty()) {
      throw new ImageNotFoundException(source, "the layout's index.json lists no images", List.of());
    } else if (isPlatformIndex(entries)) {
      top = indexDescriptor;
      resolved = reader.index(indexDescriptor, indexBytes, node, 0);
    } else {
      throw new ImageNotFoundException(source, "the layout holds " + entries.size()
          + " images; choose one with " + reference.transport().prefix() + reference.path() + ":REF", refs(entries));
    }
    return new StoredImageSource(withTransport(reference), reader, top, resolved, options.platform().orElse(null),
        files, subject -> attachmentCandidates(reader, entries, subject));
  }

  /** The annotation {@code cosign save} puts on each index.json entry. */
  static final String COSIGN_KIND = "kind";

  /**
   * Tells whether a layout entry is one of {@code cosign save}'s signature, attestation or SBOM
   * manifests (its {@code kind} annotation), as opposed to the image or image index it saved.
   */
  private static boolean isCosignAttachment(Descriptor e) {
    String kind = e.annotations().getOrDefault(COSIGN_KIND, "");
    return kind.startsWith("dev.cosignproject.cosign/") && !kind.endsWith("/image") && !kind.endsWith("/imageIndex");
  }

  /**
   * Attachment candidates of a digest in a layout: entries tagged {@code sha256-<hex>.sig|.att|.sbom}
   * or {@code sha256-<hex>} (the referrers tag fallback), the signature/attestation entries of a
   * {@code cosign save} layout, and manifests whose {@code subject} is the digest.
   */
  private static List<Descriptor> attachmentCandidates(ImageReader reader, List<Descriptor> entries, Digest subject)
      throws IOException {
    String tag = subject.algorithm() + "-" + subject.hex();
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor e : entries) {
      String ref = e.refName().orElse("");
      if (ref.equals(tag) || ref.startsWith(tag + ".") || isCosignAttachment(e)) {
        out.add(e);
      } else if ((e.artifactType().isPresent() || e.mediaType().isManifest() || e.mediaType().isIndex())
          && !e.digest().equals(subject) && refersTo(reader, e, subject)) {
        out.add(e);
      }
      if (out.size() > reader.limits().referrers()) {
        throw new io.imagecheck.source.LimitExceededException(reader.source(), "attachments of " + subject,
            "referrers", reader.limits().referrers());
      }
    }
    return out;
  }

  private static boolean refersTo(ImageReader reader, Descriptor e, Digest subject) {
    if (e.size() > reader.limits().manifestBytes()) {
      return false;
    }
    try {
      JsonNode n = reader.parse(reader.readManifest(e, "manifest " + e.digest().shortForm()),
          "manifest " + e.digest().shortForm());
      return subject.toString().equals(n.path("subject").path("digest").asText(""));
    } catch (IOException ex) {
      // An unreadable entry is not an attachment of this image; the image itself is read elsewhere.
      return false;
    }
  }

  private static ImageReference withTransport(ImageReference r) {
    return r.transport() == Transport.UNSPECIFIED ? ImageReference.local(Transport.OCI, r.path(), null) : r;
  }

  private static void checkLayoutVersion(String source, LayoutFiles files, SourceOptions options) throws IOException {
    byte[] bytes;
    try (InputStream in = files.openFile("oci-layout")) {
      bytes = BoundedReads.readAll(in, 64 * 1024, source, "oci-layout", "manifest-bytes");
    }
    JsonNode n = ImageDocuments.tree(bytes, options.limits().jsonDepth(), source, "oci-layout");
    String v = n.path("imageLayoutVersion").asText("");
    if (!v.startsWith("1.")) {
      throw new ImageFormatException(source, "unsupported OCI layout version \"" + v + "\" in oci-layout, expected 1.x");
    }
  }

  private static Descriptor select(String source, List<Descriptor> entries, String selector) throws IOException {
    String s = selector.startsWith("@") ? selector.substring(1) : selector;
    if (Digest.isValid(s)) {
      Digest d = Digest.parse(s);
      for (Descriptor e : entries) {
        if (e.digest().equals(d)) {
          return e;
        }
      }
    }
    for (Descriptor e : entries) {
      if (e.refName().map(selector::equals).orElse(false)
          || selector.equals(e.annotations().get(CONTAINERD_NAME))) {
        return e;
      }
    }
    throw new ImageNotFoundException(source, "no image named \"" + selector + "\" in index.json", refs(entries));
  }

  private static boolean isPlatformIndex(List<Descriptor> entries) {
    Set<String> names = new HashSet<>();
    for (Descriptor e : entries) {
      if (!e.mediaType().isManifest() || e.platform().isEmpty()) {
        // Attestation manifests and artifacts may sit beside platform images.
        if (e.mediaType().isManifest() && e.annotations().containsKey("vnd.docker.reference.type")) {
          continue;
        }
        return false;
      }
      Optional<String> ref = e.refName();
      if (ref.isPresent() && !names.add(ref.get())) {
        return false;
      }
    }
    return names.size() <= 1;
  }

  /**
   * The entries that are not attachments of another image: cosign's signature, attestation and SBOM
   * manifests ({@code kind: dev.cosignproject.cosign/sigs|atts|sboms}), BuildKit attestation manifests,
   * and OCI artifacts (an {@code artifactType}).
   */
  private static List<Descriptor> withoutAttachments(List<Descriptor> entries) {
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor e : entries) {
      if (!isCosignAttachment(e) && !e.annotations().containsKey("vnd.docker.reference.type")
          && e.artifactType().isEmpty()) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<String> refs(List<Descriptor> entries) {
    List<String> out = new ArrayList<>();
    for (Descriptor e : entries) {
      out.add(e.refName().or(() -> Optional.ofNullable(e.annotations().get(CONTAINERD_NAME)))
          .orElse(e.digest().toString()));
    }
    return out;
  }

  /**
   * Reads a layout's {@code index.json} as an index (for callers that walk every entry, such as the
   * signature discovery in cosign-saved layouts).
   *
   * @param reader a reader over the layout's blobs
   * @param bytes the index.json bytes
   * @return the index
   * @throws IOException when it is not a valid index
   */
  static ImageIndex rootIndex(ImageReader reader, byte[] bytes) throws IOException {
    JsonNode node = reader.parse(bytes, "index.json");
    Descriptor d = Descriptor.of(MediaType.OCI_INDEX, Digest.sha256(bytes), bytes.length);
    return reader.index(d, bytes, node, 0);
  }
}
