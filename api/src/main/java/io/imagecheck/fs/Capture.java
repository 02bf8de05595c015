package io.imagecheck.fs;

import java.util.Objects;

/**
 * A request to keep the bytes of small files while the view is built: every regular file of the
 * final tree whose path matches {@link #glob()} and whose size is at most {@link #maxBytes()}.
 * Larger matches are skipped (and listed in the view's warnings); use a {@link ContentVisitor} for
 * content of any size.
 *
 * <p>Captures match the literal path of the file in the merged tree. To capture a file reached
 * through a symlink, capture its target too (e.g. {@code /etc/os-release} and
 * {@code /usr/lib/os-release}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param glob the paths to capture
 * @param maxBytes the largest file captured
 */
public record Capture(PathGlob glob, long maxBytes) {

  /** The default size cap: 4 MiB. */
  public static final long DEFAULT_MAX_BYTES = 4L << 20;

  /**
   * Checks the components and copies collections.
   *
   * @param glob the paths to capture
   * @param maxBytes the largest file captured
   * @throws IllegalArgumentException when the cap is negative
   */
  public Capture {
    Objects.requireNonNull(glob, "glob");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("negative capture size " + maxBytes);
    }
  }

  /**
   * A capture with the default size cap.
   *
   * @param glob e.g. {@code /etc/passwd} or {@code /lib/apk/db/installed}
   * @return the capture
   */
  public static Capture of(String glob) {
    return new Capture(PathGlob.of(glob), DEFAULT_MAX_BYTES);
  }

  /**
   * A capture with a size cap.
   *
   * @param glob the paths
   * @param maxBytes the largest file captured
   * @return the capture
   */
  public static Capture of(String glob, long maxBytes) {
    return new Capture(PathGlob.of(glob), maxBytes);
  }
}
