package io.imagecheck.sources.registry;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.internal.blob.VerifyingInputStream;
import io.imagecheck.source.ImageSourceException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.source.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One repository of a registry, e.g. {@code localhost:5000/lab/busybox}: its tags, manifests, blobs
 * and referrers. Obtain it from {@link RegistryClient#repository}. Configured mirrors are tried
 * first; a mirror that fails or lacks the content falls back to the registry itself.
 *
 * <p>Thread-safe: every method may be called from several threads at once.
 */
public final class RegistryRepository {

  private static final System.Logger LOG = System.getLogger(RegistryRepository.class.getName());

  private final String registry;
  private final String repository;
  private final ReadLimits limits;
  private final List<Endpoint> endpoints;
  private final ManifestFetcher manifests;
  private final BlobFetcher blobs;
  private final TagLister tags;
  private final ReferrersFetcher referrers;
  private final java.util.Set<Endpoint> unreachable = java.util.concurrent.ConcurrentHashMap.newKeySet();

  RegistryRepository(String registry, String repository, ReadLimits limits, List<Endpoint> endpoints,
      RegistryTransport transport, BlobPermits blobPermits) {
    this.registry = registry;
    this.repository = repository;
    this.limits = limits;
    this.endpoints = List.copyOf(endpoints);
    this.manifests = new ManifestFetcher(transport, repository, limits);
    this.blobs = new BlobFetcher(transport, repository, limits, blobPermits);
    this.tags = new TagLister(transport, repository, limits);
    this.referrers = new ReferrersFetcher(transport, manifests, repository, limits);
  }

  /**
   * The registry host as in references.
   *
   * @return e.g. {@code localhost:5000} or {@code docker.io}
   */
  public String registry() {
    return registry;
  }

  /**
   * The repository path.
   *
   * @return e.g. {@code lab/busybox}
   */
  public String repository() {
    return repository;
  }

  /**
   * The read limits used for this repository.
   *
   * @return the limits
   */
  public ReadLimits limits() {
    return limits;
  }

  /**
   * Lists every tag, following pagination.
   *
   * @return the tags, in the registry's order
   * @throws IOException when the registry cannot be read
   */
  public List<String> tags() throws IOException {
    return tags(1000);
  }

  /**
   * Lists every tag, asking for pages of a given size.
   *
   * @param pageSize the {@code n} parameter of each page request
   * @return the tags, in the registry's order
   * @throws IOException when the registry cannot be read
   */
  public List<String> tags(int pageSize) throws IOException {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be positive, got " + pageSize);
    }
    return onEndpoints(e -> tags.list(e, pageSize));
  }

  /**
   * Pulls a manifest or index by tag or digest, verified.
   *
   * @param reference a tag or a digest string
   * @return the manifest
   * @throws IOException when it is missing, too large, of schema 1, or does not verify
   */
  public RegistryManifest manifest(String reference) throws IOException {
    Objects.requireNonNull(reference, "reference");
    return onEndpoints(e -> manifests.fetch(e, reference));
  }

  /**
   * Describes a manifest without pulling it ({@code HEAD}).
   *
   * @param reference a tag or a digest string
   * @return the descriptor, or empty when there is no such manifest
   * @throws IOException when the registry cannot be asked
   */
  public Optional<Descriptor> headManifest(String reference) throws IOException {
    Objects.requireNonNull(reference, "reference");
    return onEndpointsUntilPresent(e -> manifests.head(e, reference));
  }

  /**
   * Tells whether the registry has a blob ({@code HEAD}).
   *
   * @param digest the blob
   * @return true when it exists
   * @throws IOException when the registry cannot be asked
   */
  public boolean blobExists(Digest digest) throws IOException {
    Objects.requireNonNull(digest, "digest");
    return onEndpointsUntilPresent(e -> blobs.head(e, digest)).isPresent();
  }

  /**
   * Opens a blob, verified against its descriptor's digest and size while it is read.
   *
   * @param descriptor the blob's descriptor
   * @return the stream; the caller closes it. A mismatch fails the read with a
   *     {@code DigestMismatchException} or {@code SizeMismatchException}
   * @throws IOException when it cannot be opened
   */
  public InputStream openBlob(Descriptor descriptor) throws IOException {
    InputStream raw = openRaw(descriptor.digest(), descriptor.size());
    return new VerifyingInputStream(raw, "docker://" + registry + "/" + repository, "blob " + descriptor.digest(),
        descriptor.digest(), descriptor.size());
  }

  /**
   * Opens a blob's raw bytes, unverified (for the image core, which verifies).
   *
   * @param digest the blob
   * @param size the declared size, or -1
   * @return the stream
   * @throws IOException when it cannot be opened
   */
  InputStream openRaw(Digest digest, long size) throws IOException {
    return onEndpoints(e -> blobs.open(e, digest, size));
  }

  /**
   * Lists the manifests that refer to a subject (OCI 1.1 referrers API, or the {@code sha256-<hex>}
   * tag fallback when the registry has no such API).
   *
   * @param subject the subject manifest's digest
   * @return the referrers
   * @throws IOException when the registry cannot be read, or the list passes the {@code referrers} limit
   */
  public Referrers referrers(Digest subject) throws IOException {
    Objects.requireNonNull(subject, "subject");
    return onEndpoints(e -> referrers.list(e, subject, Optional.empty()));
  }

  /**
   * Lists the manifests of one artifact type that refer to a subject.
   *
   * @param subject the subject manifest's digest
   * @param artifactType e.g. {@code application/vnd.dev.sigstore.bundle.v0.3+json}
   * @return the referrers of that type
   * @throws IOException when the registry cannot be read, or the list passes the {@code referrers} limit
   */
  public Referrers referrers(Digest subject, String artifactType) throws IOException {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(artifactType, "artifactType");
    return onEndpoints(e -> referrers.list(e, subject, Optional.of(artifactType)));
  }

  /** One call against one endpoint. */
  private interface Call<T> {
    T on(Endpoint endpoint) throws IOException;
  }

  private <T> T onEndpoints(Call<T> call) throws IOException {
    for (int i = 0; i < endpoints.size() - 1; i++) {
      Endpoint m = endpoints.get(i);
      if (unreachable.contains(m)) {
        continue;
      }
      try {
        return call.on(m);
      } catch (IOException e) {
        if (e instanceof RegistryException re && re.status() == 0) {
          // No answer at all: do not wait for this mirror again for this repository.
          unreachable.add(m);
        }
        LOG.log(Level.WARNING, "mirror {0} of {1} failed ({2}); trying the next", m.host(), registry,
            e instanceof ImageSourceException ise ? ise.problem() : e.getClass().getSimpleName());
      }
    }
    return call.on(endpoints.get(endpoints.size() - 1));
  }

  private <T> Optional<T> onEndpointsUntilPresent(Call<Optional<T>> call) throws IOException {
    for (int i = 0; i < endpoints.size() - 1; i++) {
      if (unreachable.contains(endpoints.get(i))) {
        continue;
      }
      try {
        Optional<T> r = call.on(endpoints.get(i));
        if (r.isPresent()) {
          return r;
        }
      } catch (IOException e) {
        LOG.log(Level.WARNING, "mirror {0} of {1} failed; trying the next", endpoints.get(i).host(), registry);
      }
    }
    return call.on(endpoints.get(endpoints.size() - 1));
  }

  @Override
  public String toString() {
    return "docker://" + registry + "/" + repository;
  }
}
