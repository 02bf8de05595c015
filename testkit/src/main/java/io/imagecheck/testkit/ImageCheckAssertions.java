package io.imagecheck.testkit;

import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Image;
import io.imagecheck.inspect.Finding;
import io.imagecheck.report.Report;
import io.imagecheck.source.ImageSource;
import java.io.UncheckedIOException;

/**
 * The entry point of the image assertions: {@code import static
 * io.imagecheck.testkit.ImageCheckAssertions.assertThat;} next to AssertJ's.
 *
 * <pre>{@code
 * assertThat(image).hasNoShell().hasNoPackageManager().runsAsNonRoot().passesPolicy("hardened");
 * assertThat(image).containsFile("/app/server").withMode("0755").ownedBy(0, 0).isExecutable();
 * assertThat(image).hasUser("65532").hasLabel("org.opencontainers.image.version", "1.2.3");
 * assertThat(fs).doesNotContain("/bin/sh");
 * assertThat(report).passes();
 * assertThat(finding).hasRule("shell.present").isInLayer(2);
 * }</pre>
 *
 * <p>What the assertions read (the merged filesystem; a scan of the built-in inspectors, or of a policy)
 * is read once per image and kept while the image is reachable, so chained assertions are cheap. The
 * image's source must stay open while content is read.
 */
public final class ImageCheckAssertions {

  private ImageCheckAssertions() {}

  /**
   * Assertions on an image.
   *
   * @param image the image
   * @return the assert
   */
  public static ImageAssert assertThat(Image image) {
    return new ImageAssert(image, null);
  }

  /**
   * Assertions on the image of a source; unlike {@link #assertThat(Image)}, signature assertions
   * ({@link ImageAssert#isSignedBy(java.nio.file.Path)}) can then look at the signatures stored beside the
   * image.
   *
   * @param source the open source
   * @return the assert
   * @throws UncheckedIOException when the source's image cannot be read
   */
  public static ImageAssert assertThat(ImageSource source) {
    return new ImageAssert(Sources.image(source), null);
  }

  /**
   * Assertions on a merged filesystem.
   *
   * @param fs the filesystem
   * @return the assert
   */
  public static FileSystemAssert assertThat(FileSystemView fs) {
    return new FileSystemAssert(fs, null);
  }

  /**
   * Assertions on a report (a scan's or structure tests').
   *
   * @param report the report
   * @return the assert
   */
  public static ReportAssert assertThat(Report report) {
    return new ReportAssert(report, null);
  }

  /**
   * Assertions on a finding.
   *
   * @param finding the finding
   * @return the assert
   */
  public static FindingAssert assertThat(Finding finding) {
    return new FindingAssert(java.util.Objects.requireNonNull(finding, "finding"), null);
  }
}
