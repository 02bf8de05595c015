package io.imagecheck.sources.registry;

import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import io.imagecheck.internal.image.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link BlobStore} of a registry repository: blobs from the blob endpoint, manifests from the
 * manifest endpoint (those already pulled are kept, so the top manifest is not pulled twice).
 * Verification happens above, in the image core. Thread-safe.
 */
final class RegistryBlobStore implements BlobStore {

  private static final int MAX_CACHED_MANIFESTS = 256;

  private final RegistryRepository repository;
  private final Map<Digest, byte[]> manifests = new ConcurrentHashMap<>();
  private final AutoCloseable onClose;

  RegistryBlobStore(RegistryRepository repository, AutoCloseable onClose) {
    this.repository = repository;
    this.onClose = onClose;
  }

  void remember(RegistryManifest m) {
    if (manifests.size() < MAX_CACHED_MANIFESTS) {
      manifests.put(m.descriptor().digest(), m.bytes());
    }
  }

  @Override
  public InputStream open(Digest digest, long size) throws IOException {
    return repository.openRaw(digest, size);
  }

  @Override
  public InputStream openManifest(Digest digest, MediaType mediaType, long size) throws IOException {
    byte[] cached = manifests.get(digest);
    if (cached == null) {
      RegistryManifest m = repository.manifest(digest.toString());
      remember(m);
      cached = m.bytes();
    }
    return new ByteArrayInputStream(cached);
  }

  @Override
  public String describe(Digest digest) {
    return digest.toString();
  }

  @Override
  public void close() throws IOException {
    manifests.clear();
    try {
      onClose.close();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("closing the registry client failed", e);
    }
  }
}
