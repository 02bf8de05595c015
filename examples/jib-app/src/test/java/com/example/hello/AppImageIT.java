package com.example.hello;

import static io.imagecheck.testkit.ImageCheckAssertions.assertThat;

import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Image;
import io.imagecheck.report.Report;
import io.imagecheck.testkit.SoftImageAssertions;
import io.imagecheck.testkit.junit.ImageUnderTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Tests of the image {@code jib:buildTar} wrote at package time. The extension opens it once for the class;
 * {@code -Dimagecheck.image=...} points the same tests at another build of it.
 */
@ImageUnderTest("docker-archive:target/jib-image.tar")
class AppImageIT {

  @Test
  void runs_as_non_root_without_a_shell_or_package_manager(Image image) {
    assertThat(image).runsAsNonRoot().hasNoShell().hasNoPackageManager().hasNoSetuidFiles().hasNoSecrets();
  }

  @Test
  void ships_the_application_jar_where_jib_puts_it(FileSystemView fs) {
    assertThat(fs).containsFile("/app/classpath/jib-app-1.0.0.jar").withMode("0644").ownedBy(0, 0);
    assertThat(fs).containsFile("/app/jib-main-class-file").hasContent("com.example.hello.Main");
    assertThat(fs).doesNotContain("/bin/sh");
  }

  @Test
  void is_configured_as_the_pom_says(Image image, SoftImageAssertions softly) {
    softly.assertThat(image)
        .hasUser("65532:65532")
        .hasEntrypoint("java", "-cp", "@/app/jib-classpath-file", "com.example.hello.Main")
        .hasEnv("APP_MODE", "production")
        .hasLabel("org.opencontainers.image.version", "1.0.0")
        .exposesPorts("8080/tcp");
    softly.check(() -> assertThat(image).layers().isNotEmpty());
  }

  @Test
  void passes_the_hardened_policy(Report hardened) {
    assertThat(hardened).passes();
  }

  @Test
  void passes_its_structure_tests(Image image) {
    assertThat(image).passesStructureTests(Path.of("src/test/structure/app.yaml"));
  }
}
