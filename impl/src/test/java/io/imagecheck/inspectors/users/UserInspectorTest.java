package io.imagecheck.inspectors.users;

import static io.imagecheck.testing.InspectorScans.findings;
import static io.imagecheck.testing.InspectorScans.maps;
import static io.imagecheck.testing.InspectorScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.fs.FileType;
import io.imagecheck.image.Platform;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Policy;
import io.imagecheck.testimage.FileSpec;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testing.Fixtures;
import io.imagecheck.testing.InspectorScans;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class UserInspectorTest {

  private static final String PASSWD = "root:x:0:0:root:/root:/sbin/nologin\n"
      + "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n"
      + "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n";
  private static final String GROUP = "root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n";
  private static final String SHADOW = "root:!:19000:0:99999:7:::\nnobody:*:19000::::::\nnonroot:!*:19000::::::\n";

  private final UserInspector inspector = new UserInspector();

  private InspectorResult run(String user, String passwd, @Nullable String shadow) throws IOException {
    TestImage image = TestImage.builder().config(c -> c.user(user)).layer("ADD etc", l -> {
      l.file("/etc/passwd", passwd).file("/etc/group", GROUP);
      if (shadow != null) {
        l.entry(FileSpec.builder("/etc/shadow", FileType.REGULAR)
            .content(shadow).mode(0640).build());
      }
    }).build();
    return scan(image, inspector);
  }

  @Test
  void should_pass_a_non_root_user_known_to_passwd() throws IOException {
    for (String user : List.of("nonroot", "65532", "65532:65532", "nonroot:nonroot", "1000")) {
      InspectorResult r = run(user, PASSWD, SHADOW);
      assertThat(r.findings()).as(user).isEmpty();
      assertThat(r.fact("effectiveUid")).as(user).contains(user.equals("1000") ? 1000L : 65532L);
      // a uid without a passwd entry gets gid 0, as the runtime does
      assertThat(r.fact("effectiveGid")).as(user).contains(user.equals("1000") ? 0L : 65532L);
    }
  }

  @Test
  void should_report_root_for_empty_root_zero_and_names_mapped_to_uid_zero() throws IOException {
    String admin = PASSWD + "admin:x:0:0:admin:/root:/bin/sh\n";
    record Case(String user, String message) {}
    for (Case c : List.of(
        new Case("", "No USER is set: the container runs as root (uid 0), the runtime default"),
        new Case("root", "USER root maps to uid 0 in /etc/passwd: the container runs as root"),
        new Case("0", "USER 0 is uid 0: the container runs as root"),
        new Case("0:65532", "USER 0:65532 is uid 0: the container runs as root"),
        new Case("admin", "USER admin maps to uid 0 in /etc/passwd: the container runs as root"))) {
      InspectorResult r = run(c.user(), admin, SHADOW);
      assertThat(findings(r, UserInspector.ROOT)).as(c.user()).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.message()).isEqualTo(c.message());
        assertThat(f.evidence()).containsEntry("uid", "0");
      });
      assertThat(r.fact("effectiveUid")).as(c.user()).contains(0L);
    }
  }

  @Test
  void should_report_unknown_user_and_group_names() throws IOException {
    InspectorResult user = run("app", PASSWD, SHADOW);
    assertThat(findings(user, UserInspector.UNKNOWN)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.path()).contains("/etc/passwd");
      assertThat(f.message()).isEqualTo("USER app: user app is not in /etc/passwd: the runtime cannot resolve it and"
          + " the container will not start");
    });
    assertThat(user.fact("effectiveUid")).isEmpty();
    InspectorResult group = run("65532:staff", PASSWD, SHADOW);
    assertThat(findings(group, UserInspector.UNKNOWN)).singleElement().satisfies(f -> assertThat(f.evidence())
        .containsEntry("missing", "group").containsEntry("group", "staff"));
    assertThat(group.fact("effectiveUid")).contains(65532L);
    assertThat(group.fact("effectiveGid")).isEmpty();
  }

  @Test
  void should_report_a_named_user_in_an_image_without_passwd() throws IOException {
    TestImage scratch = TestImage.builder().config(c -> c.user("root"))
        .layer("COPY app", l -> l.file("/app", "binary", 0755)).build();
    InspectorResult r = scan(scratch, inspector);
    assertThat(r.findings()).extracting(Finding::ruleId).containsExactly(UserInspector.UNKNOWN, UserInspector.ROOT);
    assertThat(findings(r, UserInspector.UNKNOWN).get(0).evidence()).containsEntry("file", "absent");
    assertThat(findings(r, UserInspector.ROOT).get(0).message())
        .isEqualTo("USER root names root: the container is meant to run as root");
    assertThat(maps(r, "accounts")).isEmpty();
  }

  @Test
  void should_report_extra_uid_zero_accounts() throws IOException {
    InspectorResult clean = run("65532", PASSWD, SHADOW);
    assertThat(findings(clean, UserInspector.EXTRA_UID0)).isEmpty();
    InspectorResult r = run("65532", PASSWD + "toor:x:0:0::/root:/bin/sh\n", SHADOW);
    assertThat(findings(r, UserInspector.EXTRA_UID0)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.evidence()).containsEntry("account", "toor").containsEntry("line", "4");
      assertThat(f.message()).isEqualTo("Account toor has uid 0 (line 4 of /etc/passwd): it is root under another"
          + " name");
    });
    // uid 0 shared by root and toor is left to extra-uid0
    assertThat(findings(r, UserInspector.DUPLICATE_UID)).isEmpty();
  }

  @Test
  void should_report_empty_passwords_in_shadow_and_passwd_but_not_locked_ones() throws IOException {
    assertThat(findings(run("65532", PASSWD, SHADOW), UserInspector.EMPTY_PASSWORD)).isEmpty();
    InspectorResult r = run("65532", PASSWD.replace("nobody:x:", "nobody::"), SHADOW.replace("root:!:", "root::"));
    assertThat(findings(r, UserInspector.EMPTY_PASSWORD)).extracting(f -> f.path().orElseThrow() + " "
        + f.evidence().get("account")).containsExactly("/etc/passwd nobody", "/etc/shadow root");
    // without a shadow file the passwd field is all there is
    InspectorResult noShadow = run("65532", PASSWD.replace("nonroot:x:", "nonroot::"), null);
    assertThat(findings(noShadow, UserInspector.EMPTY_PASSWORD)).singleElement()
        .satisfies(f -> assertThat(f.message()).isEqualTo("Account nonroot has an empty password in /etc/passwd"
            + " (line 3): no password is asked"));
  }

  @Test
  void should_report_duplicate_uids_and_gids() throws IOException {
    assertThat(findings(run("65532", PASSWD, SHADOW), UserInspector.DUPLICATE_UID)).isEmpty();
    assertThat(findings(run("65532", PASSWD, SHADOW), UserInspector.DUPLICATE_GID)).isEmpty();
    TestImage image = TestImage.builder().config(c -> c.user("65532")).layer("ADD", l -> l
        .file("/etc/passwd", PASSWD + "app:x:65532:100::/app:/sbin/nologin\n")
        .file("/etc/group", GROUP + "nogroup:x:65534:\n")).build();
    InspectorResult r = scan(image, inspector);
    assertThat(findings(r, UserInspector.DUPLICATE_UID)).singleElement().satisfies(f -> {
      assertThat(f.message()).isEqualTo("uid 65532 is shared by nonroot, app in /etc/passwd");
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    });
    assertThat(findings(r, UserInspector.DUPLICATE_GID)).singleElement().satisfies(f -> {
      assertThat(f.path()).contains("/etc/group");
      assertThat(f.evidence()).containsEntry("gid", "65534").containsEntry("groups", "nobody,nogroup");
    });
  }

  @Test
  void should_read_passwd_through_a_symlink_and_report_malformed_lines_as_warnings() throws IOException {
    TestImage image = TestImage.builder().config(c -> c.user("nonroot")).layer("ADD", l -> l
        .file("/usr/share/base/passwd", PASSWD + "broken line\n")
        .symlink("/etc/passwd", "../usr/share/base/passwd")
        .file("/etc/group", GROUP)).build();
    InspectorResult r = scan(image, inspector);
    assertThat(r.findings()).isEmpty();
    assertThat(r.fact("effectiveUid")).contains(65532L);
    assertThat(r.fact("warnings")).contains(List.of("/etc/passwd:4 (broken line): expected 7 fields, got 1; line"
        + " ignored"));
  }

  @Test
  void should_report_implicit_root_and_roots_empty_password_in_dive_busybox() throws IOException {
    InspectorResult r = InspectorScans.scan("docker-archive:"
        + Fixtures.real("dive-docker-save-busybox/test-docker-image.tar"), null, inspector, Policy.defaults());
    assertThat(r.findings()).extracting(Finding::ruleId).containsExactly(UserInspector.ROOT,
        UserInspector.EMPTY_PASSWORD);
    assertThat(findings(r, UserInspector.EMPTY_PASSWORD).get(0).evidence()).containsEntry("account", "root")
        .containsEntry("file", "/etc/shadow");
    assertThat(maps(r, "accounts")).hasSize(9).first().isEqualTo(Map.of("name", "root", "uid", 0L, "gid", 0L,
        "home", "/root", "shell", "/bin/sh"));
    assertThat(maps(r, "groups")).hasSize(26);
    assertThat(r.fact("warnings")).contains(List.of());
  }

  @Test
  void should_report_only_implicit_root_in_alpine_311_whose_accounts_are_locked() throws IOException {
    InspectorResult r = InspectorScans.scan(Fixtures.real("trivy-docker-save-alpine311/alpine-311.tar.gz").toString(),
        null, inspector, Policy.defaults());
    assertThat(r.findings()).extracting(Finding::ruleId).containsExactly(UserInspector.ROOT);
    assertThat(maps(r, "accounts")).hasSize(27);
    assertThat(r.fact("user")).contains("");
  }

  @Test
  void should_report_user_0_of_the_distroless_images_which_have_a_nonroot_account() throws IOException {
    InspectorResult v14 = InspectorScans.scan("oci:"
        + Fixtures.real("slsa-verifier-cosign-layout-v1.4.0/container_workflow_dispatch")
        + ":sha256:a74d89d8dd863ca5dae4a29e0feede81ddf59197849a80784af5a02ab7786925", null, inspector,
        Policy.defaults());
    InspectorResult v21 = InspectorScans.scan("oci:"
        + Fixtures.real("slsa-verifier-cosign-layout-v2.1.0/container_workflow_dispatch")
        + ":sha256:234e2c830c2fb31ac5671789d22adfe44d30c3ee831d01beae5e237841a13122",
        Platform.parse("linux/amd64"), inspector, Policy.defaults());
    for (InspectorResult r : List.of(v14, v21)) {
      assertThat(r.findings()).singleElement().satisfies(f -> {
        assertThat(f.ruleId()).isEqualTo(UserInspector.ROOT);
        assertThat(f.evidence()).containsEntry("user", "0").containsEntry("source", "numeric");
      });
      assertThat(maps(r, "accounts")).extracting(m -> m.get("name") + ":" + m.get("uid"))
          .containsExactly("root:0", "nobody:65534", "nonroot:65532");
      assertThat(r.fact("effectiveGid")).contains(0L);
    }
  }
}
