package io.imagecheck.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.imagecheck.image.Image;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.ImageSourceException;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.sources.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a docker-archive or an OCI archive from a file of fuzzer bytes (first byte: which transport),
 * then reading its image and merged view. Only {@link ImageSourceException}s may come out.
 */
class ArchiveFuzzTest {

  static {
    // fuzzing only: no log line per input
    FuzzImages.quietWhenFuzzing();
  }

  @TempDir static Path tmp;

  @FuzzTest(maxDuration = "5m")
  void fuzz_docker_and_oci_archives(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    String transport = (data[0] & 1) == 0 ? "docker-archive:" : "oci-archive:";
    Files.write(tmp.resolve("image.tar"), java.util.Arrays.copyOfRange(data, 1, data.length));
    SourceOptions options = SourceOptions.builder().limits(FuzzImages.LIMITS).build();
    try (ImageSource source = ImageSources.open(transport + tmp.resolve("image.tar"), options)) {
      for (Image image : source.images()) {
        FuzzImages.walk(image);
      }
    } catch (ImageSourceException e) {
      // typed rejection
    }
  }
}
