package io.imagecheck.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.imagecheck.image.Compression;
import io.imagecheck.image.MediaType;
import io.imagecheck.internal.blob.Decompressors;
import io.imagecheck.source.ImageSourceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * gzip and zstd decoding of layer blobs (a corrupt, truncated or hostile stream, such as a zstd frame that
 * declares a huge window): only {@link ImageSourceException}s may come out, and decoding stays within a
 * bounded amount of output and time.
 */
class DecompressorsFuzzTest {

  static {
    // fuzzing only: no log line per input
    FuzzImages.quietWhenFuzzing();
  }

  @FuzzTest(maxDuration = "5m")
  void fuzz_gzip_and_zstd_decoding(byte[] data) throws IOException {
    for (Compression c : new Compression[] {Compression.GZIP, Compression.ZSTD}) {
      byte[] buf = new byte[65536];
      long total = 0;
      try (InputStream in = Decompressors.decompress(new ByteArrayInputStream(data), c, "fuzz", "blob")) {
        int n;
        while ((n = in.read(buf)) >= 0 && total < (256L << 20)) {
          total += n;
        }
      } catch (ImageSourceException e) {
        // typed rejection
      }
    }
    try (InputStream in = Decompressors.decompress(new ByteArrayInputStream(data), MediaType.OCI_LAYER_ZSTD, "fuzz",
        "blob")) {
      in.readNBytes(1 << 20);
    } catch (ImageSourceException e) {
      // typed rejection
    }
  }
}
