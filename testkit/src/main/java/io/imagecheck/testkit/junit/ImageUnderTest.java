package io.imagecheck.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The image a test class (or a field, or a parameter) is about; registers {@link ImageCheckExtension}.
 *
 * <pre>{@code
 * @ImageUnderTest("oci-archive:target/app.tar")
 * class AppImageTest {
 *   @Test
 *   void has_no_shell(Image image) {
 *     assertThat(image).hasNoShell();
 *   }
 *
 *   @Test
 *   void ships_the_server(FileSystemView fs, Report hardened) {
 *     assertThat(fs).containsFile("/app/server").isExecutable();
 *     assertThat(hardened).passes();
 *   }
 * }
 * }</pre>
 *
 * <p>On a field of type {@code Image}, {@code FileSystemView}, {@code Report} or {@code ImageSource}, the
 * field is injected (static fields before all tests). On a parameter, that parameter gets its own image.
 * Other parameters of those types get the class's image: the annotation on the class (or an enclosing
 * class), else the one annotated field.
 *
 * <p><b>Which image.</b> The system property named by {@link #property()}, if set, else the environment
 * variable named by {@link #env()}, if set, else {@link #value()}: CI can build an image and run
 * {@code mvn verify -Dimagecheck.image=oci-archive:/build/app.tar}. Relative paths are resolved against
 * the working directory (the module's directory under Maven).
 *
 * <p><b>A missing image</b> fails the tests (or skips them with {@link Missing#SKIP}) with a message that
 * names the reference, where it came from and how to provide it. The system property
 * {@code <property>.ifMissing} ({@code skip} or {@code fail}) overrides {@link #ifMissing()}. An image
 * that exists but cannot be read always fails.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@ExtendWith(ImageCheckExtension.class)
public @interface ImageUnderTest {

  /**
   * The image reference: {@code docker-archive:PATH[:TAG]}, {@code oci:DIR[:REF]},
   * {@code oci-archive:PATH[:REF]}, {@code dir:DIR}, or a path whose kind is detected.
   *
   * @return the reference
   */
  String value();

  /**
   * The system property that overrides {@link #value()}.
   *
   * @return the property name (default {@code imagecheck.image}); empty for none
   */
  String property() default "imagecheck.image";

  /**
   * The environment variable that overrides {@link #value()} when the property is not set.
   *
   * @return the variable name (default {@code IMAGECHECK_IMAGE}); empty for none
   */
  String env() default "IMAGECHECK_IMAGE";

  /**
   * The platform to pick from a multi-platform index, e.g. {@code linux/arm64}.
   *
   * @return the platform; empty for the host's platform, else the only one
   */
  String platform() default "";

  /**
   * The policy of an injected {@code Report}: a built-in name or a policy file.
   *
   * @return the policy (default {@code hardened})
   */
  String policy() default "hardened";

  /**
   * What to do when the image does not exist.
   *
   * @return {@link Missing#FAIL} (default) or {@link Missing#SKIP}
   */
  Missing ifMissing() default Missing.FAIL;

  /** What to do when the image under test does not exist. */
  enum Missing {
    /** Fail every test that needs the image, saying how to build or point at it. */
    FAIL,
    /** Skip them (aborted, with the same message): for tests of an image not every build produces. */
    SKIP
  }
}
