/**
 * Building merged filesystem views: {@link io.imagecheck.filesystems.FileSystemViews} reads an image's
 * layers (in parallel, each exactly once) into an {@link io.imagecheck.fs.FileSystemView}, serving the
 * declared {@link io.imagecheck.fs.ContentNeeds} in the same pass.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.fs}, {@code io.imagecheck.source},
 * {@code io.imagecheck.internal.fs}, {@code io.imagecheck.cache}.
 */
@NullMarked
package io.imagecheck.filesystems;

import org.jspecify.annotations.NullMarked;
