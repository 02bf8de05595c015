/**
 * Scan reports: the {@link io.imagecheck.report.Report} record (image identity, policy, per-inspector
 * results, summary, verdict) and the {@link io.imagecheck.report.ReportWriter} SPI that turns it into
 * JSON, SARIF, text and the other formats the implementation offers.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.inspect}, {@code io.imagecheck.policy}.
 */
@NullMarked
package io.imagecheck.report;

import org.jspecify.annotations.NullMarked;
