package io.imagecheck.bench.jmh;

import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Compression;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testimage.TestLayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tar walk that builds a metadata-only view: one uncompressed layer of {@code files} small files
 * (1-4 KiB, in nested directories), written as an OCI layout and read back through the public API. Per
 * entry: the tar header, name cleaning, a {@code FileEntry}, the skip of the content, the merge.
 *
 * <p>Not thread-safe (JMH state, one thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TarWalkBenchmark {

  /** How many files the layer holds. */
  @Param({"20000"})
  public int files;

  private Path dir = Path.of(".");

  /**
   * Writes the layout.
   *
   * @throws IOException when the temporary directory cannot be written
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("imagecheck-jmh-tar");
    TestLayer.Builder layer = TestLayer.builder().compression(Compression.NONE);
    byte[] content = "#define SOME_HEADER_VALUE 1\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < files; i++) {
      int size = 1024 + (i * 37) % 3072;
      layer.file("/usr/include/d" + (i % 200) + "/sub" + (i % 7) + "/file" + i + ".h",
          java.util.Arrays.copyOf(content, size), 0644);
    }
    TestImage.builder().layer("ADD headers", layer.build()).build().writeOciLayout(dir, "latest");
  }

  /**
   * Deletes the layout.
   *
   * @throws IOException when it cannot be deleted
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * Reads the view.
   *
   * @return its size, so the work is not eliminated
   * @throws IOException never
   */
  @Benchmark
  public int metadataView() throws IOException {
    try (ImageSource s = ImageSources.open("oci:" + dir + ":latest")) {
      FileSystemView fs = FileSystemViews.read(s.image());
      return fs.size();
    }
  }
}
