/**
 * In-toto statements and their predicates: SLSA provenance v0.2 and v1 (builder id, build type,
 * invocation, source repository and commit, materials / resolved dependencies), SPDX and CycloneDX
 * SBOMs, SLSA verification summaries; and the {@code provenance} inspector (base image, layers from
 * the base or the image's own).
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.inspect},
 * {@code io.imagecheck.source}, {@code io.imagecheck.sources}, {@code io.imagecheck.internal.json}, Jackson.
 */
@NullMarked
package io.imagecheck.inspectors.provenance;

import org.jspecify.annotations.NullMarked;
