package io.imagecheck.testkit;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.ListAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on an image's merged filesystem (the tree a container starts from), for tests that already
 * hold a {@link FileSystemView}; {@link ImageAssert} offers the same file assertions on an image.
 *
 * <pre>{@code
 * assertThat(fs).containsFile("/etc/passwd").contentMatches("(?m)^nonroot:");
 * assertThat(fs).doesNotContain("/bin/sh");
 * // Expecting image oci:build/image not to contain /bin/sh, but it (-> busybox) was added by layer 1 of 2
 * // (sha256:86b042985a12), history step 1: ADD rootfs.tar / # base
 * }</pre>
 */
public class FileSystemAssert extends AbstractAssert<FileSystemAssert, FileSystemView> {

  private final @Nullable SoftImageAssertions softly;

  /**
   * Creates the assert.
   *
   * @param actual the merged filesystem
   * @param softly the collector of soft assertions, or null
   */
  FileSystemAssert(FileSystemView actual, @Nullable SoftImageAssertions softly) {
    super(Objects.requireNonNull(actual, "actual"), FileSystemAssert.class);
    this.softly = softly;
  }

  /**
   * Verifies that a path exists (links followed) and returns assertions on the file.
   *
   * <pre>{@code
   * assertThat(fs).containsFile("/app/server").isExecutable();
   * assertThat(fs).containsFile("/usr/bin/apt");
   * // fails: Expecting image oci:x to contain /usr/bin/apt, but it was added by layer 1 of 4 (...) and
   * // deleted by layer 4 of 4 (...), history step 4: RUN rm /usr/bin/apt
   * }</pre>
   *
   * @param path an absolute image path
   * @return assertions on the file
   */
  public FileAssert containsFile(String path) {
    Objects.requireNonNull(path, "path");
    Soft.run(softly, () -> FileChecks.missing(actual, path).ifPresent(this::throwAssertionError));
    return new FileAssert(FileChecks.target(actual, path).orElse(null), path, actual, softly);
  }

  /**
   * Verifies that nothing is at a path (not even a link).
   *
   * @param path an absolute image path
   * @return this assert
   */
  public FileSystemAssert doesNotContain(String path) {
    Objects.requireNonNull(path, "path");
    Soft.run(softly, () -> FileChecks.present(actual, path).ifPresent(this::throwAssertionError));
    return myself;
  }

  /**
   * Assertions on the entries whose path matches a glob, e.g. every {@code *.so} under {@code /usr/lib}.
   *
   * <pre>{@code
   * assertThat(fs).filesMatching("/app/lib/*.jar").extracting(FileEntry::name).contains("app.jar");
   * }</pre>
   *
   * @param glob e.g. {@code /usr/lib/**&#47;*.so}
   * @return an AssertJ list assert (its failures are not collected by {@link SoftImageAssertions}; wrap
   *     it in {@link SoftImageAssertions#check})
   */
  public ListAssert<FileEntry> filesMatching(String glob) {
    List<FileEntry> found = actual.find(Objects.requireNonNull(glob, "glob"));
    return new ListAssert<>(found).as("entries of %s matching %s", actual.image().source(), glob);
  }
}
