/**
 * Report writers: {@link io.imagecheck.writers.ReportWriters} lists every format by name; each format
 * lives in its own sub-package ({@code .json}, {@code .text}, {@code .sarif}, {@code .junit},
 * {@code .sbom}, {@code .markdown}, {@code .html}). Writers stream to their output.
 *
 * <p>Depends on: {@code io.imagecheck.report}, {@code io.imagecheck.inspect}, the sub-packages.
 */
@NullMarked
package io.imagecheck.writers;

import org.jspecify.annotations.NullMarked;
