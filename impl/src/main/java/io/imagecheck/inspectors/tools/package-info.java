/**
 * The {@code tools} inspector: debugging and network tools reachable in the image, as executables or
 * as BusyBox/toybox applets.
 *
 * <p>Depends on: {@code io.imagecheck.inspect}, {@code io.imagecheck.fs}, {@code io.imagecheck.image},
 * {@code io.imagecheck.inspectors.executables}.
 */
@NullMarked
package io.imagecheck.inspectors.tools;

import org.jspecify.annotations.NullMarked;
