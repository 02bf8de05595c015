package io.imagecheck.writers;

import io.imagecheck.writers.support.PackageInventories;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the package inventory out of a report's facts. */
class PackageInventoriesTest {

  @TempDir Path tmp;

  @Test
  void should_read_the_packages_fact_and_count_by_ecosystem() throws IOException {
    // GIVEN the synthetic report (5 apk packages from the stand-in packages inspector)
    Report report = TestReports.synthetic(tmp, false);
    // WHEN / THEN
    assertThat(PackageInventories.packages(report)).extracting(InstalledPackage::name)
        .containsExactly("musl", "busybox", "apk-tools", "libcurl", "curl");
    assertThat(PackageInventories.countsByEcosystem(report)).containsExactly(Map.entry("apk", 5));
  }

  @Test
  void should_fall_back_to_the_counts_fact_and_skip_values_of_other_types() throws IOException {
    // GIVEN a packages inspector with no package list but counts, one of them not a number
    Report report = TestReports.scan(tmp, "counts", Policy.defaults(), inspectors -> {
      inspectors.removeIf(i -> i.id().equals("packages"));
      inspectors.add(TestInspectors.withFacts("packages", Map.of(
          "packages", List.of("not a package"),
          "counts", Map.of("deb", 88, "rpm", "many", "npm", -1))));
    });
    // WHEN / THEN the list is empty and the numeric, non-negative count is used
    assertThat(PackageInventories.packages(report)).isEmpty();
    assertThat(PackageInventories.countsByEcosystem(report)).containsExactly(Map.entry("deb", 88));
  }

  @Test
  void should_find_nothing_when_the_packages_inspector_did_not_run() throws IOException {
    // GIVEN a policy that runs only the shell inspector
    Report report = TestReports.scan(tmp, "no-packages", Policy.builder("shell-only").inspectors("shell").build(),
        inspectors -> { });
    // WHEN / THEN
    assertThat(report.result("packages")).hasValueSatisfying(r -> assertThat(r.status().name()).isEqualTo("SKIPPED"));
    assertThat(PackageInventories.packages(report)).isEmpty();
    assertThat(PackageInventories.countsByEcosystem(report)).isEmpty();
    assertThat(Optional.of(report.verdict().name())).contains("FAIL");
  }
}
