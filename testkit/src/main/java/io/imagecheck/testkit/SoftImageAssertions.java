package io.imagecheck.testkit;

import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Image;
import io.imagecheck.inspect.Finding;
import io.imagecheck.report.Report;
import io.imagecheck.source.ImageSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.SoftAssertionsProvider.ThrowingRunnable;
import org.assertj.core.error.AssertJMultipleFailuresError;

/**
 * Soft assertions on images: every failure is collected, and {@link #close()} (or {@link #assertAll()})
 * reports them all at once. No proxies: the testkit's own assertions check through an explicit wrapper,
 * and anything else (AssertJ's list asserts from {@code packages()}, plain AssertJ) goes through
 * {@link #check(ThrowingRunnable)}.
 *
 * <pre>{@code
 * try (SoftImageAssertions softly = new SoftImageAssertions()) {
 *   softly.assertThat(image).hasNoShell().runsAsNonRoot();
 *   softly.assertThat(image).containsFile("/app/server").withMode("0755");
 *   softly.check(() -> assertThat(image).packages().isEmpty());
 * }   // throws one error listing every failure
 * }</pre>
 *
 * <p>The JUnit extension ({@code io.imagecheck.testkit.junit.ImageCheckExtension}) injects one per test
 * and asserts it after the test. Thread-safe.
 */
public class SoftImageAssertions implements AutoCloseable {

  private final List<AssertionError> errors = new ArrayList<>();

  /** Creates an empty collector. */
  public SoftImageAssertions() {
    // nothing collected yet
  }

  /**
   * Soft assertions on an image.
   *
   * @param image the image
   * @return an assert whose failures are collected
   */
  public ImageAssert assertThat(Image image) {
    return new ImageAssert(image, this);
  }

  /**
   * Soft assertions on the image of a source (signature assertions can then read the source).
   *
   * @param source the open source
   * @return an assert whose failures are collected
   * @throws java.io.UncheckedIOException when the source's image cannot be read
   */
  public ImageAssert assertThat(ImageSource source) {
    return new ImageAssert(Sources.image(source), this);
  }

  /**
   * Soft assertions on a merged filesystem.
   *
   * @param fs the filesystem
   * @return an assert whose failures are collected
   */
  public FileSystemAssert assertThat(FileSystemView fs) {
    return new FileSystemAssert(fs, this);
  }

  /**
   * Soft assertions on a report.
   *
   * @param report the report
   * @return an assert whose failures are collected
   */
  public ReportAssert assertThat(Report report) {
    return new ReportAssert(report, this);
  }

  /**
   * Soft assertions on a finding.
   *
   * @param finding the finding
   * @return an assert whose failures are collected
   */
  public FindingAssert assertThat(Finding finding) {
    return new FindingAssert(Objects.requireNonNull(finding, "finding"), this);
  }

  /**
   * Runs any assertion and collects its failure: the explicit wrapper for assertions this class does not
   * make (AssertJ's own, {@code packages()}, {@code layers()}).
   *
   * <pre>{@code
   * softly.check(() -> assertThat(image).packages().extracting(InstalledPackage::name).contains("tini"));
   * }</pre>
   *
   * @param assertion the assertion
   * @throws RuntimeException what the assertion throws other than an {@link AssertionError}, unchanged
   *     when unchecked and wrapped when checked
   */
  public void check(ThrowingRunnable assertion) {
    Objects.requireNonNull(assertion, "assertion");
    try {
      assertion.run();
    } catch (AssertionError e) {
      collect(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the assertion threw " + e, e);
    }
  }

  /**
   * Collects a failure.
   *
   * @param error the failure
   */
  void collect(AssertionError error) {
    synchronized (errors) {
      errors.add(Objects.requireNonNull(error, "error"));
    }
  }

  /**
   * The failures collected so far.
   *
   * @return a copy, in order
   */
  public List<AssertionError> errorsCollected() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  /**
   * Tells whether every assertion so far passed.
   *
   * @return true when nothing was collected
   */
  public boolean wasSuccess() {
    return errorsCollected().isEmpty();
  }

  /**
   * Fails with every collected failure, if any, and starts over.
   *
   * @throws AssertionError the one failure collected, or an {@link AssertJMultipleFailuresError} listing
   *     them all
   */
  public void assertAll() {
    List<AssertionError> all;
    synchronized (errors) {
      all = List.copyOf(errors);
      errors.clear();
    }
    if (all.size() == 1) {
      throw all.get(0);
    }
    if (!all.isEmpty()) {
      throw new AssertJMultipleFailuresError("image assertions", all);
    }
  }

  /**
   * Same as {@link #assertAll()}, for try-with-resources.
   *
   * @throws AssertionError when assertions failed
   */
  @Override
  public void close() {
    assertAll();
  }
}
