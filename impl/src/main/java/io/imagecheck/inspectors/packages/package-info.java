/**
 * Readers of installed-package databases (dpkg, apk, rpm, Python, npm, Java archives), each in its own
 * sub-package, and what they share (package URLs, warnings, text decoding). The {@code packages} inspector
 * built on them is in {@code io.imagecheck.inspectors.inventory}; the {@code package-manager} inspector,
 * which looks for executables, is in {@code io.imagecheck.inspectors.packagemanager}.
 *
 * <p>Readers are pure parsers: bytes in, ecosystem-specific records out. They never touch the host
 * filesystem, bound every length they read, and report malformed input as a
 * {@link io.imagecheck.inspectors.packages.PackageDatabaseException}.
 *
 * <p>Depends on: the JDK only (the sub-packages depend on this package, never the reverse).
 */
@NullMarked
package io.imagecheck.inspectors.packages;

import org.jspecify.annotations.NullMarked;
