/**
 * The benchmark harness: builds its inputs on this machine (a large layer from {@code /usr}, a
 * multi-layer image, a zstd variant, a 3 GiB layer), runs the floors ({@code gzip -dc | sha256sum},
 * the JDK's inflater alone, ...) and imagecheck side by side in the same run, and prints a Markdown
 * table of ratios against the performance targets. {@link io.imagecheck.bench.Harness} is the entry
 * point; {@code io.imagecheck.bench.jmh} holds the JMH microbenchmarks.
 *
 * <p>Depends on: the imagecheck library ({@code io.imagecheck.*}), the JDK, and the {@code tar},
 * {@code gzip}, {@code zstd}, {@code sha256sum}, {@code skopeo} and {@code docker-registry} commands
 * (rows whose commands are missing are reported as skipped).
 */
@NullMarked
package io.imagecheck.bench;

import org.jspecify.annotations.NullMarked;
