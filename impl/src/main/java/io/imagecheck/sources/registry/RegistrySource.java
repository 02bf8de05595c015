package io.imagecheck.sources.registry;

import io.imagecheck.internal.image.ImageReader;
import io.imagecheck.internal.image.StoredImageSource;
import io.imagecheck.source.DockerReference;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.Transport;
import io.imagecheck.sources.SourceOptions;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Opens {@code docker://HOST[:PORT]/REPO[:TAG|@DIGEST]} sources: pulls the manifest or index by tag
 * or digest (verified), then reads configs and layers lazily from the blob endpoint, verified by the
 * image core like every other source. Platforms are resolved as for local sources. The source also
 * lists what is attached to an image (cosign's {@code sha256-<hex>.sig|.att|.sbom} tags and OCI 1.1
 * referrers, by the API or its tag fallback), for the signatures inspector.
 *
 * <pre>{@code
 * try (ImageSource source = ImageSources.open("docker://localhost:5000/lab/busybox:latest")) {
 *   Image image = source.image();
 * }
 * }</pre>
 *
 * <p>Thread-safe (the factory is stateless).
 */
public final class RegistrySource {

  private static final System.Logger LOG = System.getLogger(RegistrySource.class.getName());

  private RegistrySource() {}

  /**
   * Opens a registry source with the client of the options, or a new client that is closed with the
   * source.
   *
   * @param reference a {@code docker://} reference
   * @param options the platform, limits and registry options (or a shared client)
   * @return the source; the caller closes it
   * @throws IOException when the manifest cannot be pulled or is not an image or index
   */
  public static ImageSource open(ImageReference reference, SourceOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    if (options.registryClient().isPresent()) {
      return open(options.registryClient().get(), reference, options, false);
    }
    RegistryClient client = RegistryClient.create(options.registry());
    try {
      return open(client, reference, options, true);
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * Opens a registry source with a shared client (left open when the source is closed).
   *
   * @param client the client
   * @param reference a {@code docker://} reference
   * @param options the platform and limits
   * @return the source; the caller closes it
   * @throws IOException when the manifest cannot be pulled or is not an image or index
   */
  public static ImageSource open(RegistryClient client, ImageReference reference, SourceOptions options)
      throws IOException {
    return open(client, reference, options, false);
  }

  private static ImageSource open(RegistryClient client, ImageReference reference, SourceOptions options,
      boolean ownsClient) throws IOException {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(reference, "reference");
    if (reference.transport() != Transport.DOCKER) {
      throw new IllegalArgumentException("not a docker:// reference: " + reference);
    }
    DockerReference ref = reference.docker().orElseThrow();
    String source = reference.toString();
    RegistryRepository repo = client.repository(ref, options.limits());
    RegistryManifest top = repo.manifest(ref.manifestReference());
    LOG.log(Level.DEBUG, "{0}: {1} {2} ({3} bytes)", source, top.descriptor().mediaType(), top.descriptor().digest(),
        top.descriptor().size());
    RegistryBlobStore store = new RegistryBlobStore(repo, ownsClient ? client : () -> { });
    store.remember(top);
    ImageReader reader = new ImageReader(source, store, options.limits());
    Object resolved = reader.read(top.descriptor(), null, 0);
    return new StoredImageSource(reference, reader, top.descriptor(), resolved, options.platform().orElse(null), store,
        new RegistryAttachments(repo));
  }
}
