/**
 * Scanning: {@link io.imagecheck.scan.Scanner} builds the merged filesystem once with the content every
 * selected inspector declared, runs the inspectors concurrently on it, applies the policy (disabled
 * rules, severity overrides, waivers and their expiry) and assembles the {@link io.imagecheck.report.Report}.
 * With {@link io.imagecheck.scan.Scanner#withCache}, layers scanned before come from a layer cache.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.fs}, {@code io.imagecheck.inspect},
 * {@code io.imagecheck.policy}, {@code io.imagecheck.report}, {@code io.imagecheck.filesystems},
 * {@code io.imagecheck.inspectors}, {@code io.imagecheck.cache} (the optional layer cache).
 */
@NullMarked
package io.imagecheck.scan;

import org.jspecify.annotations.NullMarked;
