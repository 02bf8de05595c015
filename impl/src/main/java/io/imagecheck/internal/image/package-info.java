/**
 * The shared core behind every source adapter: a {@link io.imagecheck.internal.image.BlobStore}
 * (the only thing an adapter must provide) turned into verified, lazily read
 * {@link io.imagecheck.image.Image}s, {@link io.imagecheck.image.ImageIndex}es and
 * {@link io.imagecheck.image.Layer}s, with platform selection and the common
 * {@link io.imagecheck.source.ImageSource} behaviour.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.source},
 * {@code io.imagecheck.internal.blob}, {@code io.imagecheck.internal.json}.
 */
@NullMarked
package io.imagecheck.internal.image;

import org.jspecify.annotations.NullMarked;
