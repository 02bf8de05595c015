package io.imagecheck.sources.registry;

import io.imagecheck.image.Digest;
import java.util.Objects;

/**
 * Progress of one blob download, reported to a {@link BlobProgressListener}.
 *
 * @param registry the registry host
 * @param repository the repository
 * @param digest the blob
 * @param size the size the descriptor declares, or -1 when unknown
 * @param bytesRead bytes received so far
 * @param done whether the download ended (completely read, failed or closed)
 */
public record BlobProgress(String registry, String repository, Digest digest, long size, long bytesRead,
    boolean done) {

  /**
   * Checks the components.
   *
   * @param registry the registry host
   * @param repository the repository
   * @param digest the blob
   * @param size the size the descriptor declares, or -1 when unknown
   * @param bytesRead bytes received so far
   * @param done whether the download ended (completely read, failed or closed)
   */
  public BlobProgress {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(digest, "digest");
  }
}
