/**
 * The container image model: {@link io.imagecheck.image.Image}, {@link io.imagecheck.image.ImageIndex},
 * {@link io.imagecheck.image.Layer} and the values they are described by ({@link io.imagecheck.image.Digest},
 * {@link io.imagecheck.image.MediaType}, {@link io.imagecheck.image.Descriptor},
 * {@link io.imagecheck.image.Platform}, {@link io.imagecheck.image.ImageConfig}).
 *
 * <p>Names follow the OCI image specification. Values are immutable records; absence is shown by
 * {@link java.util.Optional} in accessors (for records, that makes the component itself optional,
 * since a record's accessor has its component's type); factories take plain values.
 *
 * <p>Depends on: the JDK only.
 */
@NullMarked
package io.imagecheck.image;

import org.jspecify.annotations.NullMarked;
