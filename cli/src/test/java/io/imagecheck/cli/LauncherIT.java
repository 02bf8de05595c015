package io.imagecheck.cli;

import io.imagecheck.testimage.SampleImages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real shaded jar ({@code java -jar cli/target/imagecheck.jar}) and the {@code imagecheck}
 * launcher script as separate processes on the sample image the build generated. The assertions hold
 * for the placeholder {@link SampleImage} and for testimage's {@code SampleImages} alike (same file
 * names, platform, user and entrypoint), so the build can switch generators without touching this test.
 */
class LauncherIT {

  private static final Path JAR = Path.of(System.getProperty("imagecheck.jar", "target/imagecheck.jar"));
  private static final Path SAMPLE = Path.of(System.getProperty("imagecheck.sample", "target/sample"));
  private static final Path LAUNCHER = Path.of(System.getProperty("imagecheck.launcher", "../imagecheck"));

  @TempDir
  Path tmp;

  /** What a finished process wrote. */
  private record Result(int code, String out, String err) {}

  private static Result exec(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished within 60 s", command).isTrue();
    return new Result(p.exitValue(), out.join(), err.join());
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> java(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void should_inspect_the_generated_sample_with_the_shaded_jar() throws Exception {
    // GIVEN the jar and sample built by `mvn package`
    assumeTrue(Files.isRegularFile(JAR), JAR + " absent: skipping (run mvn package)");
    String archive = SAMPLE.resolve(SampleImages.OCI_ARCHIVE).toString();
    // WHEN
    Result r = exec(java("inspect", archive));
    // THEN
    assertThat(r.code()).as("stderr: %s", r.err()).isZero();
    assertThat(r.err()).isEmpty();
    // (only facts that the placeholder and testimage's SampleImages share: the build may use either)
    assertThat(r.out())
        .startsWith("reference   oci-archive:" + archive + "\n")
        .contains("platform    linux/amd64\n", "user        nonroot\n", "entrypoint  [\"/app/server\"]\n",
            "layer 1 of ", "created by  history step 1 of ");
  }

  @Test
  void should_scan_the_sample_under_a_yaml_policy_file_with_the_shaded_jar() throws Exception {
    // GIVEN the jar (with Jackson's YAML parser shaded in) and a policy file extending hardened
    assumeTrue(Files.isRegularFile(JAR), JAR + " absent: skipping (run mvn package)");
    Path policy = tmp.resolve("ci.yaml");
    Files.writeString(policy, "name: ci\nextends: hardened\nfailOn: critical\n", StandardCharsets.UTF_8);
    Path report = tmp.resolve("report.json");
    // WHEN
    Result r = exec(java("scan", "--policy", policy.toString(), "--format", "json", "--output", report.toString(),
        SAMPLE.resolve(SampleImages.OCI_ARCHIVE).toString()));
    // THEN the exit status follows the report's verdict (which depends on the built-in inspectors)
    assertThat(r.out()).isEmpty();
    JsonNode doc = Json.mapper().readTree(Files.readString(report, StandardCharsets.UTF_8));
    assertThat(doc.at("/policy/name").asText()).isEqualTo("ci");
    assertThat(doc.at("/policy/failOn").asText()).isEqualTo("critical");
    assertThat(doc.at("/image/platform/architecture").asText()).isEqualTo("amd64");
    String verdict = doc.get("verdict").asText();
    assertThat(r.code()).as("stderr: %s", r.err()).isEqualTo(switch (verdict) {
      case "PASS" -> 0;
      case "FAIL" -> 1;
      default -> 2;
    });
    assertThat(r.err()).contains("imagecheck: report written to " + report);
  }

  @Test
  void should_give_the_same_config_digest_for_the_docker_archive_and_the_oci_layout() throws Exception {
    // GIVEN
    assumeTrue(Files.isRegularFile(JAR), JAR + " absent: skipping (run mvn package)");
    // WHEN
    Result docker = exec(java("inspect", "--format", "json", SAMPLE.resolve(SampleImages.DOCKER_ARCHIVE).toString()));
    Result layout = exec(java("inspect", "--format", "json",
        "oci:" + SAMPLE.resolve(SampleImages.OCI_LAYOUT) + ":" + SampleImages.REF_NAME));
    // THEN
    assertThat(docker.code()).as("stderr: %s", docker.err()).isZero();
    assertThat(layout.code()).as("stderr: %s", layout.err()).isZero();
    JsonNode d = Json.mapper().readTree(docker.out());
    JsonNode o = Json.mapper().readTree(layout.out());
    assertThat(d.at("/config/digest").asText()).matches("sha256:[0-9a-f]{64}")
        .isEqualTo(o.at("/config/digest").asText());
    assertThat(d.get("layers")).extracting(l -> l.get("diffId").asText())
        .containsExactlyElementsOf(o.get("layers").findValuesAsText("diffId"));
  }

  @Test
  void should_exit_2_with_one_line_on_stderr_for_a_missing_path() throws Exception {
    // GIVEN
    assumeTrue(Files.isRegularFile(JAR), JAR + " absent: skipping (run mvn package)");
    String missing = tmp.resolve("missing.tar").toString();
    // WHEN
    Result r = exec(java("inspect", missing));
    // THEN
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).singleElement().satisfies(l -> assertThat(l)
        .startsWith("imagecheck: " + missing + ": no such file or directory").contains("docker://"));
  }

  @Test
  void should_run_the_jar_through_the_launcher_script() throws Exception {
    // GIVEN the repository's launcher, next to cli/target/imagecheck.jar
    assumeTrue(Files.isRegularFile(JAR), JAR + " absent: skipping (run mvn package)");
    assertThat(Files.isExecutable(LAUNCHER)).as("%s is executable", LAUNCHER).isTrue();
    // WHEN
    Result r = exec(List.of(LAUNCHER.toString(), "inspect", SAMPLE.resolve(SampleImages.OCI_LAYOUT).toString()));
    Result version = exec(List.of(LAUNCHER.toString(), "--version"));
    // THEN
    assertThat(r.code()).as("stderr: %s", r.err()).isZero();
    assertThat(r.out()).startsWith("reference   oci:" + SAMPLE.resolve(SampleImages.OCI_LAYOUT) + "\n")
        .contains("user        nonroot\n");
    assertThat(version.out()).startsWith("imagecheck ");
  }

  @Test
  void should_say_how_to_build_the_jar_when_the_launcher_cannot_find_it() throws Exception {
    // GIVEN a copy of the launcher in a directory without cli/target/imagecheck.jar
    Path copy = tmp.resolve("imagecheck");
    Files.copy(LAUNCHER, copy);
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
    // WHEN
    Result r = exec(List.of(copy.toString(), "inspect", "x.tar"));
    // THEN
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).singleElement().satisfies(l -> assertThat(l)
        .startsWith("imagecheck: " + tmp.toRealPath().resolve("cli/target/imagecheck.jar") + " is missing")
        .contains("mvn -B -q -DskipTests package"));
  }
}
