package io.imagecheck.testkit.junit;

import static io.imagecheck.testkit.ImageCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Image;
import io.imagecheck.report.Report;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testkit.Inspections;
import io.imagecheck.testkit.SoftImageAssertions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Tests for {@link ImageCheckExtension}: runs small test classes (static nested, not run by Surefire itself) with
 * JUnit's engine test kit and checks what they were injected and how a missing image is reported.
 */
class ImageCheckExtensionTest {

  /** The property the nested classes read their image from (so this test points them at a temp layout). */
  static final String PROPERTY = "imagecheck.extension-test.image";

  static final TestImage IMAGE = TestImage.builder()
      .config(c -> c.user("65532").entrypoint(List.of("/app/server")))
      .layer("COPY server /app/", l -> l.directory("/app").file("/app/server", "server", 0755))
      .build();

  @TempDir
  static Path dir;

  /** What the nested classes saw: injected objects and images opened. */
  static final List<Object> SEEN = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void writeImage() throws Exception {
    IMAGE.writeOciArchive(dir.resolve("app.tar"), "latest");
    System.setProperty(PROPERTY, "oci-archive:" + dir.resolve("app.tar"));
  }

  @AfterAll
  static void clearProperty() {
    System.clearProperty(PROPERTY);
  }

  @AfterEach
  void clearSeen() {
    SEEN.clear();
  }

  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
  }

  private static Events runContainers(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().containerEvents();
  }

  // ---- classes run by the tests (enabled only while this class has set PROPERTY) -------------------

  @EnabledIfSystemProperty(named = PROPERTY, matches = ".+", disabledReason = "run by ImageCheckExtensionTest only")
  @ImageUnderTest(value = "oci-archive:build/never.tar", property = PROPERTY)
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class ClassLevel {
    @Test
    void first(Image image, FileSystemView fs, Report report) {
      SEEN.add(image);
      SEEN.add(fs);
      SEEN.add(report);
      assertThat(image).hasUser("65532").containsFile("/app/server").isExecutable();
    }

    @Test
    void second(Image image) {
      SEEN.add(image);
    }

    @Test
    void fails(Image image) {
      assertThat(image).hasUser("0");
    }
  }

  @EnabledIfSystemProperty(named = PROPERTY, matches = ".+", disabledReason = "run by ImageCheckExtensionTest only")
  static class FieldLevel {
    @ImageUnderTest(value = "oci-archive:build/never.tar", property = PROPERTY)
    static Image image;

    @ImageUnderTest(value = "oci-archive:build/never.tar", property = PROPERTY)
    FileSystemView fs;

    @Test
    void injected() {
      SEEN.add(image);
      SEEN.add(fs);
    }
  }

  @EnabledIfSystemProperty(named = PROPERTY, matches = ".+", disabledReason = "run by ImageCheckExtensionTest only")
  @ImageUnderTest(value = "oci-archive:target/does-not-exist.tar", property = "", env = "")
  static class MissingFails {
    @Test
    void needs_the_image(Image image) {
      SEEN.add(image);
    }
  }

  @EnabledIfSystemProperty(named = PROPERTY, matches = ".+", disabledReason = "run by ImageCheckExtensionTest only")
  @ImageUnderTest(value = "oci-archive:target/does-not-exist.tar", property = "", env = "",
      ifMissing = ImageUnderTest.Missing.SKIP)
  static class MissingSkips {
    @Test
    void needs_the_image(Image image) {
      SEEN.add(image);
    }
  }

  @EnabledIfSystemProperty(named = PROPERTY, matches = ".+", disabledReason = "run by ImageCheckExtensionTest only")
  @ImageCheckTest
  static class Soft {
    @Test
    void collects(@ImageUnderTest(value = "x", property = PROPERTY) Image image, SoftImageAssertions softly) {
      softly.assertThat(image).hasUser("0").hasEntrypoint("/bin/sh");
      SEEN.add("after soft failures");
    }
  }

  // ---- tests ----------------------------------------------------------------------------------------

  @Test
  void should_inject_the_class_image_opened_once_with_the_view_and_report_the_assertions_use() {
    // WHEN
    Events events = run(ClassLevel.class);

    // THEN
    events.assertStatistics(s -> s.started(3).succeeded(2).failed(1));
    Image image = (Image) SEEN.get(0);
    assertThat(SEEN.get(3)).isSameAs(image);
    assertThat(image.source()).isEqualTo("oci-archive:" + dir.resolve("app.tar"));
    assertThat(SEEN.get(1)).isSameAs(Inspections.view(image));
    assertThat(((Report) SEEN.get(2)).policy().name()).isEqualTo("hardened");
    events.assertThatEvents().haveExactly(1, event(test("fails"), finishedWithFailure(message(
        "Expecting image " + image.source() + " to run as user \"0\", but it runs as \"65532\""))));
  }

  @Test
  void should_inject_static_and_instance_fields() {
    // WHEN
    Events events = run(FieldLevel.class);

    // THEN
    events.assertStatistics(s -> s.succeeded(1));
    assertThat(SEEN.get(0)).isInstanceOf(Image.class);
    assertThat(SEEN.get(1)).isSameAs(Inspections.view((Image) SEEN.get(0)));
  }

  @Test
  void should_fail_every_test_of_a_class_whose_image_is_missing_saying_how_to_provide_it() {
    // WHEN
    Events events = runContainers(MissingFails.class);

    // THEN the class fails before its test starts
    String missing = Path.of("target/does-not-exist.tar").toAbsolutePath().normalize().toString();
    events.assertThatEvents().haveExactly(1, event(container("MissingFails"), finishedWithFailure(
        instanceOf(ExtensionConfigurationException.class), message("@ImageUnderTest: image"
            + " oci-archive:target/does-not-exist.tar (from @ImageUnderTest) does not exist: " + missing
            + ": no such file or directory; build it first (e.g. mvn package)"))));
    assertThat(SEEN).isEmpty();
  }

  @Test
  void should_skip_when_configured_to() {
    // WHEN
    Events events = runContainers(MissingSkips.class);

    // THEN the class is aborted with the message, and its test never starts
    events.assertThatEvents().haveExactly(1, event(container("MissingSkips"), abortedWithReason(message(m ->
        m.startsWith("@ImageUnderTest: image oci-archive:target/does-not-exist.tar (from @ImageUnderTest) does not"
            + " exist: ") && m.endsWith("(skipped: ifMissing = SKIP)")))));
    assertThat(SEEN).isEmpty();
  }

  @Test
  void should_assert_injected_soft_assertions_after_the_test() {
    // WHEN
    Events events = run(Soft.class);

    // THEN the test body ran to its end, then both failures were reported
    assertThat(SEEN).containsExactly("after soft failures");
    events.assertStatistics(s -> s.failed(1));
    events.assertThatEvents().haveExactly(1, event(test("collects"), finishedWithFailure(
        message(m -> m.contains("image assertions (2 failures)") && m.contains("to have entrypoint [\"/bin/sh\"]")))));
  }

  @Test
  void should_let_a_system_property_point_the_tests_at_another_image() {
    // GIVEN the property set by this class, the annotation's value build/never.tar never exists
    // WHEN
    Events events = run(FieldLevel.class);

    // THEN
    events.assertThatEvents().haveExactly(1, event(test("injected"), finishedSuccessfully()));
    assertThat(((Image) SEEN.get(0)).config().user()).isEqualTo("65532");
  }
}
