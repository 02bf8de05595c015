package io.imagecheck.sources.registry;

/**
 * Receives blob download progress (the CLI draws it on stderr). Called from the threads that read
 * blobs, possibly several at once: implementations must be thread-safe and quick.
 */
@FunctionalInterface
public interface BlobProgressListener {

  /** A listener that ignores every event. */
  BlobProgressListener NONE = p -> { };

  /**
   * Receives one progress event.
   *
   * @param progress the event
   */
  void onProgress(BlobProgress progress);
}
