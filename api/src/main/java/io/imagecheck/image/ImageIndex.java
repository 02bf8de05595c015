package io.imagecheck.image;

import java.io.IOException;
import java.util.List;

/**
 * An image index (OCI image index or Docker manifest list): a list of manifests, usually one image
 * per platform, possibly with nested indexes and artifacts.
 *
 * <p>Implementations are thread-safe.
 */
public interface ImageIndex {

  /**
   * Where this index was read from, for messages.
   *
   * @return a printable description of the source
   */
  String source();

  /**
   * The descriptor of this index.
   *
   * @return the descriptor
   */
  Descriptor descriptor();

  /**
   * The parsed index.
   *
   * @return the index
   */
  IndexManifest manifest();

  /**
   * The index exactly as stored.
   *
   * @return a copy of the bytes
   */
  byte[] rawManifest();

  /**
   * The entries of this index, in document order.
   *
   * @return the entry descriptors
   */
  default List<Descriptor> manifests() {
    return manifest().manifests();
  }

  /**
   * Reads the image an entry refers to.
   *
   * @param digest the digest of an image manifest listed in this index
   * @return the image
   * @throws IOException when there is no such entry, it is not an image, or it cannot be read
   */
  Image image(Digest digest) throws IOException;

  /**
   * Selects the image for a platform, searching nested indexes depth-first, and reads it.
   *
   * @param platform the wanted platform (see {@link Platform#matches(Platform)})
   * @return the image
   * @throws IOException when no entry matches (the message lists the platforms there are) or the
   *     image cannot be read
   */
  Image image(Platform platform) throws IOException;

  /**
   * Reads a nested index.
   *
   * @param digest the digest of an index listed in this index
   * @return the nested index
   * @throws IOException when there is no such entry, it is not an index, or it cannot be read
   */
  ImageIndex index(Digest digest) throws IOException;

  /**
   * All platform images reachable from this index (nested indexes included), excluding artifacts and
   * attestation manifests (entries with {@code vnd.docker.reference.type} annotations or unknown
   * platforms).
   *
   * @return the descriptors of the platform images, in document order
   * @throws IOException when a nested index cannot be read
   */
  List<Descriptor> platformImages() throws IOException;
}
