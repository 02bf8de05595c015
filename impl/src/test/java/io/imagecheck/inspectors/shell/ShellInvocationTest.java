package io.imagecheck.inspectors.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.ImageConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShellInvocationTest {

  private static Optional<ShellInvocation> of(List<String> entrypoint, List<String> cmd, List<String> shell) {
    ImageConfig c = ImageConfig.builder().entrypoint(entrypoint).cmd(cmd).shell(shell).build();
    return ShellInvocation.of(c, ShellInspector.SHELL_NAMES);
  }

  @Test
  void should_find_docker_shell_form_in_cmd_and_entrypoint() {
    assertThat(of(List.of(), List.of("/bin/sh", "-c", "echo hi"), List.of()))
        .contains(new ShellInvocation("CMD", "/bin/sh", true));
    assertThat(of(List.of("/bin/sh", "-c", "exec app"), List.of(), List.of()))
        .contains(new ShellInvocation("ENTRYPOINT", "/bin/sh", true));
  }

  @Test
  void should_find_shells_behind_options_wrappers_and_custom_shell() {
    assertThat(of(List.of(), List.of("bash", "-o", "pipefail", "-ec", "x"), List.of()))
        .contains(new ShellInvocation("CMD", "bash", true));
    assertThat(of(List.of("/tini", "--"), List.of("/bin/bash", "-c", "x"), List.of()))
        .contains(new ShellInvocation("CMD", "/bin/bash", true));
    assertThat(of(List.of("gosu", "app", "sh", "-c", "x"), List.of(), List.of()))
        .contains(new ShellInvocation("ENTRYPOINT", "sh", true));
    assertThat(of(List.of(), List.of("busybox", "sh", "-c", "x"), List.of()))
        .contains(new ShellInvocation("CMD", "busybox", true));
    assertThat(of(List.of(), List.of("pwsh", "-Command", "x"), List.of("pwsh", "-Command")))
        .contains(new ShellInvocation("CMD", "pwsh", true));
  }

  @Test
  void should_tell_a_shell_running_a_script_or_interactively_from_shell_form() {
    assertThat(of(List.of(), List.of("sh"), List.of())).contains(new ShellInvocation("CMD", "sh", false));
    assertThat(of(List.of("/bin/bash", "/entrypoint.sh"), List.of("run"), List.of()))
        .contains(new ShellInvocation("ENTRYPOINT", "/bin/bash", false));
    assertThat(of(List.of(), List.of("sh", "-e", "script.sh", "-c"), List.of()))
        .contains(new ShellInvocation("CMD", "sh", false));
  }

  @Test
  void should_find_no_shell_in_exec_form_commands() {
    assertThat(of(List.of("/app"), List.of("/bin/sh", "-c", "x"), List.of())).isEmpty();
    assertThat(of(List.of(), List.of(), List.of())).isEmpty();
    assertThat(of(List.of("/usr/bin/python3", "sh"), List.of(), List.of())).isEmpty();
  }
}
