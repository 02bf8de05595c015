/**
 * The {@code packages} inspector: the installed-package inventory of an image, read from the package
 * databases and language manifests through the readers in {@code io.imagecheck.inspectors.packages}
 * and its sub-packages, with package URLs named after the distribution in {@code /etc/os-release}.
 *
 * <p>Depends on: {@code io.imagecheck.inspect}, {@code io.imagecheck.fs}, {@code io.imagecheck.image},
 * {@code io.imagecheck.inspectors.packages} and its sub-packages.
 */
@NullMarked
package io.imagecheck.inspectors.inventory;

import org.jspecify.annotations.NullMarked;
