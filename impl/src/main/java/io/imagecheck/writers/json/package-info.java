/**
 * The {@code json} report format: {@link io.imagecheck.writers.json.JsonReportWriter} streams a report
 * with stable camelCase field names, described by the JSON Schema {@code report-1.0.schema.json}
 * (kept in the repository under {@code docs/schema/} and packaged next to the writer).
 *
 * <p>Depends on: {@code io.imagecheck.report}, {@code io.imagecheck.inspect}, {@code io.imagecheck.policy},
 * {@code io.imagecheck.fs}, {@code io.imagecheck.image}, {@code io.imagecheck.internal.json} and Jackson's
 * streaming generator.
 */
@NullMarked
package io.imagecheck.writers.json;

import org.jspecify.annotations.NullMarked;
