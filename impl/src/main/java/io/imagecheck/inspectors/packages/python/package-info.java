/**
 * Reader of installed Python distributions: {@code *.dist-info/METADATA} (with {@code INSTALLER}
 * and {@code RECORD}) and {@code *.egg-info/PKG-INFO} (with {@code installed-files.txt}).
 *
 * <p>Each file describes one package, so a malformed one raises a
 * {@link io.imagecheck.inspectors.packages.PackageDatabaseException} rather than a warning; the
 * caller skips that package and goes on.
 *
 * <p>Depends on: {@code io.imagecheck.inspectors.packages} ({@code PackageUrl}, the exception),
 * {@code io.imagecheck.fs} ({@code ImagePaths}).
 */
@NullMarked
package io.imagecheck.inspectors.packages.python;

import org.jspecify.annotations.NullMarked;
