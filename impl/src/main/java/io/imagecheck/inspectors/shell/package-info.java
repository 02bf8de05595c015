/**
 * The {@code shell} inspector: shells reachable in the image (on {@code PATH}, in the usual bin
 * directories, and elsewhere), BusyBox and toybox multi-call binaries that provide one, and
 * {@code ENTRYPOINT}/{@code CMD} values that need a shell at run time.
 *
 * <p>Depends on: {@code io.imagecheck.inspect}, {@code io.imagecheck.fs}, {@code io.imagecheck.image},
 * {@code io.imagecheck.inspectors.executables}.
 */
@NullMarked
package io.imagecheck.inspectors.shell;

import org.jspecify.annotations.NullMarked;
