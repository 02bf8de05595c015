package io.imagecheck.inspectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.fs.FileType;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspectors.packagemanager.PackageManagerInspector;
import io.imagecheck.inspectors.permissions.PermissionsInspector;
import io.imagecheck.inspectors.shell.ShellInspector;
import io.imagecheck.inspectors.tools.ToolsInspector;
import io.imagecheck.inspectors.users.UserInspector;
import io.imagecheck.lab.LabImageFacts;
import io.imagecheck.lab.LabImages;
import io.imagecheck.lab.TreeEntry;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The shell, package-manager, tools, user and permissions inspectors on images made by real tools
 * ({@code lab/make-images.sh}: debootstrap, umoci, buildah), checked against what those tools recorded
 * (the unpacked tree, {@code /etc/passwd}, the dpkg {@code status.d} files).
 */
class FilesystemInspectorsLabIT {

  private static final List<Inspector> INSPECTORS = List.of(new ShellInspector(), new PackageManagerInspector(),
      new ToolsInspector(), new UserInspector(), new PermissionsInspector());

  private static Report scan(LabImages lab, String name) throws IOException {
    LabImageFacts facts = lab.image(name);
    try (ImageSource source = ImageSources.open("oci:" + lab.layout(name) + ":" + facts.tag())) {
      return Scanner.with(Policy.defaults(), INSPECTORS).scan(source.image());
    }
  }

  private static InspectorResult result(Report report, String inspector) {
    return report.result(inspector).orElseThrow();
  }

  private static List<String> paths(Report report, String rule) {
    return report.findings().stream().filter(f -> f.ruleId().equals(rule)).map(f -> f.path().orElse("-")).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Report report, String inspector, String fact) {
    return (List<Map<String, Object>>) result(report, inspector).fact(fact).orElseThrow();
  }

  private static List<String> passwdUsers(Report report) {
    return maps(report, "user", "accounts").stream().map(m -> m.get("name") + ":" + m.get("uid")).toList();
  }

  /** Paths of the unpacked tree's regular files (hard links included) that match. */
  private static List<String> tree(LabImages lab, String name, Predicate<TreeEntry> filter) {
    return lab.tree(name).stream().filter(e -> e.type() == FileType.REGULAR || e.type() == FileType.HARDLINK)
        .filter(filter).map(TreeEntry::path).sorted().toList();
  }

  @Test
  void should_find_bash_dash_apt_dpkg_su_and_the_setuid_files_of_debootstrap_debian() throws IOException {
    LabImages lab = LabImages.get();
    Report r = scan(lab, "debian");
    // shells: bash, and dash as /bin/sh through usrmerge
    assertThat(maps(r, "shell", "shells")).extracting(m -> m.get("kind") + "@" + m.get("path") + "=" + m.get("resolvedPath"))
        .containsExactly("bash@/usr/bin/bash=/usr/bin/bash", "dash@/bin/sh=/usr/bin/dash");
    assertThat(paths(r, ShellInspector.COMMAND)).containsExactly("/bin/bash");
    // package managers, and the dpkg database they manage
    assertThat(paths(r, PackageManagerInspector.PRESENT)).containsExactly("/usr/bin/apt", "/usr/bin/apt-get",
        "/usr/bin/dpkg");
    assertThat(paths(r, PackageManagerInspector.DATABASE)).isEmpty();
    assertThat(maps(r, "package-manager", "databases")).extracting(m -> m.get("path"))
        .containsExactly("/var/lib/dpkg/status");
    // tools: su from util-linux (setuid), nothing else in minbase
    assertThat(paths(r, ToolsInspector.PRESENT)).containsExactly("/usr/bin/su");
    // user: implicit root; the accounts are those the lab read from /etc/passwd
    assertThat(r.findings()).filteredOn(f -> f.inspector().equals("user")).extracting(Finding::ruleId)
        .containsExactly(UserInspector.ROOT);
    assertThat(passwdUsers(r)).isEqualTo(lab.image("debian").contents().passwdUsers());
    // permissions: exactly the setuid and setgid files of the unpacked tree
    List<String> setuid = tree(lab, "debian", TreeEntry::isSetuid);
    assertThat(setuid).contains("/usr/bin/su", "/usr/bin/passwd", "/usr/bin/mount");
    assertThat(result(r, "permissions").fact("setuid")).contains(setuid);
    assertThat(result(r, "permissions").fact("setgid")).contains(tree(lab, "debian", TreeEntry::isSetgid));
    assertThat(paths(r, PermissionsInspector.SETUID)).isEqualTo(setuid);
    assertThat(result(r, "permissions").fact("worldWritable")).contains(tree(lab, "debian", e -> (e.mode() & 2) != 0));
  }

  @Test
  void should_find_no_shell_and_no_apt_but_dpkg_in_the_stripped_debian() throws IOException {
    LabImages lab = LabImages.get();
    Report r = scan(lab, "debian-stripped");
    assertThat(result(r, "shell").findings()).isEmpty();
    assertThat(maps(r, "shell", "shells")).isEmpty();
    // the lab whites out apt and apt-get but keeps dpkg, so the database is still managed
    assertThat(lab.treeEntry("debian-stripped", "/usr/bin/dpkg")).isPresent();
    assertThat(paths(r, PackageManagerInspector.PRESENT)).containsExactly("/usr/bin/dpkg");
    assertThat(paths(r, PackageManagerInspector.DATABASE)).isEmpty();
    assertThat(maps(r, "package-manager", "databases")).singleElement()
        .satisfies(m -> assertThat(m).containsEntry("path", "/var/lib/dpkg/status").containsEntry("managed", true));
  }

  @Test
  void should_pass_the_distroless_like_image_except_for_its_status_d_inventory() throws IOException {
    LabImages lab = LabImages.get();
    LabImageFacts facts = lab.image("distroless");
    Report r = scan(lab, "distroless");
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.ruleId()).isEqualTo(PackageManagerInspector.DATABASE);
      assertThat(f.path()).contains("/var/lib/dpkg/status.d");
      assertThat(f.evidence()).containsEntry("entries", Integer.toString(facts.contents().dpkgStatusD().size()));
    });
    assertThat(facts.config().user()).isEqualTo("65532:65532");
    assertThat(result(r, "user").fact("effectiveUid")).contains(65532L);
    assertThat(result(r, "user").fact("effectiveGid")).contains(65532L);
    assertThat(passwdUsers(r)).isEqualTo(facts.contents().passwdUsers());
    assertThat(maps(r, "shell", "shells")).isEmpty();
    assertThat(maps(r, "tools", "tools")).isEmpty();
  }

  @Test
  void should_find_the_busybox_shell_and_its_tool_applets_in_the_umoci_busybox() throws IOException {
    LabImages lab = LabImages.get();
    Report r = scan(lab, "busybox");
    assertThat(maps(r, "shell", "shells")).singleElement().satisfies(m -> assertThat(m)
        .containsEntry("path", "/bin/sh").containsEntry("resolvedPath", "/bin/busybox").containsEntry("kind", "busybox")
        .containsEntry("via", "/bin/sh -> busybox"));
    assertThat(maps(r, "shell", "multiCallBinaries")).singleElement().satisfies(m -> {
      assertThat(m).containsEntry("detectedBy", "content").containsEntry("path", "/bin/busybox");
      assertThat((Integer) m.get("applets")).isGreaterThan(100);
      // every name the lab linked to busybox, plus /bin/busybox itself
      long links = lab.tree("busybox").stream().filter(e -> e.type() == FileType.SYMLINK
          && e.linkTarget().filter(t -> t.equals("busybox") || t.equals("/bin/busybox")).isPresent()).count();
      assertThat(m).containsEntry("links", (int) links + 1);
    });
    // tools: links named like tools, then applets compiled in without a link
    List<Map<String, Object>> tools = maps(r, "tools", "tools");
    List<String> linkedTools = lab.tree("busybox").stream().filter(e -> e.type() == FileType.SYMLINK)
        .map(e -> e.path().substring(e.path().lastIndexOf('/') + 1)).filter(ToolsInspector.TOOLS::contains).toList();
    assertThat(linkedTools).contains("wget");
    assertThat(tools).filteredOn(m -> Boolean.TRUE.equals(m.get("linked"))).extracting(m -> m.get("name"))
        .containsExactlyInAnyOrderElementsOf(linkedTools);
    assertThat(tools).filteredOn(m -> Boolean.FALSE.equals(m.get("linked"))).extracting(m -> m.get("name"))
        .contains("nc").doesNotContainAnyElementsOf(linkedTools);
    assertThat(tools).allSatisfy(m -> assertThat(m).containsEntry("provider", "busybox"));
    assertThat(maps(r, "package-manager", "managers")).isEmpty();
  }

  @Test
  void should_accept_the_numeric_user_of_the_buildah_image_without_a_passwd_entry() throws IOException {
    LabImages lab = LabImages.get();
    Report r = scan(lab, "bud");
    assertThat(lab.image("bud").config().user()).isEqualTo("1000:1000");
    assertThat(lab.image("bud").contents().passwdUsers()).doesNotContain("1000");
    assertThat(result(r, "user").findings()).isEmpty();
    assertThat(result(r, "user").fact("effectiveUid")).contains(1000L);
    assertThat(result(r, "user").fact("effectiveGid")).contains(1000L);
    assertThat(paths(r, ShellInspector.PRESENT)).containsExactly("/bin/sh");
  }

  @Test
  void should_report_the_rpm_and_python_databases_of_pkgdbs_as_inventory() throws IOException {
    LabImages lab = LabImages.get();
    LabImageFacts facts = lab.image("pkgdbs");
    Report r = scan(lab, "pkgdbs");
    String distInfo = facts.contents().pythonDistInfo().keySet().iterator().next();
    assertThat(paths(r, PackageManagerInspector.DATABASE)).containsExactly(facts.contents().rpmDatabase().orElseThrow() + "/rpmdb.sqlite",
        distInfo.substring(0, distInfo.lastIndexOf('/')));
    assertThat(paths(r, PackageManagerInspector.PRESENT)).isEmpty();
  }
}
