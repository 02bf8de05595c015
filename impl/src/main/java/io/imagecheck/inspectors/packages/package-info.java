/**
 * Readers of installed-package databases (dpkg, apk, rpm, Python, npm, Java archives), each in its own
 * sub-package, and the {@code packages} inspector built on them (the {@code package-manager} inspector, which looks
 * for executables, is in {@code io.imagecheck.inspectors.packagemanager}).
 *
 * <p>Readers are pure parsers: bytes in, ecosystem-specific records out. They never touch the host
 * filesystem, bound every length they read, and report malformed input as a
 * {@link io.imagecheck.inspectors.packages.PackageDatabaseException}.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.fs}, {@code io.imagecheck.inspect}.
 */
@NullMarked
package io.imagecheck.inspectors.packages;

import org.jspecify.annotations.NullMarked;
