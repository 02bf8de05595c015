package io.imagecheck.testkit;

import static io.imagecheck.testkit.ImageCheckAssertions.assertThat;
import static io.imagecheck.testkit.SyntheticImages.looseLayer;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for the file assertions of {@link ImageAssert}, {@link FileSystemAssert} and {@link FileAssert}. */
class ImageAssertFilesTest extends ImageFixtures {

  @Test
  void should_chain_file_assertions_on_a_file_that_holds() {
    assertThat(loose).containsFile("/app/server").withMode("0750").withPermissions("-rwxr-x---").ownedBy(65532, 65532)
        .isExecutable().isRegularFile().hasContent("#!/bin/true\n").contentMatches("^#!").hasSize(12);
    assertThat(loose).containsFile("/bin/sh").isExecutable().withMode("755");
    assertThat(loose).containsFile("/tmp").isDirectory().withPermissions("drwxrwxrwt").withMode("1777");
  }

  @Test
  void should_fail_with_mode_naming_both_modes_and_the_layer() {
    assertThatThrownBy(() -> assertThat(loose).containsFile("/app/server").withMode("0755")).hasMessage(
        "Expecting /app/server in image " + loose.source() + " to have mode 0755, but it has mode 0750 (-rwxr-x---);"
            + " it was added by " + looseLayer(3));
  }

  @Test
  void should_name_the_link_and_its_target_for_a_file_reached_through_a_symlink() {
    assertThatThrownBy(() -> assertThat(loose).containsFile("/bin/sh").withMode("4755")).hasMessage(
        "Expecting /bin/sh (-> /bin/busybox) in image " + loose.source() + " to have mode 4755, but it has mode 0755"
            + " (-rwxr-xr-x); it was added by " + looseLayer(1));
  }

  @Test
  void should_fail_owned_by_and_is_executable() {
    assertThatThrownBy(() -> assertThat(loose).containsFile("/app/server").ownedBy(0, 0)).hasMessage(
        "Expecting /app/server in image " + loose.source() + " to be owned by 0:0, but it is owned by 65532:65532;"
            + " it was added by " + looseLayer(3));
    assertThatThrownBy(() -> assertThat(loose).containsFile("/app/config.yaml").isExecutable()).hasMessage(
        "Expecting /app/config.yaml in image " + loose.source() + " to be executable, but it has mode 0644"
            + " (-rw-r--r--); it was added by " + looseLayer(3));
    assertThatThrownBy(() -> assertThat(loose).containsFile("/app").isExecutable()).hasMessage(
        "Expecting /app in image " + loose.source() + " to be executable, but it is a directory (drwxr-xr-x); it was"
            + " added by " + looseLayer(3));
  }

  @Test
  void should_fail_content_assertions_showing_the_content_escaped() {
    assertThatThrownBy(() -> assertThat(loose).containsFile("/app/config.yaml").hasContent("port: 9090\n")).hasMessage(
        "Expecting /app/config.yaml in image " + loose.source() + " to have content \"port: 9090\\n\", but it has"
            + " \"port: 8080\\ndebug: true\\n\" (23 bytes); it was added by " + looseLayer(3));
    assertThatThrownBy(() -> assertThat(loose).containsFile("/app/config.yaml").contentMatches("(?m)^tls:"))
        .hasMessage("Expecting /app/config.yaml in image " + loose.source() + " to have content matching /(?m)^tls:/,"
            + " but it does not (23 bytes: \"port: 8080\\ndebug: true\\n\"); it was added by " + looseLayer(3));
    assertThatThrownBy(() -> assertThat(loose).containsFile("/app/config.yaml").contentDoesNotMatch("debug: \\w+"))
        .hasMessage("Expecting /app/config.yaml in image " + loose.source() + " not to have content matching"
            + " /debug: \\w+/, but it has \"debug: true\" at offset 11; it was added by " + looseLayer(3));
  }

  @Test
  void should_fail_contains_file_for_a_missing_path() {
    assertThatThrownBy(() -> assertThat(loose).containsFile("/app/missing")).hasMessage(
        "Expecting image " + loose.source() + " to contain /app/missing, but it does not exist");
  }

  @Test
  void should_name_the_layer_that_added_and_the_layer_that_deleted_a_path() {
    assertThatThrownBy(() -> assertThat(loose).containsFile("/usr/bin/curl")).hasMessage(
        "Expecting image " + loose.source() + " to contain /usr/bin/curl, but it was added by " + looseLayer(2)
            + " and deleted by " + looseLayer(3));
  }

  @Test
  void should_fail_does_not_contain_naming_a_symlink_target_and_the_layer() {
    // GIVEN / WHEN / THEN
    assertThat(loose).doesNotContain("/bin/bash").doesNotContain("/usr/bin/curl");
    assertThatThrownBy(() -> assertThat(loose).doesNotContain("/bin/sh")).hasMessage(
        "Expecting image " + loose.source() + " not to contain /bin/sh, but it (-> busybox) was added by "
            + looseLayer(1));
  }

  @Test
  void should_offer_the_same_file_assertions_on_a_file_system_view() {
    // GIVEN
    var fs = Inspections.view(loose);

    // WHEN / THEN
    assertThat(fs).containsFile("/etc/passwd").contentMatches("(?m)^root:x:0:0:");
    assertThat(fs).filesMatching("/bin/*").extracting(FileEntry::name).containsExactly("busybox", "sh", "su");
    assertThatThrownBy(() -> assertThat(fs).doesNotContain("/sbin/apk")).hasMessage(
        "Expecting image " + loose.source() + " not to contain /sbin/apk, but it was added by " + looseLayer(1));
  }

  @Test
  void should_reject_a_malformed_mode_as_a_caller_error() {
    assertThatThrownBy(() -> assertThat(loose).containsFile("/app/server").withMode("rwx"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an octal mode: \"rwx\"; expected e.g. 0755 or 4755");
  }

  @Test
  void should_report_an_unreadable_layer_as_an_error_not_a_failure(@TempDir Path layout) throws Exception {
    // GIVEN an image whose layer blobs are deleted after its tree was read
    SyntheticImages.HARDENED.writeOciLayout(layout, "latest");
    try (ImageSource source = ImageSources.open("oci:" + layout + ":latest")) {
      Image image = source.image();
      assertThat(image).containsFile("/app/server");
      for (Digest d : SyntheticImages.HARDENED.layerDigests()) {
        Files.delete(layout.resolve("blobs/sha256/" + d.hex()));
      }

      // WHEN / THEN
      assertThatThrownBy(() -> assertThat(image).containsFile("/app/server").hasContent("x"))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageStartingWith("cannot read /app/server of " + image.source() + ": ");
    }
  }
}
