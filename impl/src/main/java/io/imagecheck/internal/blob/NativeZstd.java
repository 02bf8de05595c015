package io.imagecheck.internal.blob;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import org.jspecify.annotations.Nullable;

/**
 * zstd-jni's decoder, when the caller put zstd-jni on the class path: imagecheck declares it as an
 * optional dependency and never ships it. Whether it is there is found out once, by using it: a
 * {@link NoClassDefFoundError} (not on the class path) or an {@link UnsatisfiedLinkError} (no native
 * library for this platform) makes every later call fall back at once.
 *
 * <p>Thread-safe.
 */
final class NativeZstd {

  private static final System.Logger LOG = System.getLogger(NativeZstd.class.getName());
  private static volatile boolean unavailable;

  private NativeZstd() {}

  /**
   * Opens a native decoder.
   *
   * @param in the compressed bytes (closed with the returned stream)
   * @return the decoder, or null when zstd-jni cannot be used
   * @throws IOException when the decoder cannot start on the stream
   */
  static @Nullable InputStream open(InputStream in) throws IOException {
    if (unavailable) {
      return null;
    }
    try {
      return Linked.open(in);
    } catch (LinkageError e) {
      unavailable = true;
      LOG.log(Level.DEBUG, "zstd-jni unavailable ({0}); zstd layers decode with aircompressor", e.toString());
      return null;
    }
  }

  /** The only code that names zstd-jni's classes, so that loading {@link NativeZstd} never needs them. */
  private static final class Linked {
    static InputStream open(InputStream in) throws IOException {
      return new ZstdInputStreamNoFinalizer(in);
    }
  }
}
