/**
 * Helpers shared by inspectors that report on the image history (build steps): which layer a step
 * made, so a finding about a history command carries that layer's origin.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.fs}.
 */
@NullMarked
package io.imagecheck.inspectors.history;

import org.jspecify.annotations.NullMarked;
