/**
 * In-toto statements and their predicates: SLSA provenance v0.2 and v1 (builder id, build type,
 * invocation, source repository and commit, materials / resolved dependencies), SPDX and CycloneDX
 * SBOMs, SLSA verification summaries; and the {@code provenance} inspector (the base image from
 * annotations, labels or provenance materials; mutable, unapproved and outdated bases; layers from the
 * base or the image's own). Only the inspector's {@code checkRegistry} option uses the network.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.inspect},
 * {@code io.imagecheck.source}, {@code io.imagecheck.sources}, {@code io.imagecheck.sources.registry},
 * {@code io.imagecheck.signatures} (attachment discovery), {@code io.imagecheck.internal.json}, Jackson.
 */
@NullMarked
package io.imagecheck.inspectors.provenance;

import org.jspecify.annotations.NullMarked;
