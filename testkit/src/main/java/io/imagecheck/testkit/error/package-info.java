/**
 * The failure messages of the testkit's assertions, one factory per kind of failure (as AssertJ's
 * {@code org.assertj.core.error}): each builds its message from the image's source, the path, and
 * where the path came from, the layer (counted from 1, with the short digest) and the history step:
 *
 * <pre>
 * Expecting image oci:build/image not to contain a shell, but /bin/sh (-&gt; /bin/busybox) was added by
 * layer 2 of 3 (sha256:ab12cd34ef56), history step 4: RUN apk add busybox
 * </pre>
 *
 * <p>Config values (user, labels, environment, entrypoint) name the history step that set them when the
 * builder recorded it. Text that comes from the image is printed with control characters escaped.
 *
 * <p>Depends on: AssertJ ({@code org.assertj.core.error}), {@code io.imagecheck.fs},
 * {@code io.imagecheck.inspect}, {@code io.imagecheck.report}, {@code io.imagecheck.structure}
 * (history steps).
 */
@NullMarked
package io.imagecheck.testkit.error;

import org.jspecify.annotations.NullMarked;
