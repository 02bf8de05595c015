/**
 * Synthetic images for users' own tests: the {@code testimage} module's
 * {@link io.imagecheck.testimage.TestImage} builder (a dependency of the testkit, so nothing else to add)
 * and {@link io.imagecheck.testkit.image.TestImages}, which writes one and opens it for the assertions.
 *
 * <p>Depends on: {@code io.imagecheck.testimage}, {@code io.imagecheck.source},
 * {@code io.imagecheck.sources}.
 */
@NullMarked
package io.imagecheck.testkit.image;

import org.jspecify.annotations.NullMarked;
