package io.imagecheck.internal.image;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The capability a source offers to find what is attached to an image: the manifests that may be
 * signatures or attestations of a digest (cosign's {@code sha256-<hex>.sig}/{@code .att} tags, OCI 1.1
 * referrers by {@code subject}, the referrers tag fallback, the entries {@code cosign save} writes into
 * an OCI layout) and containers/image {@code dir:} signature files. Sources that implement it are
 * found by the signatures inspector through {@code InspectionContext.imageSource()}.
 *
 * <p>Implementations are thread-safe.
 */
public interface AttachmentSource {

  /**
   * The reader over the source's blobs, to read attachment manifests and layers (verified).
   *
   * @return the reader
   */
  ImageReader attachmentReader();

  /**
   * Manifests (or referrers indexes) that may be attachments of a digest. The caller reads and
   * classifies them; a candidate that turns out unrelated is harmless (verification binds every
   * signature to the digest it signs).
   *
   * @param subject the image or index digest
   * @return the candidates' descriptors, without duplicates
   * @throws IOException when the source cannot be listed
   */
  List<Descriptor> attachmentManifests(Digest subject) throws IOException;

  /**
   * containers/image {@code dir:} signature files of a digest.
   *
   * @param subject the image or index digest
   * @return the files, by name; empty for other sources
   * @throws IOException when a file cannot be read
   */
  default List<SignatureFile> signatureFiles(Digest subject) throws IOException {
    return List.of();
  }

  /**
   * A signature file's name and bytes.
   *
   * @param name the file's name, e.g. {@code signature-1}
   * @param data the bytes
   */
  record SignatureFile(String name, byte[] data) {

    /**
     * Checks the components and copies the bytes.
     *
     * @param name the name
     * @param data the bytes
     */
    public SignatureFile {
      Objects.requireNonNull(name, "name");
      data = data.clone();
    }

    /**
     * The bytes.
     *
     * @return a copy
     */
    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  /** How an adapter lists attachments; {@link StoredImageSource} exposes it as an {@link AttachmentSource}. */
  interface Lister {

    /**
     * Lists candidate attachment manifests of a digest.
     *
     * @param subject the digest
     * @return the candidates
     * @throws IOException when listing fails
     */
    List<Descriptor> manifests(Digest subject) throws IOException;

    /**
     * Lists {@code dir:} signature files of a digest.
     *
     * @param subject the digest
     * @return the files
     * @throws IOException when reading fails
     */
    default List<SignatureFile> signatureFiles(Digest subject) throws IOException {
      return List.of();
    }
  }
}
