package io.imagecheck.inspectors.shell;

import static io.imagecheck.testing.InspectorScans.findings;
import static io.imagecheck.testing.InspectorScans.maps;
import static io.imagecheck.testing.InspectorScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testing.FakeBinaries;
import io.imagecheck.testing.InspectorScans;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shell rules on synthetic images, each with an image that passes and one that fails. */
class ShellInspectorTest {

  private final ShellInspector inspector = new ShellInspector();

  private static TestImage.Builder debianLike() {
    return TestImage.builder().layer("debootstrap", l -> l
        .directory("/usr")
        .directory("/usr/bin")
        .symlink("/bin", "usr/bin")
        .file("/usr/bin/dash", FakeBinaries.program("dash"), 0755)
        .symlink("/usr/bin/sh", "dash")
        .file("/usr/bin/bash", FakeBinaries.program("bash"), 0755)
        .symlink("/usr/bin/rbash", "bash")
        .file("/usr/bin/ls", FakeBinaries.program("ls"), 0755));
  }

  @Test
  void should_report_each_shell_file_once_with_every_path_under_usrmerge() throws IOException {
    // GIVEN a Debian-like usrmerge tree with dash (as sh) and bash (as rbash)
    InspectorResult r = scan(debianLike().build(), inspector);
    // WHEN scanned THEN two findings: dash at /bin/sh, bash at /usr/bin/bash
    List<Finding> present = findings(r, ShellInspector.PRESENT);
    assertThat(present).extracting(f -> f.path().orElseThrow()).containsExactly("/usr/bin/bash", "/bin/sh");
    Finding dash = present.get(1);
    assertThat(dash.severity()).isEqualTo(Severity.HIGH);
    assertThat(dash.evidence()).containsEntry("kind", "dash").containsEntry("resolvedTarget", "/usr/bin/dash")
        .containsEntry("via", "/bin -> usr/bin, /usr/bin/sh -> dash")
        .containsEntry("paths", "/usr/bin/dash,/usr/bin/sh,/bin/dash,/bin/sh");
    assertThat(dash.message()).isEqualTo(
        "Shell dash is reachable at /bin/sh -> /usr/bin/dash; also at /usr/bin/dash, /usr/bin/sh, /bin/dash");
    assertThat(dash.origin()).hasValueSatisfying(o -> assertThat(o.createdBy()).contains("debootstrap"));
    assertThat(present.get(0).evidence()).containsEntry("kind", "bash")
        .containsEntry("paths", "/usr/bin/bash,/usr/bin/rbash,/bin/bash,/bin/rbash");
    assertThat(maps(r, "shells")).extracting(m -> m.get("resolvedPath")).containsExactly("/usr/bin/bash",
        "/usr/bin/dash");
    assertThat(r.status()).isEqualTo(InspectorResult.Status.FAIL);
  }

  @Test
  void should_pass_when_a_later_layer_whites_out_every_shell() throws IOException {
    // GIVEN the same tree with the shells deleted by a later layer (like debian-stripped)
    TestImage image = debianLike().layer("RUN rm shells", l -> l
        .whiteout("/usr/bin/dash").whiteout("/usr/bin/sh").whiteout("/usr/bin/bash").whiteout("/usr/bin/rbash"))
        .build();
    // WHEN scanned THEN nothing is reported
    InspectorResult r = scan(image, inspector);
    assertThat(r.findings()).isEmpty();
    assertThat(maps(r, "shells")).isEmpty();
    assertThat(r.status()).isEqualTo(InspectorResult.Status.PASS);
  }

  @Test
  void should_report_busybox_reached_through_a_hard_link_named_sh() throws IOException {
    // GIVEN busybox stored as /bin/[ and /bin/sh a hard link to it (no file called busybox)
    TestImage image = TestImage.builder().layer("ADD rootfs", l -> l
        .file("/bin/[", FakeBinaries.busybox("1.36.1", "sh", "ash", "ls"), 0755)
        .hardlink("/bin/sh", "/bin/[")
        .hardlink("/bin/ls", "/bin/[")).build();
    // WHEN
    InspectorResult r = scan(image, inspector);
    // THEN one finding at /bin/sh, via the hard link
    assertThat(findings(r, ShellInspector.PRESENT)).singleElement().satisfies(f -> {
      assertThat(f.path()).contains("/bin/sh");
      assertThat(f.evidence()).containsEntry("kind", "busybox").containsEntry("resolvedTarget", "/bin/[")
          .containsEntry("via", "hardlink /bin/sh => /bin/[").containsEntry("provides", "sh")
          .containsEntry("version", "1.36.1");
      assertThat(f.message()).isEqualTo("Shell busybox (BusyBox v1.36.1) is reachable at /bin/sh (hard link to /bin/[)");
    });
    assertThat(maps(r, "multiCallBinaries")).singleElement().satisfies(m -> assertThat(m)
        .containsEntry("path", "/bin/[").containsEntry("detectedBy", "content").containsEntry("applets", 5)
        .containsEntry("links", 3).containsEntry("providesShell", true));
  }

  @Test
  void should_report_a_bare_busybox_as_a_shell_applet_and_skip_one_built_without_shells() throws IOException {
    // GIVEN a busybox with no sh link, and (second image) a busybox built without any shell applet
    TestImage bare = TestImage.builder().layer("ADD", l -> l
        .file("/bin/busybox", FakeBinaries.busybox("1.36.1", "ash", "wget"), 0755)).build();
    TestImage noShell = TestImage.builder().layer("ADD", l -> l
        .file("/bin/busybox", FakeBinaries.busybox("1.36.1", "wget", "cat"), 0755)
        .symlink("/bin/cat", "busybox")).build();
    // WHEN / THEN the first is a shell ("busybox sh"), the second is not
    assertThat(findings(scan(bare, inspector), ShellInspector.PRESENT)).singleElement().satisfies(f -> {
      assertThat(f.path()).contains("/bin/busybox");
      assertThat(f.evidence()).containsEntry("provides", "sh (applet)");
      assertThat(f.message()).endsWith("reachable at /bin/busybox, which runs a shell as 'busybox sh'");
    });
    InspectorResult r = scan(noShell, inspector);
    assertThat(r.findings()).isEmpty();
    assertThat(maps(r, "multiCallBinaries")).singleElement()
        .satisfies(m -> assertThat(m).containsEntry("providesShell", false));
  }

  @Test
  void should_count_toybox_only_when_a_shell_name_links_to_it() throws IOException {
    TestImage withSh = TestImage.builder().layer("ADD", l -> l
        .file("/bin/toybox", FakeBinaries.toybox(), 0755).symlink("/bin/sh", "toybox")).build();
    TestImage withoutSh = TestImage.builder().layer("ADD", l -> l
        .file("/bin/toybox", FakeBinaries.toybox(), 0755).symlink("/bin/ls", "toybox")).build();
    assertThat(findings(scan(withSh, inspector), ShellInspector.PRESENT)).singleElement()
        .satisfies(f -> assertThat(f.evidence()).containsEntry("kind", "toybox").containsEntry("provides", "sh"));
    assertThat(scan(withoutSh, inspector).findings()).isEmpty();
  }

  @Test
  void should_ignore_shells_without_an_execute_bit() throws IOException {
    TestImage image = TestImage.builder().layer("ADD", l -> l
        .file("/bin/sh", FakeBinaries.program("sh"), 0644)).build();
    InspectorResult r = scan(image, inspector);
    assertThat(r.findings()).isEmpty();
    assertThat(r.fact("notExecutable")).contains(List.of("/bin/sh"));
  }

  @Test
  void should_search_the_config_path_and_report_shells_elsewhere_as_off_path() throws IOException {
    // GIVEN a busybox under /busybox (as distroless debug images have), with and without it on PATH
    TestImage onPath = TestImage.builder().config(c -> c.addEnv("PATH", "/busybox:/usr/bin"))
        .layer("ADD", l -> l.file("/busybox/sh", FakeBinaries.program("sh"), 0755)).build();
    TestImage offPath = TestImage.builder()
        .layer("ADD", l -> l.file("/busybox/sh", FakeBinaries.program("sh"), 0755)).build();
    // WHEN / THEN on PATH it is shell.present; elsewhere it is shell.off-path
    InspectorResult r1 = scan(onPath, inspector);
    assertThat(findings(r1, ShellInspector.PRESENT)).extracting(f -> f.path().orElseThrow())
        .containsExactly("/busybox/sh");
    assertThat(findings(r1, ShellInspector.OFF_PATH)).isEmpty();
    assertThat(r1.fact("searchPath")).contains(List.of("/busybox", "/usr/bin", "/usr/local/sbin", "/usr/local/bin",
        "/usr/sbin", "/sbin", "/bin"));
    InspectorResult r2 = scan(offPath, inspector);
    assertThat(findings(r2, ShellInspector.PRESENT)).isEmpty();
    assertThat(findings(r2, ShellInspector.OFF_PATH)).singleElement().satisfies(f -> {
      assertThat(f.path()).contains("/busybox/sh");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.evidence()).containsEntry("onPath", "false");
    });
    assertThat(maps(r2, "offPathShells")).extracting(m -> m.get("path")).containsExactly("/busybox/sh");
  }

  @Test
  void should_report_busybox_found_by_content_off_the_path() throws IOException {
    TestImage image = TestImage.builder().layer("ADD", l -> l
        .file("/opt/bb/bin/[", FakeBinaries.busybox("1.35.0", "sh"), 0755)).build();
    InspectorResult r = scan(image, inspector);
    assertThat(findings(r, ShellInspector.OFF_PATH)).singleElement().satisfies(f -> {
      assertThat(f.path()).contains("/opt/bb/bin/[");
      assertThat(f.evidence()).containsEntry("kind", "busybox").containsEntry("version", "1.35.0");
    });
  }

  @Test
  void should_treat_extra_shells_from_the_policy_as_shells() throws IOException {
    TestImage image = TestImage.builder().layer("ADD", l -> l
        .file("/usr/bin/nu", FakeBinaries.program("nu"), 0755)).build();
    assertThat(scan(image, inspector).findings()).isEmpty();
    InspectorResult r = scan(image, inspector, InspectorScans.withOptions("shell", Map.of("extraShells",
        List.of("nu"))));
    assertThat(findings(r, ShellInspector.PRESENT)).extracting(f -> f.evidence().get("kind")).containsExactly("nu");
  }

  @Test
  void should_flag_shell_form_command_and_say_when_the_shell_is_missing() throws IOException {
    // GIVEN a shell-form CMD with a shell, the same without one, and an exec-form CMD
    TestImage withShell = TestImage.builder().config(c -> c.cmd(List.of("/bin/sh", "-c", "exec /app")))
        .layer("ADD", l -> l.file("/bin/busybox", FakeBinaries.busybox("1.36.1", "sh"), 0755)
            .symlink("/bin/sh", "busybox")).build();
    TestImage withoutShell = TestImage.builder().config(c -> c.cmd(List.of("/bin/sh", "-c", "exec /app")))
        .layer("ADD", l -> l.file("/app", FakeBinaries.program("app"), 0755)).build();
    TestImage execForm = TestImage.builder().config(c -> c.entrypoint(List.of("/app")))
        .layer("ADD", l -> l.file("/app", FakeBinaries.program("app"), 0755)).build();
    // WHEN / THEN
    assertThat(findings(scan(withShell, inspector), ShellInspector.FORM_COMMAND)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.path()).contains("/bin/sh");
      assertThat(f.evidence()).containsEntry("instruction", "CMD").containsEntry("shellPresent", "true")
          .containsEntry("resolvedTarget", "/bin/busybox");
      assertThat(f.message()).isEqualTo("CMD is in shell form: it runs /bin/sh -c, so the image needs a shell at"
          + " run time");
    });
    InspectorResult missing = scan(withoutShell, inspector);
    assertThat(findings(missing, ShellInspector.FORM_COMMAND)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.evidence()).containsEntry("shellPresent", "false");
      assertThat(f.message()).isEqualTo("CMD is in shell form: it runs /bin/sh -c, but the image has no executable"
          + " /bin/sh: the container cannot start");
    });
    assertThat(missing.fact("shellCommand")).contains(Map.of("instruction", "CMD", "shell", "/bin/sh",
        "commandString", true, "shellPresent", false));
    InspectorResult exec = scan(execForm, inspector);
    assertThat(exec.findings()).isEmpty();
    assertThat(exec.fact("shellCommand")).isEmpty();
  }

  @Test
  void should_flag_a_command_that_runs_a_shell_found_on_path() throws IOException {
    TestImage image = TestImage.builder().config(c -> c.cmd(List.of("bash")))
        .layer("ADD", l -> l.file("/usr/bin/bash", FakeBinaries.program("bash"), 0755)).build();
    assertThat(findings(scan(image, inspector), ShellInspector.COMMAND)).singleElement().satisfies(f -> {
      assertThat(f.path()).contains("/usr/bin/bash");
      assertThat(f.message()).isEqualTo("CMD runs the shell bash (/usr/bin/bash), so the image needs a shell at run"
          + " time");
    });
  }
}
