/**
 * The {@code text} report format for people at a terminal:
 * {@link io.imagecheck.writers.text.TextReportWriter} groups findings by severity and names the layer and
 * build step that added each path; {@link io.imagecheck.writers.text.Printable} escapes everything taken
 * from an image so that it cannot drive the terminal.
 *
 * <p>Depends on: {@code io.imagecheck.report}, {@code io.imagecheck.inspect}, {@code io.imagecheck.policy},
 * {@code io.imagecheck.fs}, {@code io.imagecheck.writers} (the verdict of several reports).
 */
@NullMarked
package io.imagecheck.writers.text;

import org.jspecify.annotations.NullMarked;
