/**
 * An opt-in, content-addressed cache of per-layer scan results, so that scanning an image whose base
 * layers were scanned before reads only its new layers.
 *
 * <p>{@link io.imagecheck.cache.LayerCache} is the store: files under a directory the caller chooses,
 * written atomically, checked against a checksum when read, bounded by size with least-recently-used
 * eviction, and safe to share between concurrent processes. What goes into it, and under which key, is
 * decided by the view builder ({@code io.imagecheck.filesystems.FileSystemViews} and
 * {@code io.imagecheck.scan.Scanner#withCache}); content visitors opt in to having their results stored
 * by implementing {@link io.imagecheck.cache.CacheableVisitor}, and {@link io.imagecheck.cache.Encodings}
 * helps them write their results.
 *
 * <p>Depends on: the JDK, {@code io.imagecheck.fs} (the visitor SPI) and {@code io.imagecheck.image}.
 */
@NullMarked
package io.imagecheck.cache;

import org.jspecify.annotations.NullMarked;
