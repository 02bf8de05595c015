/**
 * Directory-shaped sources: the OCI image layout ({@code oci:DIR[:ref]}, and inside a tar,
 * {@code oci-archive:PATH[:ref]}) and the containers/image {@code dir:} layout.
 *
 * <p>Blob paths are derived from validated digests only, and a blob file that is a link leading out
 * of the layout directory is refused, so a crafted layout cannot make the reader open host files.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.source},
 * {@code io.imagecheck.sources}, {@code io.imagecheck.sources.archive}, {@code io.imagecheck.internal.*}.
 */
@NullMarked
package io.imagecheck.sources.layout;

import org.jspecify.annotations.NullMarked;
