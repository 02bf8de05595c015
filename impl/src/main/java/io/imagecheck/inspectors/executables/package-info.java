/**
 * What the executable-based inspectors ({@code shell}, {@code package-manager}, {@code tools}) share:
 * the command search path of an image ({@link io.imagecheck.inspectors.executables.SearchPaths}), the
 * index of executables reachable from it, resolved through the image's own symlinks and hard links
 * ({@link io.imagecheck.inspectors.executables.ExecutableIndex}), and the content detection of
 * multi-call binaries such as BusyBox and toybox
 * ({@link io.imagecheck.inspectors.executables.MultiCallVisitor}).
 *
 * <p>Depends on: {@code io.imagecheck.fs}, {@code io.imagecheck.image}, {@code io.imagecheck.cache} (the
 * multi-call visitor's cache codec).
 */
@NullMarked
package io.imagecheck.inspectors.executables;

import org.jspecify.annotations.NullMarked;
