package io.imagecheck.inspectors.packages.dpkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Tests for {@link DpkgFileList}. */
class DpkgFileListTest {

  @Test
  void should_read_the_paths_of_bash_list_and_own_bin_bash() throws PackageDatabaseException {
    // GIVEN
    byte[] content =
        "/.\n/bin\n/bin/bash\n/usr/share/doc/bash\n/usr/share/doc/bash/copyright\nrelative\n\n"
            .getBytes(StandardCharsets.UTF_8);

    // WHEN
    DpkgFileList list = DpkgFileList.parse("/var/lib/dpkg/info/bash.list", content);

    // THEN
    assertThat(list.packageName()).isEqualTo("bash");
    assertThat(list.architecture()).isEmpty();
    assertThat(list.paths())
        .containsExactly(
            "/bin", "/bin/bash", "/usr/share/doc/bash", "/usr/share/doc/bash/copyright");
    assertThat(list.owns("/bin/bash")).isTrue();
    assertThat(list.owns("/bin/sh")).isFalse();
  }

  @Test
  void should_take_the_architecture_from_a_multi_arch_list_name() throws PackageDatabaseException {
    // GIVEN
    byte[] content = "/lib/x86_64-linux-gnu/libc.so.6\r\n".getBytes(StandardCharsets.UTF_8);

    // WHEN
    DpkgFileList list = DpkgFileList.parse("/var/lib/dpkg/info/libc6:amd64.list", content);

    // THEN
    assertThat(list.packageName()).isEqualTo("libc6");
    assertThat(list.architecture()).contains("amd64");
    assertThat(list.paths()).containsExactly("/lib/x86_64-linux-gnu/libc.so.6");
  }

  @Test
  void should_reject_a_file_that_is_not_a_list() {
    // GIVEN
    byte[] content = "/bin/bash\n".getBytes(StandardCharsets.UTF_8);

    // WHEN / THEN
    assertThatThrownBy(() -> DpkgFileList.parse("/var/lib/dpkg/info/bash.md5sums", content))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(
            "/var/lib/dpkg/info/bash.md5sums: not a dpkg file list: expected a name like"
                + " <package>.list");
  }
}
