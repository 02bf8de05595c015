package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imagecheck.lab.LabImages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code imagecheck scan --policy hardened} on every image the lab builds with real tools (debootstrap,
 * umoci, buildah, dnf, npm, pip): the verdict and the facts a hardened-image review looks at.
 */
class ScanLabIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode scan(String image) throws IOException {
    LabImages lab = LabImages.get();
    String ref = "oci:" + lab.layout(image) + ":" + lab.image(image).tag();
    CliRun run = CliRun.of("scan", "--policy", "hardened", "--format", "json", ref);
    assertThat(run.code()).as(image + ": " + run.err()).isIn(0, 1);
    return JSON.readTree(run.out());
  }

  private static List<String> rules(JsonNode report) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : report.get("results")) {
      for (JsonNode f : r.path("findings")) {
        out.add(f.get("ruleId").asText() + " " + f.path("path").asText(""));
      }
    }
    return out;
  }

  private static JsonNode facts(JsonNode report, String inspector) {
    for (JsonNode r : report.get("results")) {
      if (r.get("inspector").asText().equals(inspector)) {
        return r.get("facts");
      }
    }
    throw new AssertionError("no result for " + inspector);
  }

  private static long packages(JsonNode report, String ecosystem) {
    long n = 0;
    for (JsonNode p : facts(report, "packages").get("packages")) {
      if (p.get("ecosystem").asText().equals(ecosystem)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void should_fail_debootstrap_debian_for_shells_package_managers_and_root() throws IOException {
    JsonNode r = scan("debian");
    assertThat(r.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(rules(r)).anyMatch(s -> s.startsWith("shell.present") && s.contains("bash"))
        .anyMatch(s -> s.startsWith("shell.present") && s.contains("/sh"))
        .anyMatch(s -> s.startsWith("package-manager.present") && s.contains("apt"))
        .anyMatch(s -> s.startsWith("package-manager.present") && s.contains("dpkg"))
        .anyMatch(s -> s.startsWith("user.root"));
    assertThat(packages(r, "deb")).isEqualTo((long) LabImages.get().image("debian").contents().dpkgInstalled().orElseThrow());
  }

  @Test
  void should_find_no_shell_in_the_stripped_debian_but_still_the_dpkg_database() throws IOException {
    JsonNode r = scan("debian-stripped");
    assertThat(rules(r)).noneMatch(s -> s.startsWith("shell.present")).noneMatch(s -> s.contains("/usr/bin/apt "));
    assertThat(packages(r, "deb")).isEqualTo((long) LabImages.get().image("debian").contents().dpkgInstalled().orElseThrow());
  }

  @Test
  void should_pass_the_distroless_like_image_under_hardened() throws IOException {
    JsonNode r = scan("distroless");
    assertThat(rules(r)).noneMatch(s -> s.startsWith("shell.") || s.startsWith("user.root")
        || s.startsWith("package-manager.present") || s.startsWith("tools.") || s.startsWith("secrets."));
    assertThat(r.get("verdict").asText()).isEqualTo("PASS");
    assertThat(facts(r, "user").get("effectiveUid").asInt()).isEqualTo(65532);
    assertThat(packages(r, "deb")).isEqualTo(1);
  }

  @Test
  void should_inventory_rpm_npm_and_pip_packages_of_the_pkgdbs_image() throws IOException {
    JsonNode r = scan("pkgdbs");
    List<String> purls = new ArrayList<>();
    facts(r, "packages").get("packages").forEach(p -> purls.add(p.get("purl").asText()));
    assertThat(purls).anyMatch(p -> p.startsWith("pkg:rpm/") && p.contains("lab-hello@1.0-1"))
        .anyMatch(p -> p.startsWith("pkg:npm/ms@2.1.3"))
        .anyMatch(p -> p.startsWith("pkg:npm/is-number@7.0.0"))
        .anyMatch(p -> p.startsWith("pkg:pypi/labpy@1.0"));
    assertThat(r.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(rules(r)).anyMatch(s -> s.startsWith("shell.present"));
  }

  @Test
  void should_fail_busybox_and_bud_for_the_busybox_shell_and_keep_bud_non_root() throws IOException {
    JsonNode busybox = scan("busybox");
    assertThat(busybox.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(rules(busybox)).anyMatch(s -> s.startsWith("shell.present /bin/sh"));
    JsonNode bud = scan("bud");
    assertThat(rules(bud)).anyMatch(s -> s.startsWith("shell.present")).noneMatch(s -> s.startsWith("user.root"));
  }
}
