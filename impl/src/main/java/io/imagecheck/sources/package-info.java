/**
 * Opening image sources: {@link io.imagecheck.sources.ImageSources} turns a reference string
 * ({@code docker-archive:}, {@code oci:}, {@code oci-archive:}, {@code dir:}, or an unprefixed path
 * whose kind is detected) into an {@link io.imagecheck.source.ImageSource}, with
 * {@link io.imagecheck.sources.SourceOptions} for the platform and read limits. Each transport's
 * adapter lives in a sub-package.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.source}, the adapter sub-packages.
 */
@NullMarked
package io.imagecheck.sources;

import org.jspecify.annotations.NullMarked;
