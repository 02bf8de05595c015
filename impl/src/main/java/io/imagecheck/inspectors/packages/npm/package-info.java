/**
 * Readers of installed npm packages: {@code node_modules/**}{@code /package.json} manifests and the
 * lockfiles {@code package-lock.json} (versions 1, 2 and 3), {@code npm-shrinkwrap.json} and the
 * hidden {@code node_modules/.package-lock.json}.
 *
 * <p>JSON is parsed with Jackson under tight {@code StreamReadConstraints} (nesting depth, document,
 * string, name and number lengths), made in one place, {@code NpmJson}; malformed JSON raises a
 * {@link io.imagecheck.inspectors.packages.PackageDatabaseException}.
 *
 * <p>Depends on: {@code io.imagecheck.inspectors.packages} ({@code PackageUrl}, the exception),
 * {@code io.imagecheck.fs} ({@code ImagePaths}), Jackson databind.
 */
@NullMarked
package io.imagecheck.inspectors.packages.npm;

import org.jspecify.annotations.NullMarked;
