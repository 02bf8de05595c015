package io.imagecheck.writers.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.fs.Origin;
import io.imagecheck.fs.PathGlob;
import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import io.imagecheck.image.Platform;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policies.Policies;
import io.imagecheck.policy.Policy;
import io.imagecheck.policy.Waiver;
import io.imagecheck.report.ImageIdentity;
import io.imagecheck.report.LayerInfo;
import io.imagecheck.report.Report;
import io.imagecheck.report.Summary;
import io.imagecheck.report.Verdict;
import io.imagecheck.report.WaivedFinding;
import io.imagecheck.writers.ReportWriters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text report, exactly, on a small synthetic report. */
class TextReportWriterTest {

  private static final Digest L0 = Digest.parse("sha256:ab12cd34ef56" + "0".repeat(52));
  private static final Digest L1 = Digest.parse("sha256:9f8e7d6c5b4a" + "1".repeat(52));
  private static final Digest L2 = Digest.parse("sha256:5e5e5e5e5e5e" + "2".repeat(52));
  private static final Digest MANIFEST = Digest.parse("sha256:0123456789ab" + "3".repeat(52));
  private static final Digest CONFIG = Digest.parse("sha256:c0ffee000000" + "4".repeat(52));

  /** History: 0 ARG (empty), 1 RUN apk add busybox (layer 0), 2 RUN apk add curl (layer 1), 3 USER, 4 COPY (layer 2). */
  private static Origin origin(int layer) {
    Digest[] digests = {L0, L1, L2};
    int[] steps = {1, 2, 4};
    String[] commands = {"RUN apk add busybox", "RUN apk add curl", "COPY --chown=0:0 id_rsa /root/.ssh/"};
    return new Origin(layer, 3, digests[layer], digests[layer], Optional.of(steps[layer]), Optional.of(commands[layer]));
  }

  private static ImageIdentity image() {
    List<LayerInfo> layers = List.of(
        new LayerInfo(0, L0, L0, MediaType.OCI_LAYER_GZIP, 100, Optional.of(1), Optional.of("RUN apk add busybox")),
        new LayerInfo(1, L1, L1, MediaType.OCI_LAYER_GZIP, 200, Optional.of(2), Optional.of("RUN apk add curl")),
        new LayerInfo(2, L2, L2, MediaType.OCI_LAYER_GZIP, 300, Optional.of(4), Optional.of("COPY id_rsa")));
    return new ImageIdentity("oci:build/app:latest", MANIFEST, false, Optional.empty(), CONFIG,
        Optional.of(Platform.parse("linux/amd64")), layers);
  }

  private static Report report(List<InspectorResult> results, List<WaivedFinding> waived, List<String> notes,
      Summary summary, Verdict verdict, Policy policy) {
    return new Report("1.0", "0.1.0", image(), policy, results, waived, notes, summary, verdict);
  }

  private static String text(Report r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TextReportWriter().write(r, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Report failing() {
    Finding shell = Finding.at("shell.present", "shell", Severity.HIGH, "shell /bin/sh -> /bin/busybox is reachable",
        "/bin/sh", origin(0), Map.of("target", "/bin/busybox"));
    Finding root = Finding.of("user.root", "user", Severity.HIGH, "the config sets no user: the process runs as root");
    Finding key = Finding.at("secrets.private-key", "secrets", Severity.CRITICAL,
        "OpenSSH private key in /root/.ssh/id_rsa", "/root/.ssh/id_rsa", origin(2), Map.of("hint", "-----BEGIN OPE..."));
    Finding odd = Finding.at("permissions.world-writable", "permissions", Severity.MEDIUM,
        "world-writable directory without sticky bit", "/srv/\u001b[31mred\nfake", origin(1), Map.of());
    Finding curl = Finding.at("tools.present", "tools", Severity.HIGH, "curl at /usr/bin/curl", "/usr/bin/curl",
        origin(1), Map.of());
    Waiver waiver = new Waiver("tools.present", Optional.of(PathGlob.of("/usr/bin/curl")),
        "HEALTHCHECK uses curl", Optional.of(LocalDate.of(2026, 12, 31)));
    List<InspectorResult> results = List.of(
        new InspectorResult("shell", InspectorResult.Status.FAIL, Map.of(), List.of(shell), Optional.empty()),
        new InspectorResult("user", InspectorResult.Status.FAIL, Map.of(), List.of(root), Optional.empty()),
        new InspectorResult("secrets", InspectorResult.Status.FAIL, Map.of(), List.of(key), Optional.empty()),
        new InspectorResult("permissions", InspectorResult.Status.PASS, Map.of(), List.of(odd), Optional.empty()),
        new InspectorResult("tools", InspectorResult.Status.PASS, Map.of(), List.of(), Optional.empty()),
        InspectorResult.skipped("signatures", "not selected by policy hardened"));
    Summary summary = new Summary(Map.of(Severity.CRITICAL, 1, Severity.HIGH, 2, Severity.MEDIUM, 1), 1, 5, 3, 0, 1);
    return report(results, List.of(new WaivedFinding(curl, waiver)),
        List.of("waiver for hygiene.* expired on 2025-01-31 and no longer applies (reason was: legacy)"),
        summary, Verdict.FAIL, Policies.hardened());
  }

  @Test
  void should_write_the_exact_text_of_a_failing_report() throws IOException {
    // GIVEN
    Report r = failing();
    // WHEN
    String text = text(r);
    // THEN
    assertThat(text).isEqualTo("""
        imagecheck 0.1.0 scan of oci:build/app:latest
          image:      sha256:0123456789ab (linux/amd64), 3 layers
          policy:     hardened, fails at high or above
          inspectors: 5 run, 3 failed, 0 errored, 1 skipped

        CRITICAL (1)
          secrets.private-key: OpenSSH private key in /root/.ssh/id_rsa
            /root/.ssh/id_rsa, added by layer 3 of 3 (sha256:5e5e5e5e5e5e), history step 5: COPY --chown=0:0 id_rsa /root/.ssh/
            evidence: hint=-----BEGIN OPE...

        HIGH (2)
          shell.present: shell /bin/sh -> /bin/busybox is reachable
            /bin/sh, added by layer 1 of 3 (sha256:ab12cd34ef56), history step 2: RUN apk add busybox
            evidence: target=/bin/busybox
          user.root: the config sets no user: the process runs as root

        MEDIUM (1)
          permissions.world-writable: world-writable directory without sticky bit
            /srv/\\x1B[31mred\\nfake, added by layer 2 of 3 (sha256:9f8e7d6c5b4a), history step 3: RUN apk add curl

        Waived (1)
          tools.present (high): curl at /usr/bin/curl
            /usr/bin/curl, added by layer 2 of 3 (sha256:9f8e7d6c5b4a), history step 3: RUN apk add curl
            waived: HEALTHCHECK uses curl (waiver tools.present at /usr/bin/curl, expires 2026-12-31)

        Notes
          - waiver for hygiene.* expired on 2025-01-31 and no longer applies (reason was: legacy)

        FAIL: 1 critical, 2 high findings at or above high (policy hardened)
        """);
  }

  @Test
  void should_list_inspectors_that_could_not_run_and_say_incomplete() throws IOException {
    // GIVEN
    List<InspectorResult> results = List.of(
        InspectorResult.error("permissions", "IOException: cannot read layer 2\u001b]0;pwned\u0007"),
        new InspectorResult("shell", InspectorResult.Status.PASS, Map.of(), List.of(), Optional.empty()));
    Summary summary = new Summary(Map.of(), 0, 1, 0, 1, 0);
    Report r = report(results, List.of(), List.of(), summary, Verdict.INCOMPLETE, Policies.baseline());
    // WHEN
    String text = text(r);
    // THEN
    assertThat(text).endsWith("""
        No findings.

        Could not run (1)
          permissions: IOException: cannot read layer 2\\x1B]0;pwned\\x07

        INCOMPLETE: 1 inspector could not run (permissions) (policy baseline)
        """);
  }

  @Test
  void should_name_findings_below_the_threshold_when_passing() {
    // GIVEN
    Summary summary = new Summary(Map.of(Severity.MEDIUM, 2, Severity.INFO, 1), 0, 4, 0, 0, 0);
    Report r = report(List.of(), List.of(), List.of(), summary, Verdict.PASS, Policies.baseline());
    // WHEN
    String line = TextReportWriter.verdictLine(r);
    // THEN
    assertThat(line).isEqualTo("PASS: no findings at or above critical; 2 medium, 1 info below it (policy baseline)");
  }

  @Test
  void should_cut_long_build_commands_on_the_location_line() throws IOException {
    // GIVEN
    Origin o = new Origin(0, 1, L0, L0, Optional.of(0), Optional.of("RUN " + "x".repeat(500)));
    Finding f = Finding.at("tools.present", "tools", Severity.HIGH, "nc at /bin/nc", "/bin/nc", o, Map.of());
    Summary summary = new Summary(Map.of(Severity.HIGH, 1), 0, 1, 1, 0, 0);
    Report r = report(List.of(new InspectorResult("tools", InspectorResult.Status.FAIL, Map.of(), List.of(f),
        Optional.empty())), List.of(), List.of(), summary, Verdict.FAIL, Policies.hardened());
    // WHEN
    String location = text(r).lines().filter(l -> l.startsWith("    /bin/nc")).findFirst().orElseThrow();
    // THEN
    assertThat(location).hasSize(TextReportWriter.MAX_LINE).endsWith("xxx...")
        .startsWith("    /bin/nc, added by layer 1 of 1 (sha256:ab12cd34ef56), history step 1: RUN xxx");
  }

  @Test
  void should_end_several_reports_with_the_worst_verdict() throws IOException {
    // GIVEN
    Summary clean = new Summary(Map.of(), 0, 1, 0, 0, 0);
    Report pass = report(List.of(), List.of(), List.of(), clean, Verdict.PASS, Policies.hardened());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // WHEN
    new TextReportWriter().writeAll(List.of(pass, failing()), out);
    // THEN
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).endsWith("\nOverall: FAIL (linux/amd64 PASS, linux/amd64 FAIL)\n");
    assertThat(text.lines().filter(l -> l.startsWith("imagecheck 0.1.0 scan of"))).hasSize(2);
  }

  @Test
  void should_be_registered_as_the_text_format_first() {
    // GIVEN / WHEN / THEN
    assertThat(ReportWriters.formats()).startsWith("text", "json");
    assertThat(ReportWriters.named("text")).get().isInstanceOf(TextReportWriter.class);
    assertThat(ReportWriters.named("yaml")).isEmpty();
  }
}
