/**
 * The {@code docker://} source: an OCI Distribution API client on {@code java.net.http}.
 *
 * <p>{@link io.imagecheck.sources.registry.RegistrySource} opens an
 * {@link io.imagecheck.source.ImageSource} on a registry reference;
 * {@link io.imagecheck.sources.registry.RegistryClient} is the shared, thread-safe client (connection
 * reuse, token cache, bounded blob concurrency) configured by
 * {@link io.imagecheck.sources.registry.RegistryOptions};
 * {@link io.imagecheck.sources.registry.RegistryRepository} exposes one repository's endpoints to the
 * library (tags, referrers, manifests, blobs). One package-private class per endpoint does the work:
 * {@code ManifestFetcher}, {@code BlobFetcher}, {@code TagLister}, {@code ReferrersFetcher}, each with
 * a {@code describeAction()} used in error messages; {@code RegistryTransport} sends requests with
 * authentication, retries, redirects (the {@code Authorization} header never leaves the registry host)
 * and timeouts.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.source},
 * {@code io.imagecheck.sources} ({@code SourceOptions}), {@code io.imagecheck.sources.registry.auth},
 * {@code io.imagecheck.internal.image}, {@code io.imagecheck.internal.blob},
 * {@code io.imagecheck.internal.json}.
 */
@NullMarked
package io.imagecheck.sources.registry;

import org.jspecify.annotations.NullMarked;
