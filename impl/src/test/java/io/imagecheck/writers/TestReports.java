package io.imagecheck.writers;

import io.imagecheck.fs.PathGlob;
import io.imagecheck.image.Platform;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Policy;
import io.imagecheck.policy.Waiver;
import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reports for the writers' tests, all made by {@link Scanner} over real images: a synthetic image with
 * a finding for every writer feature (and hostile strings), and the third-party fixture images.
 */
public final class TestReports {

  /** The time the synthetic scans and SBOMs use. */
  public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  /** A clock at {@link #NOW}. */
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** A file name made to break out of HTML script blocks and attributes. */
  public static final String HOSTILE_NAME = "<img src=x onerror=document.title='pwned'>\"'&\u0001\u001b[31m";
  /** A path with a closing script tag (the slash makes a directory). */
  public static final String HOSTILE_SCRIPT_PATH = "/tmp/x</script><script>document.title='pwned'<";
  /** A build step with markup in it. */
  public static final String HOSTILE_STEP =
      "COPY <b>bold</b> & \"q\" </script><script>document.title='pwned'</script> /tmp/";

  private TestReports() {}

  /** The apk database of the synthetic image's first layer (3 packages). */
  private static final String APK_BASE = """
      P:musl
      V:1.2.5-r0
      A:x86_64
      L:MIT

      P:busybox
      V:1.36.1-r29
      A:x86_64
      L:GPL-2.0-only

      P:apk-tools
      V:2.14.4-r1
      A:x86_64
      L:GPL-2.0-only

      """;

  /** The apk database after {@code apk add curl} (5 packages). */
  private static final String APK_CURL = APK_BASE + """
      P:libcurl
      V:8.9.1-r0
      A:x86_64
      L:curl

      P:curl
      V:8.9.1-r0
      A:x86_64
      L:curl

      """;

  /**
   * The synthetic image: layer 1 a base with busybox, /bin/sh and apk; layer 2 {@code apk add curl}; layer 3
   * a private key; layer 4 files with hostile names in /tmp (one of them waived), built by a hostile step.
   *
   * @return the image
   */
  public static TestImage syntheticImage() {
    return TestImage.builder()
        .platform(Platform.parse("linux/amd64"))
        .config(c -> c.user("root").addEnv("PATH", "/usr/bin:/bin").addEnv("AWS_SECRET_ACCESS_KEY", "not-a-real-one")
            .entrypoint(List.of("/usr/bin/curl")))
        .layer("ADD alpine-minirootfs.tar.gz / # base", l -> l
            .directory("/bin")
            .file("/bin/busybox", "\u007fELF busybox stand-in", 0755)
            .symlink("/bin/sh", "busybox")
            .directory("/sbin")
            .file("/sbin/apk", "\u007fELF apk stand-in", 0755)
            .directory("/lib")
            .directory("/lib/apk")
            .directory("/lib/apk/db")
            .file("/lib/apk/db/installed", APK_BASE)
            .directory("/tmp", 01777))
        .emptyLayerStep("ENV PATH=/usr/bin:/bin")
        .layer("RUN apk add --no-cache curl", l -> l
            .directory("/usr")
            .directory("/usr/bin")
            .file("/usr/bin/curl", "\u007fELF curl stand-in", 0755)
            .file("/lib/apk/db/installed", APK_CURL))
        .layer("COPY id_rsa /root/.ssh/id_rsa", l -> l
            .directory("/root", 0700)
            .directory("/root/.ssh", 0700)
            .file("/root/.ssh/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n", 0600))
        .layer(HOSTILE_STEP, l -> l
            .file("/tmp/" + HOSTILE_NAME, "x")
            .directory("/tmp/x<")
            .file(HOSTILE_SCRIPT_PATH, "y")
            .file("/tmp/notes.txt", "z"))
        .build();
  }

  /**
   * The synthetic policy: fails at HIGH; runs every stand-in but {@code tools} (so it is skipped), plus
   * {@code broken} when asked; {@code package-manager.present} lowered to MEDIUM;
   * {@code hygiene.no-healthcheck} disabled; {@code /tmp/notes.txt} waived until 2999.
   *
   * @param withBroken whether the failing inspector runs (making the verdict INCOMPLETE)
   * @return the policy
   */
  public static Policy syntheticPolicy(boolean withBroken) {
    Policy.Builder b = Policy.builder("test-hardened")
        .inspectors("shell", "package-manager", "secrets", "packages", "hygiene")
        .severity("package-manager.present", Severity.MEDIUM)
        .disable("hygiene.no-healthcheck")
        .waive(new Waiver("hygiene.stray-file", Optional.of(PathGlob.of("/tmp/notes.txt")),
            "scratch file, accepted", Optional.of(LocalDate.parse("2999-12-31"))));
    if (withBroken) {
      b.inspectors("broken");
    }
    return b.failOn(Severity.HIGH).build();
  }

  /**
   * The inspectors of the synthetic scans: the stand-ins and {@code broken}.
   *
   * @return the inspectors
   */
  public static List<Inspector> syntheticInspectors() {
    List<Inspector> all = new ArrayList<>(TestInspectors.fakes());
    all.add(TestInspectors.broken());
    return all;
  }

  /**
   * Scans the synthetic image (written as an OCI layout under a directory).
   *
   * @param tmp a temporary directory
   * @param withBroken whether the failing inspector runs
   * @return the report: FAIL, or INCOMPLETE with {@code broken}
   * @throws IOException when the image cannot be written or read
   */
  public static Report synthetic(Path tmp, boolean withBroken) throws IOException {
    Path dir = tmp.resolve("synthetic-" + withBroken);
    syntheticImage().writeOciLayout(dir, "latest");
    try (ImageSource s = ImageSources.open("oci:" + dir + ":latest")) {
      return Scanner.with(syntheticPolicy(withBroken), syntheticInspectors()).withClock(CLOCK).scan(s.image());
    }
  }

  /**
   * Scans the synthetic image with an extra inspector reporting many findings.
   *
   * @param tmp a temporary directory
   * @param findings how many extra findings
   * @return the report
   * @throws IOException when the image cannot be written or read
   */
  public static Report huge(Path tmp, int findings) throws IOException {
    return huge(tmp, findings, 0);
  }

  /**
   * Scans the synthetic image with an extra inspector reporting many findings and, when asked, a package
   * inventory of many made-up packages instead of the image's own.
   *
   * @param tmp a temporary directory
   * @param findings how many extra findings
   * @param packages how many packages; 0 for the image's 5
   * @return the report
   * @throws IOException when the image cannot be written or read
   */
  public static Report huge(Path tmp, int findings, int packages) throws IOException {
    return scan(tmp, "huge", Policy.defaults(), inspectors -> {
      inspectors.add(TestInspectors.bulk(findings));
      if (packages > 0) {
        inspectors.removeIf(i -> i.id().equals("packages"));
        inspectors.add(TestInspectors.manyPackages(packages));
      }
    });
  }

  /**
   * Scans the synthetic image with the stand-ins, changed by the caller.
   *
   * @param tmp a temporary directory
   * @param name a directory name for the image
   * @param policy the policy
   * @param change adds or removes inspectors
   * @return the report
   * @throws IOException when the image cannot be written or read
   */
  public static Report scan(Path tmp, String name, Policy policy, Consumer<List<Inspector>> change)
      throws IOException {
    Path dir = tmp.resolve(name);
    syntheticImage().writeOciLayout(dir, "latest");
    List<Inspector> inspectors = new ArrayList<>(TestInspectors.fakes());
    change.accept(inspectors);
    try (ImageSource s = ImageSources.open("oci:" + dir + ":latest")) {
      return Scanner.with(policy, inspectors).withClock(CLOCK).scan(s.image());
    }
  }

  /**
   * Scans a third-party fixture with the built-in inspectors plus the stand-ins for those not built in yet,
   * under the default policy; skips when the fixtures are absent.
   *
   * @param reference a path under {@code fixtures/real}, or {@code oci:PATH:SELECTOR} for one image of an OCI
   *     layout
   * @return the report
   * @throws IOException when the image cannot be read
   */
  public static Report real(String reference) throws IOException {
    String open;
    if (reference.startsWith("oci:")) {
      String rest = reference.substring("oci:".length());
      int colon = rest.indexOf(':');
      open = "oci:" + Fixtures.real(rest.substring(0, colon)) + rest.substring(colon);
    } else {
      open = Fixtures.real(reference).toString();
    }
    try (ImageSource s = ImageSources.open(open)) {
      return Scanner.with(Policy.defaults(), TestInspectors.builtInPlusFakes()).withClock(CLOCK).scan(s.image());
    }
  }

  /**
   * The third-party images every writer is run on, as {@link #real(String)} references.
   *
   * @return the references
   */
  public static List<String> realImages() {
    return List.of(
        "trivy-docker-save-alpine311/alpine-311.tar.gz",
        "dive-docker-save-busybox/test-docker-image.tar",
        "dive-kaniko-tar/test-kaniko-image.tar",
        "trivy-oci-layout-small/test.oci",
        "oci:slsa-verifier-cosign-layout-v1.4.0/container_workflow_dispatch"
            + ":sha256:a74d89d8dd863ca5dae4a29e0feede81ddf59197849a80784af5a02ab7786925");
  }

  /**
   * Writes a report with a writer into memory.
   *
   * @param writer the writer
   * @param report the report
   * @return the bytes
   * @throws IOException when writing fails
   */
  public static byte[] write(ReportWriter writer, Report report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(report, out);
    return out.toByteArray();
  }
}
