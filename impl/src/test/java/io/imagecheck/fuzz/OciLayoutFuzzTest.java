package io.imagecheck.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.ImageSourceException;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.sources.SourceOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening an OCI layout directory whose documents come from the fuzzer: {@code index.json}, one manifest,
 * one config and one layer, separated by NUL bytes in the input (the layer is the rest). So that the fuzzer gets past the digest checks, the harness stores each blob
 * under its real digest and replaces placeholders in the documents: {@code $MANIFEST}, {@code $CONFIG} and
 * {@code $LAYER} become {@code "digest":"sha256:...","size":N} of that blob, {@code $DIFFID} the layer's
 * sha256. Only {@link ImageSourceException}s may come out.
 */
class OciLayoutFuzzTest {

  static {
    // fuzzing only: no log line per input
    FuzzImages.quietWhenFuzzing();
  }

  @TempDir static Path tmp;

  @FuzzTest(maxDuration = "5m")
  void fuzz_oci_layout_documents(byte[] data) throws IOException {
    String[] docs = new String[3];
    int at = 0;
    for (int i = 0; i < 3; i++) {
      int end = at;
      while (end < data.length && data[end] != 0) {
        end++;
      }
      docs[i] = new String(data, at, end - at, StandardCharsets.UTF_8);
      at = Math.min(data.length, end + 1);
    }
    String index = docs[0];
    String manifest = docs[1];
    String config = docs[2];
    byte[] layer = java.util.Arrays.copyOfRange(data, at, data.length);
    clear();
    Path blobs = Files.createDirectories(tmp.resolve("blobs/sha256"));
    String layerRef = store(blobs, layer);
    String configRef = store(blobs, config.replace("$DIFFID", Digest.sha256(layer).toString())
        .getBytes(StandardCharsets.UTF_8));
    String manifestRef = store(blobs, manifest.replace("$CONFIG", configRef).replace("$LAYER", layerRef)
        .getBytes(StandardCharsets.UTF_8));
    Files.writeString(tmp.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(tmp.resolve("index.json"), index.replace("$MANIFEST", manifestRef));
    SourceOptions options = SourceOptions.builder().limits(FuzzImages.LIMITS).build();
    try (ImageSource source = ImageSources.open("oci:" + tmp, options)) {
      for (Image image : source.images()) {
        FuzzImages.walk(image);
      }
    } catch (ImageSourceException e) {
      // typed rejection
    }
  }

  private static String store(Path blobs, byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    Files.write(blobs.resolve(d.hex()), bytes);
    return "\"digest\":\"" + d + "\",\"size\":" + bytes.length;
  }

  private static void clear() throws IOException {
    Path blobs = tmp.resolve("blobs/sha256");
    if (Files.isDirectory(blobs)) {
      try (var s = Files.list(blobs)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
