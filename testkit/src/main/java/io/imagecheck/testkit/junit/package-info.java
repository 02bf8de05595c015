/**
 * A JUnit Jupiter extension for tests of container images: {@link io.imagecheck.testkit.junit.ImageUnderTest}
 * names the image (on the test class, a field or a parameter; a system property or environment variable
 * overrides it, so CI can point the same tests at a freshly built image), and
 * {@link io.imagecheck.testkit.junit.ImageCheckExtension} opens it once per test class, injects the
 * {@link io.imagecheck.image.Image}, its {@link io.imagecheck.fs.FileSystemView} and its
 * {@link io.imagecheck.report.Report}, and closes it after the class.
 *
 * <pre>{@code
 * @ImageUnderTest("docker-archive:target/jib-image.tar")
 * class AppImageTest {
 *   @Test
 *   void runs_as_non_root(Image image) {
 *     assertThat(image).runsAsNonRoot().hasNoShell();
 *   }
 * }
 * }</pre>
 *
 * <p>Depends on: the JUnit Jupiter API, {@code io.imagecheck.testkit}, {@code io.imagecheck.sources},
 * {@code io.imagecheck.policies}.
 */
@NullMarked
package io.imagecheck.testkit.junit;

import org.jspecify.annotations.NullMarked;
