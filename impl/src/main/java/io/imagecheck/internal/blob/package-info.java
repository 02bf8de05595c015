/**
 * Blob plumbing shared by every source: streams that verify digests and sizes while they are read,
 * decompression detected by magic bytes, and bounded whole reads for small documents.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.source}; commons-compress is not
 * used here; aircompressor for zstd.
 */
@NullMarked
package io.imagecheck.internal.blob;

import org.jspecify.annotations.NullMarked;
