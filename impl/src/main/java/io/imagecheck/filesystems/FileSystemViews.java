package io.imagecheck.filesystems;

import io.imagecheck.cache.LayerCache;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Image;
import io.imagecheck.internal.fs.ViewBuilder;
import java.io.IOException;
import java.util.Objects;

/**
 * Builds the merged filesystem of an image.
 *
 * <pre>{@code
 * FileSystemView fs = FileSystemViews.read(image);
 * fs.resolve("/bin/sh").describe();   // "/bin/sh -> busybox = /bin/busybox"
 * }</pre>
 *
 * <p>Each layer is read exactly once, layers in parallel; its blob digest and diff_id are verified
 * while it is read. Only metadata is kept, plus the content the {@link ContentNeeds} ask for.
 *
 * <p>Thread-safe (stateless); each call uses its own short-lived threads and leaves none behind.
 */
public final class FileSystemViews {

  private FileSystemViews() {}

  /**
   * Builds a metadata-only view with default options.
   *
   * @param image the image
   * @return the view
   * @throws IOException when a layer cannot be read, does not verify, or passes a read limit
   */
  public static FileSystemView read(Image image) throws IOException {
    return read(image, ContentNeeds.NONE, ViewOptions.defaults());
  }

  /**
   * Builds a view serving content needs, with default options.
   *
   * @param image the image
   * @param needs captures, visitors, content digests
   * @return the view
   * @throws IOException when a layer cannot be read, does not verify, or passes a read limit
   */
  public static FileSystemView read(Image image, ContentNeeds needs) throws IOException {
    return read(image, needs, ViewOptions.defaults());
  }

  /**
   * Builds a view.
   *
   * @param image the image
   * @param needs captures, visitors, content digests
   * @param options limits and parallelism
   * @return the view
   * @throws IOException when a layer cannot be read, does not verify, or passes a read limit
   */
  public static FileSystemView read(Image image, ContentNeeds needs, ViewOptions options) throws IOException {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(needs, "needs");
    Objects.requireNonNull(options, "options");
    return ViewBuilder.build(image, needs, options.limits(), options.parallelism());
  }

  /**
   * Builds a view, taking the scans of layers seen before from a cache and storing the others' there.
   * A layer is found in the cache when a scan with the same needs, limits and imagecheck version read
   * the same blob (digest and diff_id) before; its blob is then not read again (nor its digests checked
   * again: they were checked when the entry was written). See {@link LayerCache} for the store and
   * {@link io.imagecheck.cache.CacheableVisitor} for which visitors' results are stored.
   *
   * @param image the image
   * @param needs captures, visitors, content digests
   * @param options limits and parallelism
   * @param cache the layer cache
   * @return the view
   * @throws IOException when a layer cannot be read, does not verify, or passes a read limit
   */
  public static FileSystemView read(Image image, ContentNeeds needs, ViewOptions options, LayerCache cache)
      throws IOException {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(needs, "needs");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(cache, "cache");
    return ViewBuilder.build(image, needs, options.limits(), options.parallelism(), cache);
  }
}
