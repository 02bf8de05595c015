package io.imagecheck.testing;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one inspector for real, through {@link Scanner}, on a synthetic {@link TestImage} written as an
 * OCI layout ({@code oci:DIR:latest}) or on an image reference, and returns the report.
 */
public final class ReportScans {

  private ReportScans() {}

  /**
   * Scans a synthetic image with one inspector under the default policy.
   *
   * @param image the image
   * @param inspector the inspector
   * @return the report
   * @throws IOException when the image cannot be written or read
   */
  public static Report scan(TestImage image, Inspector inspector) throws IOException {
    return scan(image, inspector, Policy.defaults());
  }

  /**
   * Scans a synthetic image with one inspector under a policy.
   *
   * @param image the image
   * @param inspector the inspector
   * @param policy the policy (its options reach the inspector)
   * @return the report
   * @throws IOException when the image cannot be written or read
   */
  public static Report scan(TestImage image, Inspector inspector, Policy policy) throws IOException {
    Path dir = Files.createTempDirectory("imagecheck-inspector-test");
    try {
      image.writeOciLayout(dir, "latest");
      return scan("oci:" + dir + ":latest", inspector, policy);
    } finally {
      delete(dir);
    }
  }

  /**
   * Scans an image reference with one inspector under a policy.
   *
   * @param reference e.g. {@code oci:/path/layout:latest}
   * @param inspector the inspector
   * @param policy the policy
   * @return the report
   * @throws IOException when the image cannot be read
   */
  public static Report scan(String reference, Inspector inspector, Policy policy) throws IOException {
    try (ImageSource source = ImageSources.open(reference)) {
      return Scanner.with(policy, List.of(inspector)).scan(source.image());
    }
  }

  /**
   * The inspector's result in a report, which must have run.
   *
   * @param report the report
   * @param inspectorId the inspector id
   * @return its result
   * @throws AssertionError when it did not run or errored
   */
  public static InspectorResult result(Report report, String inspectorId) {
    InspectorResult r = report.result(inspectorId)
        .orElseThrow(() -> new AssertionError("no result for inspector " + inspectorId));
    if (r.status() == InspectorResult.Status.ERROR || r.status() == InspectorResult.Status.SKIPPED) {
      throw new AssertionError("inspector " + inspectorId + " did not run: " + r.status() + " " + r.error()
          .orElse("") + " " + r.facts());
    }
    return r;
  }

  /**
   * The findings of one rule.
   *
   * @param report the report
   * @param ruleId the rule id
   * @return its findings, in report order
   */
  public static List<Finding> findings(Report report, String ruleId) {
    return report.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
