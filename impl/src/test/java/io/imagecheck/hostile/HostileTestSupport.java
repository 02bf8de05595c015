package io.imagecheck.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.fs.FileSystemView;
import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.filesystems.ViewOptions;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.sources.SourceOptions;
import io.imagecheck.testimage.TestImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every hostile test checks around its read: nothing new in the working directory (outside
 * {@code target/}) or among imagecheck's temporary files, and no imagecheck thread left running.
 */
abstract class HostileTestSupport {

  @TempDir Path tmp;
  private Set<String> workingDir;
  private Set<String> tempFiles;
  private int images;

  @BeforeEach
  void snapshotBefore() throws IOException {
    workingDir = workingDirectory();
    tempFiles = HostileImages.imagecheckTempFiles();
  }

  @AfterEach
  void nothingWrittenNothingLeftRunning() throws IOException, InterruptedException {
    assertThat(workingDirectory()).as("files in the working directory").isEqualTo(workingDir);
    assertThat(HostileImages.imagecheckTempFiles()).as("imagecheck temporary files").isEqualTo(tempFiles);
    assertThat(HostileImages.imagecheckThreads()).as("imagecheck threads still running").isEmpty();
  }

  private static Set<String> workingDirectory() throws IOException {
    Set<String> all = new java.util.TreeSet<>(HostileImages.snapshot(Path.of("").toAbsolutePath()));
    all.removeIf(p -> p.equals("target") || p.startsWith("target/") || p.startsWith(".cifuzz-corpus"));
    return all;
  }

  /** A fresh directory under the test's temporary directory. */
  Path dir() {
    return tmp.resolve("image" + images++);
  }

  /** Writes a test image as an OCI layout and returns its reference. */
  String layout(Consumer<TestImage.Builder> spec) throws IOException {
    TestImage.Builder b = TestImage.builder();
    spec.accept(b);
    Path d = dir();
    b.build().writeOciLayout(d, "latest");
    return "oci:" + d + ":latest";
  }

  /** Opens a source and builds its view with default options. */
  static FileSystemView view(String reference) throws IOException {
    return view(reference, ReadLimits.defaults());
  }

  /** Opens a source and builds its view with the given limits, closing the source. */
  static FileSystemView view(String reference, ReadLimits limits) throws IOException {
    try (ImageSource s = ImageSources.open(reference, SourceOptions.builder().limits(limits).build())) {
      return FileSystemViews.read(s.image(), ContentNeeds.NONE, ViewOptions.defaults().withLimits(limits));
    }
  }
}
