/**
 * Synthetic container images for tests: {@link io.imagecheck.testimage.TestImage#builder()} describes
 * layers entry by entry ({@link io.imagecheck.testimage.TestLayer}, {@link io.imagecheck.testimage.FileSpec},
 * and {@link io.imagecheck.testimage.RawTarEntry} for hostile tar headers), a config and a history, and
 * writes the image as an OCI layout, an OCI archive, a legacy {@code docker save} archive or a
 * containers/image {@code dir:} directory. {@link io.imagecheck.testimage.TestIndex} writes
 * multi-platform indexes; {@link io.imagecheck.testimage.SampleImages} writes the project's bundled
 * sample image.
 *
 * <p>Everything is deterministic: the same builder input gives byte-identical output (fixed
 * modification times, fixed JSON key order, gzip headers without a timestamp, no wall clock), so
 * digests can be asserted. Tar headers, JSON, gzip framing and Zstandard frames are written here
 * without third-party libraries, which keeps this module small and lets tests craft malformed input.
 * {@link io.imagecheck.testimage.Tamper} and a few builder options make deliberately inconsistent
 * images for negative tests.
 *
 * <p>Images are built in memory and are meant to be small.
 *
 * <p>Depends on: {@code io.imagecheck.image} (the model's values: {@code Digest}, {@code MediaType},
 * {@code Descriptor}, {@code Platform}, {@code ImageConfig}) and {@code io.imagecheck.fs}
 * ({@code FileType}); the JDK otherwise.
 */
@NullMarked
package io.imagecheck.testimage;

import org.jspecify.annotations.NullMarked;
