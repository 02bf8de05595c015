/**
 * The inspector SPI and its results: an {@link io.imagecheck.inspect.Inspector} looks at an image
 * through an {@link io.imagecheck.inspect.InspectionContext} (config, merged filesystem, per-layer
 * changes, the content it declared up front) and returns an
 * {@link io.imagecheck.inspect.InspectorResult}: structured facts (what it found, e.g. the shells or
 * the package inventory) and {@link io.imagecheck.inspect.Finding}s (what is wrong, each with a
 * stable rule id, a {@link io.imagecheck.inspect.Severity}, the path and the layer that added it).
 *
 * <p>Failed checks are data: a shell in {@code /bin} is a finding, not an exception. An inspector
 * throws only when it could not run; the scanner then records an {@code ERROR} result and the others
 * still run.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.fs}, {@code io.imagecheck.source}.
 */
@NullMarked
package io.imagecheck.inspect;

import org.jspecify.annotations.NullMarked;
