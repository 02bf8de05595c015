/**
 * Drift between two images (usually two builds of the same image): files added, removed and changed
 * (content digest, type, mode, owner, link target) and config changes (user, env, entrypoint, cmd,
 * working directory, labels, exposed ports, volumes). {@link io.imagecheck.diff.ImageDiffs} computes an
 * {@link io.imagecheck.diff.ImageDiff} from two merged views.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.fs}.
 */
@NullMarked
package io.imagecheck.diff;

import org.jspecify.annotations.NullMarked;
