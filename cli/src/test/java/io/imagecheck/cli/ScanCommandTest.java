package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.image.Platform;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.Severity;
import io.imagecheck.internal.json.Json;
import io.imagecheck.testimage.SampleImages;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testimage.TestIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code imagecheck scan} in-process: exit codes, formats, policies, --output and --all-platforms. */
class ScanCommandTest {

  private static final String REGCLIENT_V2_INDEX =
      "sha256:dfae8f425735a5e3a72e40d6609e03079995511d48157c74d54801ff4430491e";

  /** The hardened set for these tests: a shell, a private key, a setuid file. */
  private static final List<Inspector> INSPECTORS =
      List.of(TestInspectors.SHELL, TestInspectors.SECRETS, TestInspectors.PERMISSIONS);

  @TempDir
  Path tmp;

  private static TestImage busybox() {
    return TestImage.builder().platform(Platform.parse("linux/amd64"))
        .layer("RUN apk add busybox", l -> l.directory("/bin")
            .file("/bin/busybox", "busybox".getBytes(StandardCharsets.UTF_8), 0755)
            .symlink("/bin/sh", "busybox"))
        .emptyLayerStep("USER 65532")
        .layer("COPY app /app", l -> l.file("/app", "app"))
        .build();
  }

  private static TestImage clean() {
    return TestImage.builder().platform(Platform.parse("linux/arm64/v8"))
        .layer("COPY app /app", l -> l.file("/app", "app")).build();
  }

  private String layout(TestImage image, String name) throws IOException {
    Path dir = tmp.resolve(name);
    image.writeOciLayout(dir, "latest");
    return "oci:" + dir + ":latest";
  }

  private String sample() throws IOException {
    SampleImages.write(tmp.resolve("sample"));
    return tmp.resolve("sample").resolve(SampleImages.OCI_ARCHIVE).toString();
  }

  private static CliRun scan(String... args) {
    List<String> all = new ArrayList<>(List.of("scan"));
    all.addAll(List.of(args));
    return CliRun.with(INSPECTORS, all.toArray(String[]::new));
  }

  @Test
  void should_exit_0_and_say_pass_when_nothing_reaches_the_threshold() throws IOException {
    // GIVEN
    String source = layout(clean(), "clean");
    // WHEN
    CliRun run = scan(source);
    // THEN
    assertThat(run.code()).isEqualTo(ExitCode.OK.code());
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).startsWith("imagecheck ").contains("scan of " + source + "\n")
        .contains("  policy:     hardened, fails at high or above\n")
        .contains("\nNo findings.\n")
        .endsWith("\nPASS: no findings at or above high (policy hardened)\n");
  }

  @Test
  void should_exit_1_and_name_the_layer_and_history_step_of_a_shell() throws IOException {
    // GIVEN
    String source = layout(busybox(), "busybox");
    // WHEN
    CliRun run = scan(source);
    // THEN
    assertThat(run.code()).isEqualTo(ExitCode.POLICY_FAILURE.code());
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("\nHIGH (1)\n  shell.present: /bin/sh is present\n"
            + "    /bin/sh, added by layer 1 of 2 (sha256:")
        .contains("), history step 1: RUN apk add busybox\n")
        .endsWith("\nFAIL: 1 high finding at or above high (policy hardened)\n");
  }

  @Test
  void should_fail_the_sample_on_its_key_shell_and_setuid_file() throws IOException {
    // GIVEN the bundled sample image
    String source = sample();
    // WHEN
    CliRun run = scan(source);
    // THEN
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("\nCRITICAL (1)\n  secrets.private-key: /root/.ssh/id_rsa is present\n")
        .contains("  permissions.setuid: /usr/bin/passwd is present\n")
        .endsWith("\nFAIL: 1 critical, 2 high findings at or above high (policy hardened)\n");
  }

  @Test
  void should_pass_with_a_higher_fail_on_and_fail_with_a_lower_one() throws IOException {
    // GIVEN
    String source = layout(busybox(), "busybox");
    // WHEN
    CliRun critical = scan(source, "--fail-on", "critical");
    CliRun info = scan(source, "--fail-on", "INFO", "--policy", "baseline");
    // THEN
    assertThat(critical.code()).isZero();
    assertThat(critical.out()).endsWith("PASS: no findings at or above critical; 1 high below it (policy hardened)\n");
    assertThat(info.code()).as(info.err()).isEqualTo(2);
    assertThat(info.errLines()).singleElement().satisfies(l -> assertThat(l).startsWith(
        "imagecheck: policy baseline selects unknown inspector \"user\""));
  }

  @Test
  void should_rate_findings_as_warnings_under_baseline_but_fail_on_a_private_key() throws IOException {
    // GIVEN baseline's four inspectors
    List<Inspector> baseline = List.of(
        TestInspectors.whenPresent("user", "user.root", Severity.HIGH, "/nonexistent"),
        TestInspectors.PERMISSIONS, TestInspectors.SECRETS,
        TestInspectors.whenPresent("hygiene", "hygiene.package-cache", Severity.LOW, "/var/cache/apk"));
    String sample = sample();
    String setuidOnly = layout(TestImage.builder().layer("RUN install passwd", l -> l.directory("/usr/bin")
        .file("/usr/bin/passwd", "x".getBytes(StandardCharsets.UTF_8), 04755)).build(), "setuid");
    // WHEN
    CliRun keyed = CliRun.with(baseline, "scan", "--policy", "baseline", sample);
    CliRun warned = CliRun.with(baseline, "scan", "--policy", "baseline", setuidOnly);
    // THEN
    assertThat(keyed.code()).isEqualTo(1);
    assertThat(keyed.out()).endsWith("FAIL: 1 critical finding at or above critical (policy baseline)\n");
    assertThat(warned.code()).isZero();
    assertThat(warned.out()).contains("\nMEDIUM (1)\n  permissions.setuid: /usr/bin/passwd is present\n")
        .endsWith("PASS: no findings at or above critical; 1 medium below it (policy baseline)\n");
  }

  @Test
  void should_exit_2_and_still_print_the_report_when_an_inspector_throws() throws IOException {
    // GIVEN
    String source = layout(busybox(), "busybox");
    List<Inspector> inspectors = List.of(TestInspectors.SHELL, TestInspectors.throwing("users"));
    // WHEN
    CliRun run = CliRun.with(inspectors, "scan", source);
    // THEN
    assertThat(run.code()).isEqualTo(ExitCode.ERROR.code());
    assertThat(run.out()).contains("\nCould not run (1)\n  users: IOException: cannot read /etc/shadow\n")
        .endsWith("\nINCOMPLETE: 1 inspector could not run (users); 1 high finding at or above high "
            + "(policy hardened)\n");
    assertThat(run.errLines()).contains(
        "imagecheck: scan incomplete: users could not run; the image is not vouched for");
  }

  @Test
  void should_exit_2_when_no_inspector_is_available() throws IOException {
    // GIVEN
    String source = layout(clean(), "clean");
    // WHEN
    CliRun run = CliRun.with(List.of(), "scan", source);
    // THEN
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).endsWith("INCOMPLETE: no inspector ran (policy hardened)\n");
    assertThat(run.errLines()).containsExactly(
        "imagecheck: scan incomplete: no inspector ran; the image is not vouched for");
  }

  @Test
  void should_exit_2_with_one_line_for_a_missing_source() {
    // GIVEN
    String missing = tmp.resolve("nope.tar").toString();
    // WHEN
    CliRun run = scan(missing);
    // THEN
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).singleElement().satisfies(l -> assertThat(l).startsWith("imagecheck: ")
        .contains("nope.tar"));
  }

  @Test
  void should_exit_2_naming_the_policy_file_line_and_field() throws IOException {
    // GIVEN
    Path policy = tmp.resolve("policy.yaml");
    Files.writeString(policy, "extends: hardened\nseverities:\n  shell.present: hgh\n", StandardCharsets.UTF_8);
    String source = layout(clean(), "clean");
    // WHEN
    CliRun run = scan(source, "--policy", policy.toString());
    // THEN
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).containsExactly("imagecheck: " + policy + ":3:18: severities.shell.present: "
        + "unknown severity \"hgh\"; expected one of critical, high, medium, low, info");
  }

  @Test
  void should_apply_waivers_from_a_policy_file() throws IOException {
    // GIVEN
    Path policy = tmp.resolve("debug.yaml");
    Files.writeString(policy, """
        extends: hardened
        waivers:
          - rule: shell.present
            path: /bin/sh
            reason: debug variant
            expires: 2099-12-31
        """, StandardCharsets.UTF_8);
    String source = layout(busybox(), "busybox");
    // WHEN
    CliRun run = scan(source, "--policy", policy.toString());
    // THEN
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("  policy:     debug, fails at high or above\n")
        .contains("\nWaived (1)\n  shell.present (high): /bin/sh is present\n")
        .contains("    waived: debug variant (waiver shell.present at /bin/sh, expires 2099-12-31)\n")
        .endsWith("PASS: no findings at or above high (policy debug)\n");
  }

  @Test
  void should_reject_bad_options_as_usage_errors() throws IOException {
    // GIVEN
    String source = layout(clean(), "clean");
    // WHEN
    CliRun both = scan(source, "--all-platforms", "--platform", "linux/amd64");
    CliRun severity = scan(source, "--fail-on", "severe");
    CliRun format = scan(source, "--format", "yaml");
    // THEN
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.errLines()).containsExactly(
        "imagecheck: --all-platforms and --platform cannot be combined (see 'imagecheck scan --help')");
    assertThat(severity.code()).isEqualTo(2);
    assertThat(severity.errLines()).singleElement().satisfies(l -> assertThat(l)
        .contains("unknown severity \"severe\"; expected one of critical, high, medium, low, info"));
    assertThat(format.code()).isEqualTo(2);
    assertThat(both.out() + severity.out() + format.out()).isEmpty();
  }

  @Test
  void should_write_sarif_to_stdout_with_the_rules_of_the_scan_inspectors() throws IOException {
    // GIVEN an image with a shell
    String source = layout(busybox(), "busybox");
    // WHEN
    CliRun run = scan(source, "--format", "SARIF");
    // THEN the SARIF log locates the shell at bin/sh, with the rule of the inspector that found it
    assertThat(run.code()).isEqualTo(1);
    JsonNode sarif = Json.mapper().readTree(run.out());
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    JsonNode result = sarif.at("/runs/0/results/0");
    assertThat(result.get("ruleId").asText()).isEqualTo("shell.present");
    assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("bin/sh");
    assertThat(result.at("/properties/historyStep").asInt()).isEqualTo(1);
    assertThat(sarif.at("/runs/0/tool/driver/rules").findValuesAsText("id"))
        .containsExactly("shell.present", "secrets.private-key", "permissions.setuid");
  }

  @Test
  void should_write_several_formats_from_one_scan() throws IOException {
    // GIVEN an image with a shell and a file per format
    String source = layout(busybox(), "busybox");
    Path dir = Files.createDirectories(tmp.resolve("reports"));
    List<String> formats = List.of("sarif", "junit", "spdx", "cyclonedx", "markdown", "html", "json");
    List<String> args = new ArrayList<>(List.of(source));
    for (String f : formats) {
      args.add("--output");
      args.add(f + "=" + dir.resolve("report." + f));
    }
    // WHEN
    CliRun run = scan(args.toArray(String[]::new));
    // THEN the text report still goes to stdout, and each file has its format
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).endsWith("FAIL: 1 high finding at or above high (policy hardened)\n");
    assertThat(run.errLines()).containsExactly(formats.stream()
        .map(f -> "imagecheck: " + f + " report written to " + dir.resolve("report." + f)).toArray(String[]::new));
    assertThat(Files.readString(dir.resolve("report.sarif"))).contains("\"version\" : \"2.1.0\"");
    assertThat(Files.readString(dir.resolve("report.junit"))).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .contains("<testcase name=\"shell.present\" classname=\"imagecheck.shell\"");
    assertThat(Files.readString(dir.resolve("report.spdx"))).contains("\"spdxVersion\" : \"SPDX-2.3\"");
    assertThat(Files.readString(dir.resolve("report.cyclonedx"))).contains("\"specVersion\" : \"1.6\"");
    assertThat(Files.readString(dir.resolve("report.markdown"))).startsWith("## ❌ imagecheck: FAIL");
    assertThat(Files.readString(dir.resolve("report.html"))).startsWith("<!DOCTYPE html>");
    assertThat(Json.mapper().readTree(Files.readString(dir.resolve("report.json"))).get("verdict").asText())
        .isEqualTo("FAIL");
  }

  @Test
  void should_write_the_format_to_the_plain_output_file_and_another_format_beside_it() throws IOException {
    // GIVEN a file name with = whose prefix is not a format
    String source = layout(busybox(), "busybox");
    Path html = tmp.resolve("a=b.html");
    Path md = tmp.resolve("summary.md");
    // WHEN
    CliRun run = scan(source, "--format", "html", "--output", html.toString(), "--output", "markdown=" + md);
    // THEN
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).containsExactly("FAIL: 1 high finding at or above high (policy hardened)",
        "imagecheck: report written to " + html, "imagecheck: markdown report written to " + md);
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>");
    assertThat(Files.readString(md)).contains("<code>shell.present</code>");
  }

  @Test
  void should_refuse_two_plain_outputs_a_repeated_format_and_one_image_formats_for_all_platforms()
      throws IOException {
    // GIVEN
    String source = layout(clean(), "clean");
    // WHEN
    CliRun twoFiles = scan(source, "--output", tmp.resolve("a").toString(), "--output", tmp.resolve("b").toString());
    CliRun twice = scan(source, "--output", "sarif=" + tmp.resolve("a"), "--output", "SARIF=" + tmp.resolve("b"));
    CliRun all = scan(source, "--all-platforms", "--output", "html=" + tmp.resolve("c"));
    // THEN
    assertThat(twoFiles.code()).isEqualTo(2);
    assertThat(twoFiles.errLines()).singleElement().satisfies(l -> assertThat(l)
        .startsWith("imagecheck: --output FILE given twice (").contains("use --output FORMAT=FILE for more formats"));
    assertThat(twice.code()).isEqualTo(2);
    assertThat(twice.errLines()).containsExactly(
        "imagecheck: --output sarif=FILE given twice (see 'imagecheck scan --help')");
    assertThat(all.code()).isEqualTo(2);
    assertThat(all.errLines()).containsExactly("imagecheck: --all-platforms writes text or json; html describes "
        + "one image (choose it with --platform) (see 'imagecheck scan --help')");
    assertThat(Files.exists(tmp.resolve("a"))).isFalse();
  }

  @Test
  void should_write_json_to_the_output_file_and_the_verdict_to_stderr() throws IOException {
    // GIVEN
    String source = layout(busybox(), "busybox");
    Path report = tmp.resolve("out/report.json");
    Files.createDirectories(report.getParent());
    Files.writeString(report, "old content that must be replaced", StandardCharsets.UTF_8);
    // WHEN
    CliRun run = scan(source, "--format", "json", "--output", report.toString());
    // THEN
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).containsExactly("FAIL: 1 high finding at or above high (policy hardened)",
        "imagecheck: report written to " + report);
    JsonNode doc = Json.mapper().readTree(Files.readString(report, StandardCharsets.UTF_8));
    assertThat(doc.get("schemaVersion").asText()).isEqualTo("1.0");
    assertThat(doc.get("verdict").asText()).isEqualTo("FAIL");
    assertThat(doc.at("/image/source").asText()).isEqualTo(source);
    assertThat(doc.at("/results/0/findings/0/ruleId").asText()).isEqualTo("shell.present");
    assertThat(doc.at("/results/0/findings/0/layer/historyStep").asInt()).isEqualTo(1);
  }

  @Test
  void should_keep_layer_results_in_the_cache_directory_and_report_the_same_from_it() throws IOException {
    // GIVEN
    String source = layout(busybox(), "busybox");
    Path cache = tmp.resolve("cache");
    // WHEN the image is scanned twice with the cache and once without
    CliRun first = scan(source, "--format", "json", "--cache", cache.toString());
    CliRun second = scan(source, "--format", "json", "--cache", cache.toString());
    CliRun plain = scan(source, "--format", "json");
    // THEN both layers are in the cache and the reports are identical
    assertThat(first.code()).isEqualTo(1);
    assertThat(second.code()).isEqualTo(1);
    assertThat(second.out()).isEqualTo(first.out()).isEqualTo(plain.out());
    try (var files = Files.walk(cache.resolve("imagecheck-layer-cache-v1"))) {
      assertThat(files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).count()).isEqualTo(2);
    }
  }

  @Test
  void should_scan_every_platform_of_the_regclient_v2_index() throws IOException {
    // GIVEN regclient's testrepo v2: amd64, arm64, arm/v7, tiny FROM-scratch images without shells
    String source = "oci:" + Fixtures.real("regclient-testrepo/testrepo") + ":v2";
    // WHEN
    CliRun run = scan("--all-platforms", "--format", "json", source);
    // THEN
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode doc = Json.mapper().readTree(run.out());
    assertThat(doc.get("verdict").asText()).isEqualTo("PASS");
    assertThat(doc.get("source").asText()).isEqualTo(source);
    JsonNode reports = doc.get("reports");
    assertThat(reports).hasSize(3);
    List<String> platforms = new ArrayList<>();
    for (JsonNode r : reports) {
      assertThat(r.at("/image/indexDigest").asText()).isEqualTo(REGCLIENT_V2_INDEX);
      assertThat(r.get("verdict").asText()).isEqualTo("PASS");
      JsonNode p = r.at("/image/platform");
      platforms.add(p.get("os").asText() + "/" + p.get("architecture").asText()
          + (p.has("variant") ? "/" + p.get("variant").asText() : ""));
    }
    assertThat(platforms).containsExactly("linux/amd64", "linux/arm64", "linux/arm/v7");
  }

  @Test
  void should_report_a_verdict_per_platform_and_exit_with_the_worst() throws IOException {
    // GIVEN an index: amd64 has a shell, arm64 does not
    Path dir = tmp.resolve("index");
    TestIndex.builder().add(busybox()).add(clean()).build().writeOciLayout(dir, "latest");
    String source = "oci:" + dir + ":latest";
    // WHEN
    CliRun all = scan("--all-platforms", source);
    CliRun arm = scan("--platform", "linux/arm64", source);
    // THEN
    assertThat(all.code()).isEqualTo(1);
    assertThat(all.out().lines().filter(l -> l.startsWith("imagecheck "))).hasSize(2);
    assertThat(all.out()).contains("\nFAIL: 1 high finding at or above high (policy hardened)\n")
        .contains("\nPASS: no findings at or above high (policy hardened)\n")
        .endsWith("\nOverall: FAIL (linux/amd64 FAIL, linux/arm64/v8 PASS)\n");
    assertThat(arm.code()).isZero();
    assertThat(arm.out()).contains("(linux/arm64/v8), 1 layer, from index sha256:");
  }

  @Test
  void should_print_help_for_scan() {
    // WHEN
    CliRun run = scan("--help");
    // THEN
    assertThat(run.code()).isZero();
    assertThat(run.out()).startsWith("Usage: imagecheck scan ")
        .contains("--policy=hardened|baseline|FILE", "--fail-on=SEVERITY", "--all-platforms",
            "--output=FILE|FORMAT=FILE",
            "--format=FORMAT", "--platform=OS/ARCH");
  }
}
