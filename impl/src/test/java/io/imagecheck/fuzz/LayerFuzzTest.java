package io.imagecheck.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import io.imagecheck.source.ImageSourceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/**
 * Tar layer reading into the merged view: the input is the layer's uncompressed tar (its first byte
 * chooses whether the blob is stored as is or gzip-compressed), its diff_id is right, and the view is
 * built with captures, a visitor and content digests, then queried. Only {@link ImageSourceException}s may
 * come out.
 */
class LayerFuzzTest {

  static {
    // fuzzing only: no log line per input
    FuzzImages.quietWhenFuzzing();
  }

  @FuzzTest(maxDuration = "5m")
  void fuzz_tar_layer_into_merged_view(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    boolean gzip = (data[0] & 1) == 1;
    byte[] tar = java.util.Arrays.copyOfRange(data, 1, data.length);
    byte[] blob = tar;
    if (gzip) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(out)) {
        z.write(tar);
      }
      blob = out.toByteArray();
    }
    try {
      FuzzImages.walk(FuzzImages.oneLayerImage(blob, Digest.sha256(tar),
          gzip ? MediaType.OCI_LAYER_GZIP : MediaType.OCI_LAYER));
    } catch (ImageSourceException e) {
      // typed rejection
    }
  }
}
