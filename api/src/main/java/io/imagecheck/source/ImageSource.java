package io.imagecheck.source;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Image;
import io.imagecheck.image.ImageIndex;
import io.imagecheck.image.Platform;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * An opened image source: a {@code docker save} archive, an OCI layout, a {@code dir:} directory or
 * a registry repository. Close it to release files and connections; images obtained from it are
 * unusable afterwards.
 *
 * <pre>{@code
 * try (ImageSource source = ImageSources.open("oci-archive:build/app.tar")) {
 *   Image image = source.image();
 *   ...
 * }
 * }</pre>
 *
 * <p>When the reference resolves to an index, {@link #image()} picks the host's platform, then the
 * only platform there is; otherwise it fails with the list of platforms. Implementations are
 * thread-safe until closed.
 */
public interface ImageSource extends AutoCloseable {

  /**
   * The reference this source was opened from, with the transport that was detected.
   *
   * @return the reference
   */
  ImageReference reference();

  /**
   * The descriptor the reference resolves to: an image manifest or an index.
   *
   * @return the top descriptor
   * @throws IOException when it cannot be read
   */
  Descriptor descriptor() throws IOException;

  /**
   * The index the reference resolves to, when it resolves to one.
   *
   * @return the index, or empty for a single image
   * @throws IOException when it cannot be read
   */
  Optional<ImageIndex> index() throws IOException;

  /**
   * The image for the default platform (the host's, then the only one).
   *
   * @return the image
   * @throws IOException when it cannot be read or no platform can be chosen (the message lists them)
   */
  Image image() throws IOException;

  /**
   * The image for a platform.
   *
   * @param platform the wanted platform
   * @return the image
   * @throws IOException when it cannot be read, or the source has no image for that platform
   */
  Image image(Platform platform) throws IOException;

  /**
   * Every platform image of the source: one for a single image, each platform of an index (artifacts
   * and attestation manifests excluded).
   *
   * @return the images, in index order
   * @throws IOException when one cannot be read
   */
  List<Image> images() throws IOException;

  /**
   * Releases files and connections.
   *
   * @throws IOException when releasing fails
   */
  @Override
  void close() throws IOException;
}
