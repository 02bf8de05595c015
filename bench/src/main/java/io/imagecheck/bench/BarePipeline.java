package io.imagecheck.bench;

import io.imagecheck.image.Compression;
import io.imagecheck.image.Digest;
import io.imagecheck.internal.blob.Decompressors;
import io.imagecheck.internal.blob.PipelinedInputStream;
import io.imagecheck.internal.blob.VerifyingInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The floor of a one-shot Java scan: a new JVM that only decodes one layer blob in the same three
 * stages imagecheck uses (read + blob digest | decompress | diff_id digest + tar walk, draining every
 * entry) and checks both digests; no view, no inspectors, no report, no command-line parsing. The
 * harness runs it as {@code java -cp imagecheck-bench.jar io.imagecheck.bench.BarePipeline BLOB
 * gzip|zstd DIGEST DIFF_ID} next to {@code imagecheck scan}, to tell the JVM's own cost from
 * imagecheck's.
 *
 * <p>Not thread-safe (a main program).
 */
public final class BarePipeline {

  private BarePipeline() {}

  /**
   * Decodes and walks the blob.
   *
   * @param args the blob, its compression, its digest and its diff_id
   * @throws IOException when it cannot be read or a digest does not match
   */
  public static void main(String[] args) throws IOException {
    Path blob = Path.of(args[0]);
    Compression c = args[1].equals("zstd") ? Compression.ZSTD : Compression.GZIP;
    Digest digest = Digest.parse(args[2]);
    Digest diffId = Digest.parse(args[3]);
    InputStream file = new VerifyingInputStream(Files.newInputStream(blob), "bench", "blob", digest,
        Files.size(blob));
    PipelinedInputStream read = new PipelinedInputStream(new BufferedInputStream(file, 1 << 16), null, "read");
    InputStream plain = Decompressors.decompress(new BufferedInputStream(read, 1 << 16), c, "bench", "blob");
    PipelinedInputStream decoded = new PipelinedInputStream(plain, null, "inflate");
    byte[] buf = new byte[1 << 16];
    try (InputStream verified = new VerifyingInputStream(decoded, "bench", "diff_id", diffId, -1);
        TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(verified, 1 << 16))) {
      long entries = 0;
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        entries += e.getName().isEmpty() ? 0 : 1;
        while (tar.read(buf, 0, buf.length) >= 0) {
          // drain the entry
        }
      }
      while (verified.read(buf) >= 0) {
        // to the end, so the diff_id is checked
      }
      if (entries == 0) {
        throw new IOException(blob + ": no tar entries");
      }
    }
  }
}
