package io.imagecheck.inspectors.packages.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imagecheck.inspectors.packages.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads what a real {@code npm install} writes: the v3 {@code package-lock.json}, the hidden
 * {@code node_modules/.package-lock.json} and the installed {@code package.json} files. Skips when
 * npm is absent or the registry is unreachable.
 */
class NpmInstallIT {

  private static final String APP = "/srv/app";

  @TempDir Path tmp;

  @Test
  void should_read_ms_and_is_number_from_a_real_npm_install() throws Exception {
    // GIVEN
    Path project = Files.createDirectories(tmp.resolve("app"));
    Map<String, String> env =
        Map.of(
            "npm_config_cache", Files.createDirectories(tmp.resolve("npm-cache")).toString(),
            "npm_config_update_notifier", "false",
            "TMPDIR", Files.createDirectories(tmp.resolve("tmp")).toString());
    ExternalTools.Result version =
        ExternalTools.run(project, Duration.ofSeconds(60), env, "npm", "--version");
    assumeTrue(version.ok(), "npm absent: skipping (" + version.output().strip() + ")");
    ExternalTools.Result install =
        ExternalTools.run(project, Duration.ofMinutes(4), env, "npm", "install", "--no-audit",
            "--no-fund", "ms@2.1.3", "is-number@7.0.0");
    assumeTrue(install.ok(), "npm install failed (registry unreachable?): skipping\n"
        + install.output());

    // WHEN
    NpmLockfile lock =
        NpmLockfile.parse(APP + "/package-lock.json",
            Files.readAllBytes(project.resolve("package-lock.json")));
    NpmLockfile hidden =
        NpmLockfile.parse(APP + "/node_modules/.package-lock.json",
            Files.readAllBytes(project.resolve("node_modules/.package-lock.json")));
    List<NpmPackage> installed = new ArrayList<>();
    try (Stream<Path> files = Files.walk(project.resolve("node_modules"))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String imagePath = APP + "/" + project.relativize(f).toString().replace('\\', '/');
        if (NpmPackageJsons.isInstalledPackagePath(imagePath)) {
          NpmPackageJsons.parse(imagePath, Files.readAllBytes(f)).ifPresent(installed::add);
        }
      }
    }

    // THEN
    assertThat(lock.lockfileVersion()).isEqualTo(3);
    assertThat(lock.name()).contains("app");
    assertThat(lock.packages())
        .extracting(NpmPackage::name, NpmPackage::version, NpmPackage::path, NpmPackage::dev)
        .containsExactlyInAnyOrder(
            tuple("is-number", "7.0.0", APP + "/node_modules/is-number", Optional.of(false)),
            tuple("ms", "2.1.3", APP + "/node_modules/ms", Optional.of(false)));
    assertThat(lock.packages()).allSatisfy(p -> assertThat(p.licenses()).containsExactly("MIT"));
    assertThat(hidden.packages()).containsExactlyInAnyOrderElementsOf(lock.packages());
    assertThat(installed)
        .extracting(NpmPackage::name, NpmPackage::version, NpmPackage::path)
        .containsExactly(
            tuple("is-number", "7.0.0", APP + "/node_modules/is-number"),
            tuple("ms", "2.1.3", APP + "/node_modules/ms"));
    assertThat(installed).allSatisfy(p -> assertThat(p.licenses()).containsExactly("MIT"));
    assertThat(installed.get(1).purl()).hasToString("pkg:npm/ms@2.1.3");
  }

  @Test
  void should_not_fail_on_any_package_json_npm_itself_ships() throws IOException {
    // GIVEN: npm's own node_modules, a large real tree of installed packages
    ExternalTools.Result root =
        ExternalTools.run(tmp, Duration.ofSeconds(60), Map.of(), "npm", "root", "-g");
    assumeTrue(root.ok(), "npm absent: skipping");
    Path npmModules = Path.of(root.output().strip(), "npm", "node_modules");
    assumeTrue(Files.isDirectory(npmModules), npmModules + " absent: skipping");

    // WHEN
    List<NpmPackage> found = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try (Stream<Path> files = Files.walk(npmModules)) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("package.json")).toList()) {
        String imagePath = "/usr/lib/node_modules/npm/node_modules/"
            + npmModules.relativize(f).toString().replace('\\', '/');
        if (NpmPackageJsons.isInstalledPackagePath(imagePath)) {
          try {
            NpmPackageJsons.parse(imagePath, Files.readAllBytes(f)).ifPresent(found::add);
          } catch (IOException e) {
            failures.add(e.getMessage());
          }
        }
      }
    }

    // THEN
    assertThat(failures).isEmpty();
    assertThat(found).hasSizeGreaterThan(50);
    assertThat(found).extracting(NpmPackage::name).contains("semver");
  }
}
