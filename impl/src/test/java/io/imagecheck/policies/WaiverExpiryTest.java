package io.imagecheck.policies;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.report.Verdict;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.testing.FakeInspector;
import io.imagecheck.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waivers from a policy file, judged on the scanner's clock: an expired one stops waiving and says so. */
class WaiverExpiryTest {

  @TempDir Path tmp;

  /** Reports /bin/sh as a shell (rated HIGH by hardened). */
  private static final FakeInspector SHELL = FakeInspector.of("shell", List.of("shell.present"), c -> {
    FileEntry sh = c.fileSystem().entry("/bin/sh").orElseThrow();
    return InspectorResult.of("shell", Map.of("shells", List.of("/bin/sh")), List.of(Finding.at("shell.present",
        "shell", Severity.MEDIUM, "shell /bin/sh -> /bin/busybox is reachable", "/bin/sh", sh.origin(),
        Map.of("target", "/bin/busybox"))));
  });

  private Report scanOn(String day) throws IOException {
    Path policyFile = tmp.resolve("policy.yaml");
    Files.writeString(policyFile, """
        extends: hardened
        waivers:
          - rule: shell.*
            path: /bin/*
            reason: debug variant until the distroless build lands
            expires: 2026-06-30
        """, StandardCharsets.UTF_8);
    Policy policy = Policies.load(policyFile);
    Clock clock = Clock.fixed(Instant.parse(day + "T12:00:00Z"), ZoneOffset.UTC);
    try (ImageSource source = TestImages.open(TestImages.busyboxApp(), tmp.resolve("img-" + day))) {
      return Scanner.with(policy, List.of(SHELL)).withClock(clock).scan(source.image());
    }
  }

  @Test
  void should_waive_the_finding_on_the_last_day() throws IOException {
    // GIVEN / WHEN
    Report report = scanOn("2026-06-30");
    // THEN
    assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    assertThat(report.findings()).isEmpty();
    assertThat(report.waived()).singleElement().satisfies(w -> {
      assertThat(w.finding().ruleId()).isEqualTo("shell.present");
      assertThat(w.finding().severity()).isEqualTo(Severity.HIGH);
      assertThat(w.waiver().reason()).isEqualTo("debug variant until the distroless build lands");
    });
    assertThat(report.notes()).isEmpty();
  }

  @Test
  void should_stop_waiving_the_day_after_and_say_so_in_the_notes() throws IOException {
    // GIVEN / WHEN
    Report report = scanOn("2026-07-01");
    // THEN
    assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(report.waived()).isEmpty();
    assertThat(report.findings()).singleElement().extracting(Finding::severity).isEqualTo(Severity.HIGH);
    assertThat(report.notes()).containsExactly("waiver for shell.* at /bin/* expired on 2026-06-30 and no longer "
        + "applies (reason was: debug variant until the distroless build lands)");
  }
}
