/**
 * Where images come from: {@link io.imagecheck.source.ImageSource} (one adapter per transport:
 * {@code docker-archive:}, {@code oci:}, {@code oci-archive:}, {@code dir:}, {@code docker://}),
 * {@link io.imagecheck.source.ImageReference} (the transport-prefixed names skopeo users know),
 * {@link io.imagecheck.source.ReadLimits}, and the checked exceptions for input that cannot be read.
 *
 * <p>All exceptions here extend {@link io.imagecheck.source.ImageSourceException}, an
 * {@link java.io.IOException}, so the same type surfaces from a verifying stream's {@code read} and
 * from the API. Messages name the source, the thing and what was expected.
 *
 * <p>Depends on: {@code io.imagecheck.image}.
 */
@NullMarked
package io.imagecheck.source;

import org.jspecify.annotations.NullMarked;
