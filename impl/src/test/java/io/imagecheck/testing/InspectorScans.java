package io.imagecheck.testing;

import io.imagecheck.image.Platform;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
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
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs one inspector for real, through {@link Scanner}, on a synthetic {@link TestImage} (written to a
 * temporary OCI layout and read back) or on an image reference.
 */
public final class InspectorScans {

  private InspectorScans() {}

  /**
   * Scans a synthetic image with the default policy.
   *
   * @param image the image
   * @param inspector the inspector
   * @return the inspector's result
   * @throws IOException when the image cannot be written or read
   */
  public static InspectorResult scan(TestImage image, Inspector inspector) throws IOException {
    return scan(image, inspector, Policy.defaults());
  }

  /**
   * Scans a synthetic image under a policy.
   *
   * @param image the image
   * @param inspector the inspector
   * @param policy the policy (options, severities)
   * @return the inspector's result
   * @throws IOException when the image cannot be written or read
   */
  public static InspectorResult scan(TestImage image, Inspector inspector, Policy policy) throws IOException {
    Path dir = Files.createTempDirectory("imagecheck-inspector-test");
    try {
      image.writeOciLayout(dir, "latest");
      return scan("oci:" + dir + ":latest", null, inspector, policy);
    } finally {
      delete(dir);
    }
  }

  /**
   * Scans an image reference (a real fixture).
   *
   * @param reference e.g. {@code docker-archive:/path/image.tar}
   * @param platform the platform to pick from an index, or null for the default
   * @param inspector the inspector
   * @param policy the policy
   * @return the inspector's result
   * @throws IOException when the image cannot be read
   */
  public static InspectorResult scan(String reference, @Nullable Platform platform, Inspector inspector,
      Policy policy) throws IOException {
    try (ImageSource source = ImageSources.open(reference)) {
      Report report = Scanner.with(policy, List.of(inspector))
          .scan(platform == null ? source.image() : source.image(platform));
      return report.result(inspector.id()).orElseThrow();
    }
  }

  /**
   * A policy with options for one inspector.
   *
   * @param inspectorId the inspector id
   * @param options option name to value
   * @return the policy
   */
  public static Policy withOptions(String inspectorId, Map<String, Object> options) {
    Policy.Builder b = Policy.builder("test");
    options.forEach((k, v) -> b.option(inspectorId, k, v));
    return b.build();
  }

  /**
   * The findings of one rule.
   *
   * @param result an inspector result
   * @param ruleId the rule id
   * @return its findings, in order
   */
  public static List<Finding> findings(InspectorResult result, String ruleId) {
    return result.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  /**
   * A fact that is a list of maps.
   *
   * @param result an inspector result
   * @param name the fact name
   * @return the list
   */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> maps(InspectorResult result, String name) {
    return (List<Map<String, Object>>) result.fact(name).orElseThrow(() -> new AssertionError("no fact " + name));
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
