/**
 * SBOM report formats from the package inventory: SPDX 2.3 JSON
 * ({@link io.imagecheck.writers.sbom.SpdxJsonWriter}, written with a streaming generator) and CycloneDX
 * 1.6 JSON ({@link io.imagecheck.writers.sbom.CycloneDxJsonWriter}, built with the CycloneDX project's
 * library).
 *
 * <p>Depends on: {@code io.imagecheck.report}, {@code io.imagecheck.inspect}, {@code io.imagecheck.fs},
 * {@code io.imagecheck.writers} (the package inventory), {@code io.imagecheck.internal.json} (Jackson),
 * {@code org.cyclonedx} (cyclonedx-core-java).
 */
@NullMarked
package io.imagecheck.writers.sbom;

import org.jspecify.annotations.NullMarked;
