/**
 * The {@code package-manager} inspector: package-manager executables reachable in the image, and
 * package databases left without their manager.
 *
 * <p>Depends on: {@code io.imagecheck.inspect}, {@code io.imagecheck.fs}, {@code io.imagecheck.image},
 * {@code io.imagecheck.inspectors.executables}.
 */
@NullMarked
package io.imagecheck.inspectors.packagemanager;

import org.jspecify.annotations.NullMarked;
