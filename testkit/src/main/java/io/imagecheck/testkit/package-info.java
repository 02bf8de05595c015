/**
 * AssertJ assertions for container images: one entry point,
 * {@link io.imagecheck.testkit.ImageCheckAssertions#assertThat(io.imagecheck.image.Image)} (and its
 * overloads for a {@link io.imagecheck.fs.FileSystemView}, a {@link io.imagecheck.report.Report} and a
 * {@link io.imagecheck.inspect.Finding}), soft assertions that collect failures
 * ({@link io.imagecheck.testkit.SoftImageAssertions}), and container-structure-test configs run as a
 * test ({@link io.imagecheck.testkit.StructureTests}).
 *
 * <pre>{@code
 * try (ImageSource source = ImageSources.open("oci-archive:target/app.tar")) {
 *   Image image = source.image();
 *   assertThat(image).hasNoShell().runsAsNonRoot().hasNoSetuidFiles();
 *   assertThat(image).containsFile("/app/server").withMode("0755").ownedBy(0, 0).isExecutable();
 * }
 * }</pre>
 *
 * <p>Assertions that need the inspectors run one scan per image and keep its report; file assertions
 * read the merged filesystem once per image; both are kept while the image is reachable (keyed by
 * identity, thread-safe), so chained assertions do not read the layers again. Failure messages come from
 * {@code io.imagecheck.testkit.error} and name the path, the layer and the history step.
 *
 * <p>Depends on: AssertJ, {@code io.imagecheck.image}, {@code io.imagecheck.fs},
 * {@code io.imagecheck.inspect}, {@code io.imagecheck.policy}, {@code io.imagecheck.report}, and from the
 * implementation {@code io.imagecheck.filesystems}, {@code io.imagecheck.scan},
 * {@code io.imagecheck.structure}.
 */
@NullMarked
package io.imagecheck.testkit;

import org.jspecify.annotations.NullMarked;
