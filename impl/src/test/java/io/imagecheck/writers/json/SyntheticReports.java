package io.imagecheck.writers.json;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.PathGlob;
import io.imagecheck.image.Platform;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policies.Policies;
import io.imagecheck.policy.Policy;
import io.imagecheck.policy.Waiver;
import io.imagecheck.report.Report;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testimage.TestIndex;
import io.imagecheck.testing.FakeInspector;
import io.imagecheck.testing.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Real reports made by the scanner on synthetic images with test inspectors, for the writer tests. */
final class SyntheticReports {

  private SyntheticReports() {}

  /** A shell finding on /bin/sh with its origin, and a facts list. */
  static final FakeInspector SHELL = FakeInspector.of("shell", List.of("shell.present"), c -> {
    FileEntry sh = c.fileSystem().entry("/bin/sh").orElseThrow();
    Map<String, Object> shell = new LinkedHashMap<>();
    shell.put("path", "/bin/sh");
    shell.put("target", "/bin/busybox");
    shell.put("origin", sh.origin());
    return InspectorResult.of("shell", Map.of("shells", List.of(shell)), List.of(Finding.at("shell.present", "shell",
        Severity.HIGH, "shell /bin/sh -> /bin/busybox is reachable", "/bin/sh", sh.origin(),
        Map.of("target", "/bin/busybox"))));
  });

  /** The package inventory fact, one apk package read from the layer that wrote busybox. */
  static final FakeInspector PACKAGES = FakeInspector.of("packages", List.of(), c -> {
    FileEntry busybox = c.fileSystem().entry("/bin/busybox").orElseThrow();
    InstalledPackage p = new InstalledPackage("apk", "busybox", "1.36.1-r2", Optional.of("x86_64"), Optional.empty(),
        "pkg:apk/alpine/busybox@1.36.1-r2?arch=x86_64", "/lib/apk/db/installed", Optional.of(busybox.origin()),
        Map.of("origin", "busybox", "installedSize", "925696"));
    return InspectorResult.of("packages", Map.of("packages", List.of(p), "count", 1), List.of());
  });

  /** A tools finding the test policy waives. */
  static final FakeInspector TOOLS = FakeInspector.of("tools", List.of("tools.present"),
      c -> InspectorResult.of("tools", Map.of(), List.of(Finding.at("tools.present", "tools", Severity.HIGH,
          "wget (busybox applet) at /bin/wget", "/bin/wget", null, Map.of("applet", "true")))));

  /** An image-level low finding. */
  static final FakeInspector HYGIENE = FakeInspector.of("hygiene", List.of("hygiene.no-healthcheck"),
      c -> InspectorResult.of("hygiene", Map.of("healthcheck", false), List.of(Finding.of("hygiene.no-healthcheck",
          "hygiene", Severity.INFO, "the config has no HEALTHCHECK"))));

  /** The policy of the full scenario: hardened plus a waiver. */
  static Policy waiving() {
    return Policies.hardened().extend("hardened-with-waiver")
        .waive(new Waiver("tools.present", Optional.of(PathGlob.of("/bin/*")), "busybox applets are accepted",
            Optional.of(LocalDate.of(2099, 1, 1))))
        .option("tools", "allow", List.of("wget"))
        .build();
  }

  /**
   * Every kind of content: findings with and without origin, a waived finding, an errored inspector,
   * package facts; INCOMPLETE.
   */
  static Report full(Path dir) throws IOException {
    List<io.imagecheck.inspect.Inspector> inspectors = new ArrayList<>(List.of(SHELL, PACKAGES, TOOLS, HYGIENE,
        FakeInspector.throwing("permissions", "cannot read /etc/shadow")));
    try (ImageSource source = TestImages.open(TestImages.busyboxApp(), dir)) {
      return Scanner.with(waiving(), inspectors).scan(source.image());
    }
  }

  /** A failing report with skipped inspectors (the policy selects shell and packages). */
  static Report failingWithSkipped(Path dir) throws IOException {
    Policy p = Policies.hardened().extend("shell-only").inspectors("shell", "packages").build();
    try (ImageSource source = TestImages.open(TestImages.busyboxApp(), dir)) {
      return Scanner.with(p, List.of(SHELL, PACKAGES, TOOLS)).scan(source.image());
    }
  }

  /** A passing report with no findings, on an image without platform details beyond os/arch. */
  static Report passing(Path dir) throws IOException {
    TestImage empty = TestImage.builder().platform(Platform.parse("linux/arm64/v8"))
        .layer("ADD rootfs.tar /", l -> l.file("/etc/os-release", "ID=test\n")).build();
    try (ImageSource source = TestImages.open(empty, dir)) {
      return Scanner.with(Policies.hardened(), List.of(FakeInspector.passing("shell"))).scan(source.image());
    }
  }

  /** One report per platform of a two-platform index: amd64 fails (a shell), arm64 passes. */
  static List<Report> perPlatform(Path dir) throws IOException {
    TestImage arm = TestImage.builder().platform(Platform.parse("linux/arm64/v8"))
        .layer("ADD rootfs.tar /", l -> l.file("/app", "app")).build();
    TestIndex index = TestIndex.builder().add(TestImages.busyboxApp()).add(arm).build();
    index.writeOciLayout(dir, "latest");
    FakeInspector shellIfPresent = FakeInspector.of("shell", List.of("shell.present"), c -> c.fileSystem()
        .exists("/bin/sh") ? SHELL.inspect(c) : InspectorResult.of("shell", Map.of("shells", List.of()), List.of()));
    List<Report> out = new ArrayList<>();
    try (ImageSource source = ImageSources.open("oci:" + dir + ":latest")) {
      for (io.imagecheck.image.Image image : source.images()) {
        out.add(Scanner.with(Policies.hardened(), List.of(shellIfPresent)).scan(image));
      }
    }
    return out;
  }
}
