package io.imagecheck.testkit;

import static io.imagecheck.testkit.ImageCheckAssertions.assertThat;
import static io.imagecheck.testkit.SyntheticImages.hardenedLayer;
import static io.imagecheck.testkit.SyntheticImages.looseLayer;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.imagecheck.inspect.Severity;
import org.junit.jupiter.api.Test;

/** Tests for the inspection assertions of {@link ImageAssert}: exact messages naming path, layer and step. */
class ImageAssertInspectionsTest extends ImageFixtures {

  @Test
  void should_pass_has_no_shell_on_an_image_without_one() {
    // WHEN / THEN: passes and chains
    assertThat(hardened).hasNoShell().hasNoPackageManager().runsAsNonRoot().hasNoSetuidFiles().hasNoSecrets();
  }

  @Test
  void should_fail_has_no_shell_naming_the_link_its_target_the_layer_and_the_step() {
    // WHEN
    Throwable error = catchThrowable(() -> assertThat(loose).hasNoShell());

    // THEN
    org.assertj.core.api.Assertions.assertThat(error).isInstanceOf(AssertionError.class).hasMessage(
        "Expecting image " + loose.source() + " not to contain a shell, but /bin/sh (-> /bin/busybox) was added by "
            + looseLayer(1));
  }

  @Test
  void should_fail_has_no_package_manager_naming_the_file_and_layer() {
    assertThatThrownBy(() -> assertThat(loose).hasNoPackageManager()).hasMessage(
        "Expecting image " + loose.source() + " not to contain a package manager, but /sbin/apk was added by "
            + looseLayer(1));
  }

  @Test
  void should_fail_runs_as_non_root_when_no_user_is_set() {
    assertThatThrownBy(() -> assertThat(loose).runsAsNonRoot()).hasMessage(
        "Expecting image " + loose.source() + " to run as a non-root user, but No USER is set: the container runs as"
            + " root (uid 0), the runtime default");
  }

  @Test
  void should_fail_has_no_setuid_files_naming_the_mode_and_layer() {
    assertThatThrownBy(() -> assertThat(loose).hasNoSetuidFiles()).hasMessage(
        "Expecting image " + loose.source() + " not to contain setuid or setgid files, but /bin/su is setuid root"
            + " (-rwsr-xr-x), added by " + looseLayer(1));
  }

  @Test
  void should_pass_the_hardened_policy_and_fail_it_listing_every_failing_inspector() {
    // GIVEN / WHEN / THEN
    assertThat(hardened).passesPolicy("hardened");
    String nl = System.lineSeparator();
    assertThatThrownBy(() -> assertThat(loose).passesPolicy("hardened")).hasMessage(
        "Expecting image " + loose.source() + " under policy hardened (fails on high) to pass, but it failed:" + nl
            + "- shell failed" + nl
            + "    [high] shell.present: Shell busybox (BusyBox v1.36.1) is reachable at /bin/sh -> /bin/busybox; also at"
            + " /bin/busybox, added by " + looseLayer(1) + nl
            + "- package-manager failed" + nl
            + "    [high] package-manager.present: Package manager apk reachable at /sbin/apk, added by " + looseLayer(1)
            + nl
            + "- tools failed" + nl
            + "    [high] tools.present: Tool su is reachable at /bin/su, added by " + looseLayer(1) + nl
            + "- user failed" + nl
            + "    [high] user.root: No USER is set: the container runs as root (uid 0), the runtime default" + nl
            + "- permissions failed" + nl
            + "    [high] permissions.setuid: /bin/su is setuid root (-rwsr-xr-x), added by " + looseLayer(1));
  }

  @Test
  void should_fail_has_no_findings_at_or_above_listing_each_with_severity_rule_and_layer() {
    // WHEN
    Throwable error = catchThrowable(() -> assertThat(loose).hasNoFindingsAtOrAbove(Severity.HIGH));

    // THEN
    org.assertj.core.api.Assertions.assertThat(error).hasMessageStartingWith("Expecting image " + loose.source()
        + " to have no findings at or above high, but found ")
        .hasMessageContaining(System.lineSeparator() + "- [high] permissions.setuid: /bin/su is setuid root"
            + " (-rwsr-xr-x), added by " + looseLayer(1));
  }

  @Test
  void should_not_read_the_layers_again_for_chained_assertions() {
    // WHEN
    assertThat(hardened).hasNoShell();

    // THEN the second assertion reads the report kept for the image
    org.assertj.core.api.Assertions.assertThat(Inspections.report(hardened)).isSameAs(Inspections.report(hardened));
    org.assertj.core.api.Assertions.assertThat(Inspections.view(hardened)).isSameAs(Inspections.view(hardened));
  }

  @Test
  void should_name_the_layer_of_the_hardened_image_in_file_messages() {
    assertThatThrownBy(() -> assertThat(hardened).doesNotContain("/etc/passwd")).hasMessage(
        "Expecting image " + hardened.source() + " not to contain /etc/passwd, but it was added by " + hardenedLayer());
  }
}
