package io.imagecheck.internal.blob;

import io.airlift.compress.zstd.ZstdInputStream;
import io.imagecheck.image.Compression;
import io.imagecheck.image.MediaType;
import io.imagecheck.source.ImageFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.zip.GZIPInputStream;

/**
 * Decompression of layer blobs, chosen by the blob's first bytes rather than trusted from its media
 * type: tools mislabel layers (an uncompressed tar labelled {@code +gzip}, zstd in a Docker type), and
 * the bytes are what a container runtime would unpack. A disagreement with the media type is logged
 * as a warning, never fatal.
 *
 * <p>gzip uses the JDK's {@link GZIPInputStream} with a 64 KiB buffer (the fastest Java inflater on
 * the measured machine, see the perf notes in the README); zstd uses aircompressor's pure-Java decoder,
 * behind a frame guard that refuses frames declaring windows larger than container tools write.
 * Decoder failures (truncated or corrupt streams) surface as {@link ImageFormatException}s naming the
 * source and the blob.
 *
 * <p>Thread-safe (stateless).
 */
public final class Decompressors {

  private static final System.Logger LOG = System.getLogger(Decompressors.class.getName());
  private static final int BUFFER = 65536;

  private Decompressors() {}

  /**
   * Detects the compression of a stream from its first bytes without consuming them.
   *
   * @param in a stream that supports mark/reset
   * @return GZIP, ZSTD, or NONE (also for anything unrecognised, left to the tar reader to reject)
   * @throws IOException when reading fails, or the stream is bzip2/xz (not used by image layers)
   */
  public static Compression detect(InputStream in) throws IOException {
    in.mark(8);
    byte[] magic = new byte[6];
    int n = in.readNBytes(magic, 0, magic.length);
    in.reset();
    if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return Compression.GZIP;
    }
    if (n >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
        && (magic[3] & 0xff) == 0xfd) {
      return Compression.ZSTD;
    }
    return Compression.NONE;
  }

  /**
   * Opens the decompressed view of a blob.
   *
   * @param compressed the compressed bytes (ownership passes to the returned stream)
   * @param declared the media type the manifest gives, for the mismatch warning
   * @param source the source, for messages
   * @param what the blob, for messages
   * @return the uncompressed bytes; closing it closes {@code compressed}
   * @throws IOException when the stream cannot be read or its header is corrupt
   */
  public static InputStream decompress(InputStream compressed, MediaType declared, String source, String what)
      throws IOException {
    BufferedInputStream in = new BufferedInputStream(compressed, BUFFER);
    Compression actual = detect(in);
    Compression expected = declared.declaredCompression();
    if (expected != Compression.UNKNOWN && expected != actual) {
      LOG.log(Level.WARNING, "{0}: {1} is labelled {2} ({3}) but its bytes are {4}; reading it as {4}",
          source, what, expected, declared, actual);
    }
    return decompress(in, actual, source, what);
  }

  /**
   * The system property that keeps zstd-jni unused even when it is on the class path ({@code false}).
   */
  public static final String NATIVE_ZSTD_PROPERTY = "imagecheck.zstd.native";

  private static boolean nativeZstdAllowed() {
    return !"false".equals(System.getProperty(NATIVE_ZSTD_PROPERTY));
  }

  /**
   * A zstd decoder: zstd-jni's when allowed and the caller put it on the class path (and its native
   * library loads on this platform), else aircompressor's pure-Java one.
   */
  static InputStream zstd(InputStream in, boolean allowNative) throws IOException {
    if (allowNative) {
      InputStream n = NativeZstd.open(in);
      if (n != null) {
        return n;
      }
    }
    return new ZstdInputStream(in);
  }

  /**
   * Opens the decompressed view of a stream whose compression is known.
   *
   * @param in the compressed bytes (ownership passes to the returned stream)
   * @param compression the compression
   * @param source the source, for messages
   * @param what the blob, for messages
   * @return the uncompressed bytes
   * @throws IOException when the stream cannot be read or its header is corrupt
   */
  public static InputStream decompress(InputStream in, Compression compression, String source, String what)
      throws IOException {
    try {
      return switch (compression) {
        case GZIP -> new TranslatingInputStream(new GZIPInputStream(in, BUFFER), source, what + " (gzip)");
        case ZSTD -> new TranslatingInputStream(zstd(new ZstdFrameGuard(in, source, what), nativeZstdAllowed()),
            source, what + " (zstd)");
        case NONE -> in;
        case UNKNOWN -> throw new ImageFormatException(source, what + " has an unsupported compression");
      };
    } catch (ImageFormatException e) {
      in.close();
      throw e;
    } catch (IOException | RuntimeException e) {
      in.close();
      throw new ImageFormatException(source, what + " is not a valid " + compression.name().toLowerCase(java.util.Locale.ROOT)
          + " stream: " + e.getMessage(), e);
    }
  }
}
