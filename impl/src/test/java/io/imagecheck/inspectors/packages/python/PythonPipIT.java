package io.imagecheck.inspectors.packages.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imagecheck.inspectors.packages.ExternalTools;
import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads Python metadata written by real tools on this machine: a {@code pip install --target} of a
 * local setup.py project, and every distribution of the python3 installation's site-packages,
 * compared with what {@code importlib.metadata} reports. Skips when python3 or pip is absent.
 */
class PythonPipIT {

  private static final String SITE = "/usr/local/lib/python3.12/site-packages";
  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @TempDir Path tmp;

  private Map<String, String> env() throws IOException {
    Path t = Files.createDirectories(tmp.resolve("tmp"));
    return Map.of(
        "TMPDIR", t.toString(),
        "PIP_DISABLE_PIP_VERSION_CHECK", "1",
        "PIP_NO_CACHE_DIR", "1",
        "PYTHONDONTWRITEBYTECODE", "1");
  }

  private void assumePython() throws IOException {
    ExternalTools.Result r = ExternalTools.run(tmp, Duration.ofSeconds(60), env(),
        "python3", "-m", "pip", "--version");
    assumeTrue(r.ok(), "python3 -m pip absent: skipping (" + r.output().strip() + ")");
  }

  @Test
  void should_read_the_dist_info_that_pip_installs_for_a_local_setup_py_project()
      throws IOException, PackageDatabaseException {
    // GIVEN
    assumePython();
    Path project = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(
        project.resolve("setup.py"),
        "from setuptools import setup\n"
            + "setup(name='Demo_Pkg.Sub', version='1.2.3', py_modules=['demo'],"
            + " license='MIT', author='Jane Doe', description='A demo')\n");
    Files.writeString(project.resolve("demo.py"), "ANSWER = 42\n");
    Path target = tmp.resolve("target");
    // The brief's command; without a local 'wheel' package, setuptools' build backend must come
    // from the configured index, so retry without --no-index before giving up.
    ExternalTools.Result r =
        ExternalTools.run(tmp, TIMEOUT, env(), "python3", "-m", "pip", "install", "--no-index",
            "--no-deps", "--target", target.toString(), project.toString());
    if (!r.ok()) {
      r = ExternalTools.run(tmp, TIMEOUT, env(), "python3", "-m", "pip", "install", "--no-deps",
          "--target", target.toString(), project.toString());
    }
    assumeTrue(r.ok(), "pip could not build the project: skipping\n" + r.output());
    Path distInfo;
    try (Stream<Path> s = Files.list(target)) {
      distInfo =
          s.filter(p -> p.getFileName().toString().endsWith(".dist-info")).findFirst().orElseThrow();
    }
    String imageDir = SITE + "/" + distInfo.getFileName();

    // WHEN
    PythonPackage p =
        PythonDistributions.read(
            imageDir + "/METADATA",
            Files.readAllBytes(distInfo.resolve("METADATA")),
            Files.readAllBytes(distInfo.resolve("INSTALLER")),
            Files.readAllBytes(distInfo.resolve("RECORD")));

    // THEN
    assertThat(p.name()).isEqualTo("Demo_Pkg.Sub");
    assertThat(p.version()).isEqualTo("1.2.3");
    assertThat(p.summary()).contains("A demo");
    assertThat(p.license()).contains("MIT");
    assertThat(p.author()).contains("Jane Doe");
    assertThat(p.installer()).contains("pip");
    assertThat(p.purl()).hasToString("pkg:pypi/demo-pkg-sub@1.2.3");
    assertThat(p.files()).contains(SITE + "/demo.py", imageDir + "/METADATA", imageDir + "/RECORD");
    assertThat(p.files())
        .allSatisfy(
            f -> assertThat(target.resolve(f.substring(SITE.length() + 1))).exists());
  }

  @Test
  void should_read_every_distribution_of_site_packages_as_importlib_metadata_does()
      throws IOException {
    // GIVEN
    assumePython();
    ExternalTools.Result purelib = ExternalTools.run(tmp, Duration.ofSeconds(60), env(), "python3",
        "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])");
    assumeTrue(purelib.ok(), "python3 has no purelib: skipping");
    Path site = Path.of(purelib.output().strip());
    ExternalTools.Result oracle = ExternalTools.run(tmp, Duration.ofSeconds(120), env(), "python3",
        "-c",
        "import importlib.metadata as m, sys\n"
            + "for d in m.distributions(path=[sys.argv[1]]):\n"
            + "    n = d.metadata['Name'] if d.metadata is not None else None\n"
            + "    if n: print(n + '\\t' + d.version)\n",
        site.toString());
    assumeTrue(oracle.ok(), "importlib.metadata failed: skipping\n" + oracle.output());
    List<String> expected = oracle.output().lines().filter(l -> !l.isBlank()).sorted().toList();
    assumeTrue(!expected.isEmpty(), site + " has no distributions: skipping");

    // WHEN
    List<String> actual = new ArrayList<>();
    try (Stream<Path> s = Files.list(site)) {
      for (Path entry : s.sorted().toList()) {
        String name = entry.getFileName().toString();
        Path metadata = null;
        if (name.endsWith(".dist-info")) {
          metadata = entry.resolve("METADATA");
        } else if (name.endsWith(".egg-info")) {
          metadata = Files.isDirectory(entry) ? entry.resolve("PKG-INFO") : entry;
        }
        if (metadata != null && Files.isRegularFile(metadata)) {
          String imagePath = SITE + "/" + site.relativize(metadata).toString().replace('\\', '/');
          assertThat(PythonDistributions.isMetadataPath(imagePath)).isTrue();
          try {
            PythonPackage p =
                PythonDistributions.parseMetadata(imagePath, Files.readAllBytes(metadata));
            actual.add(p.name() + "\t" + p.version());
          } catch (PackageDatabaseException e) {
            actual.add("FAILED " + e.getMessage());
          }
        }
      }
    }

    // THEN
    assertThat(actual.stream().sorted().toList()).isEqualTo(expected);
  }
}
