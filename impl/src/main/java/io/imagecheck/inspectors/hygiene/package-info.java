/**
 * The {@code hygiene} inspector: package-manager caches left in any layer, remote {@code ADD} and
 * {@code sudo} in the build history, a missing health check, an exposed SSH port, and references by
 * a mutable tag.
 *
 * <p>Depends on: {@code io.imagecheck.inspect}, {@code io.imagecheck.fs}, {@code io.imagecheck.image},
 * {@code io.imagecheck.source} (to parse the image reference), {@code io.imagecheck.inspectors.history}.
 */
@NullMarked
package io.imagecheck.inspectors.hygiene;

import org.jspecify.annotations.NullMarked;
