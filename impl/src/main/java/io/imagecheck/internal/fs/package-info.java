/**
 * The merged filesystem: one streaming pass per layer ({@link io.imagecheck.internal.fs.LayerScanner},
 * layers in parallel) that records metadata and serves the declared content needs, then a merge in
 * layer order that applies whiteouts and opaque directories
 * ({@link io.imagecheck.internal.fs.Merger}) into an immutable
 * {@link io.imagecheck.internal.fs.MergedFileSystem}. With a {@link io.imagecheck.cache.LayerCache}, a
 * layer's scan is taken from the cache when its key is there and stored after it is read
 * ({@link io.imagecheck.internal.fs.LayerScanCodec}).
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.fs}, {@code io.imagecheck.source},
 * {@code io.imagecheck.internal.blob}, {@code io.imagecheck.cache}; commons-compress for tar headers.
 */
@NullMarked
package io.imagecheck.internal.fs;

import org.jspecify.annotations.NullMarked;
