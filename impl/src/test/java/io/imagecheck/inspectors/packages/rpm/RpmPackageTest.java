package io.imagecheck.inspectors.packages.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tests for {@link RpmPackage}. */
class RpmPackageTest {

  private static RpmPackage pkg(Optional<Integer> epoch, String arch, List<String> files) {
    return new RpmPackage("libattr1", epoch, "2.5.1", "4", arch, "", "", "", 0, Optional.empty(), List.of(), files);
  }

  @Test
  void should_format_evr_like_rpm_epochnum() {
    // WHEN / THEN
    assertThat(pkg(Optional.empty(), "x86_64", List.of()).evr()).isEqualTo("0:2.5.1-4");
    assertThat(pkg(Optional.of(1), "x86_64", List.of()).evr()).isEqualTo("1:2.5.1-4");
    assertThat(pkg(Optional.of(-1), "x86_64", List.of()).evr()).isEqualTo("4294967295:2.5.1-4");
    assertThat(RpmPackage.formatEvr(0, "7.76.0", "6.cm2")).isEqualTo("0:7.76.0-6.cm2");
  }

  @Test
  void should_format_nevra_without_a_dot_when_arch_is_absent() {
    // WHEN / THEN
    assertThat(pkg(Optional.of(3), "noarch", List.of()).nevra()).isEqualTo("libattr1-3:2.5.1-4.noarch");
    assertThat(pkg(Optional.empty(), "", List.of()).nevra()).isEqualTo("libattr1-0:2.5.1-4");
  }

  @Test
  void should_copy_the_file_list_and_answer_ownership() {
    // GIVEN
    List<String> files = new ArrayList<>(List.of("/bin/sh"));

    // WHEN
    RpmPackage p = pkg(Optional.empty(), "x86_64", files);
    files.add("/bin/bash");

    // THEN
    assertThat(p.files()).containsExactly("/bin/sh");
    assertThat(p.ownsFile("/bin/sh")).isTrue();
    assertThat(p.ownsFile("/bin/bash")).isFalse();
  }

  @Test
  void should_reject_an_empty_name_and_a_negative_size() {
    // WHEN / THEN
    assertThatThrownBy(() -> new RpmPackage("", Optional.empty(), "1", "1", "", "", "", "", 0, Optional.empty(),
        List.of(), List.of())).isInstanceOf(IllegalArgumentException.class).hasMessage("empty package name");
    assertThatThrownBy(() -> new RpmPackage("a", Optional.empty(), "1", "1", "", "", "", "", -1, Optional.empty(),
        List.of(), List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negative size -1 for package a");
  }
}
