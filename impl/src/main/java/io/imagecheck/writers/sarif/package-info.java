/**
 * The SARIF 2.1.0 report format ({@link io.imagecheck.writers.sarif.SarifWriter}) for code-scanning
 * dashboards: one rule per rule id, one result per finding, located by its path inside the image, with a
 * stable fingerprint.
 *
 * <p>Depends on: {@code io.imagecheck.report}, {@code io.imagecheck.inspect}, {@code io.imagecheck.fs},
 * {@code io.imagecheck.writers} (the rule catalogue), {@code io.imagecheck.internal.json} (Jackson).
 */
@NullMarked
package io.imagecheck.writers.sarif;

import org.jspecify.annotations.NullMarked;
