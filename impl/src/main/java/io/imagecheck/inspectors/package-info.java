/**
 * The built-in inspectors, listed explicitly in {@link io.imagecheck.inspectors.Inspectors#builtIn()}
 * (no classpath scanning), each in its own sub-package: shells, package managers and packages,
 * debugging and network tools, users, permissions, secrets, hygiene, signatures and provenance.
 *
 * <p>Depends on: {@code io.imagecheck.inspect}, {@code io.imagecheck.fs}, {@code io.imagecheck.image};
 * the sub-packages.
 */
@NullMarked
package io.imagecheck.inspectors;

import org.jspecify.annotations.NullMarked;
