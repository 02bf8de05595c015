package io.imagecheck.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registers {@link ImageCheckExtension} on a test class whose images are named on fields or parameters
 * only, or that only wants an injected {@code SoftImageAssertions} (a class annotated with
 * {@link ImageUnderTest} needs nothing else).
 *
 * <pre>{@code
 * @ImageCheckTest
 * class TwoImagesTest {
 *   @Test
 *   void same_user(@ImageUnderTest("oci:build/a") Image a, @ImageUnderTest("oci:build/b") Image b,
 *       SoftImageAssertions softly) {
 *     softly.assertThat(b).hasUser(a.config().user());
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(ImageCheckExtension.class)
public @interface ImageCheckTest {
}
