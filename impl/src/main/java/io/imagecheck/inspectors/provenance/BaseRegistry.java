package io.imagecheck.inspectors.provenance;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.image.IndexManifest;
import io.imagecheck.image.MediaType;
import io.imagecheck.image.Platform;
import io.imagecheck.internal.json.ImageDocuments;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.DockerReference;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.sources.SourceOptions;
import io.imagecheck.sources.registry.RegistryClient;
import io.imagecheck.sources.registry.RegistryManifest;
import io.imagecheck.sources.registry.RegistryOptions;
import io.imagecheck.sources.registry.RegistryRepository;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What the base image's registry says now, for the {@code provenance} inspector's online checks (only
 * when the policy turns them on): where a base tag points ({@code HEAD}), and a base image's layers.
 *
 * <p>Not thread-safe; one instance per inspection, closed after it.
 */
final class BaseRegistry implements AutoCloseable {

  private final RegistryClient client;
  private final ReadLimits limits;

  BaseRegistry(RegistryOptions options, ReadLimits limits) {
    this.client = RegistryClient.create(options);
    this.limits = limits;
  }

  /** Where a tag points now, and whether a recorded digest is still (one of) what it names. */
  record TagState(Digest current, boolean stillPoints) {}

  /**
   * Asks where a base tag points and whether the recorded digest is what it names: the tag's digest
   * itself, or, when the tag names an index, one of the index's images.
   *
   * @param base the base's name and tag
   * @param recorded the digest the image was built on
   * @return the tag's state; empty when the tag no longer exists
   * @throws IOException when the registry cannot be asked
   */
  Optional<TagState> tag(DockerReference base, Digest recorded) throws IOException {
    RegistryRepository repo = client.repository(base, limits);
    String tag = base.tag().orElse("latest");
    Optional<Descriptor> head = repo.headManifest(tag);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Digest current = head.get().digest();
    if (current.equals(recorded)) {
      return Optional.of(new TagState(current, true));
    }
    if (head.get().mediaType().isIndex()) {
      // A multi-platform base: the image records its platform's manifest, the tag names the index.
      RegistryManifest m = repo.manifest(current.toString());
      String source = repo.toString();
      IndexManifest index = ImageDocuments.index(Json.readTree(m.bytes(), limits.jsonDepth(), source, "index " + tag),
          MediaType.OCI_INDEX, source, "index " + tag);
      for (Descriptor d : index.manifests()) {
        if (d.digest().equals(recorded)) {
          return Optional.of(new TagState(current, true));
        }
      }
    }
    return Optional.of(new TagState(current, false));
  }

  /**
   * The layers' diff_ids of a base image at a digest, for a platform.
   *
   * @param base the base's name
   * @param digest its digest
   * @param platform the platform to choose from an index, if known
   * @return the diff_ids, base first
   * @throws IOException when the image cannot be read
   */
  List<Digest> diffIds(DockerReference base, Digest digest, Optional<Platform> platform) throws IOException {
    SourceOptions options = SourceOptions.builder().limits(limits).registryClient(client)
        .platform(platform.orElse(null)).build();
    try (ImageSource s = ImageSources.open(ImageReference.parse("docker://" + base.withDigest(digest)), options)) {
      Image image = s.image();
      return image.config().diffIds();
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
