/**
 * The Markdown report format ({@link io.imagecheck.writers.markdown.MarkdownWriter}): a compact summary
 * for pull-request comments and CI step summaries, bounded in size.
 *
 * <p>Depends on: {@code io.imagecheck.report}, {@code io.imagecheck.inspect}, {@code io.imagecheck.fs},
 * {@code io.imagecheck.writers} (the package inventory).
 */
@NullMarked
package io.imagecheck.writers.markdown;

import org.jspecify.annotations.NullMarked;
