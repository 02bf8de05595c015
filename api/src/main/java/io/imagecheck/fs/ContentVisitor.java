package io.imagecheck.fs;

import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * A streaming consumer of file content, served in the single pass over each layer that builds a
 * {@link FileSystemView}. It sees regular files of <em>every</em> layer, including files that later
 * layers overwrite or delete (they are still shipped in the image), with their layer-local metadata.
 *
 * <p>Visitors are called concurrently from several layers, so implementations must be thread-safe;
 * the simplest way is to keep no state and return a result per file, which the view collects
 * ({@link FileSystemView#visits(ContentVisitor)}).
 *
 * <p>Visitors that are equal ({@link Object#equals(Object)}) are served once: the view calls the first
 * of them and gives every equal visitor the same results and the same error. A stateless visitor that
 * several inspectors declare should therefore make all its instances equal, so each file is read once
 * for all of them; the default (identity) serves every instance on its own.
 *
 * @param <R> the per-file result
 */
public interface ContentVisitor<R> {

  /**
   * A short name, used in logs and error messages.
   *
   * @return e.g. {@code secrets}
   */
  String name();

  /**
   * Tells whether this visitor wants the content of a file. Called for every regular file of every
   * layer, so it must be cheap (look at the path, size, mode).
   *
   * @param entry the file's layer-local metadata
   * @return true to be called with its content
   */
  boolean accepts(FileEntry entry);

  /**
   * Consumes a file's content. The stream ends at the end of the file; the visitor need not read it
   * all and must not close it.
   *
   * @param entry the file's layer-local metadata
   * @param content the file's bytes
   * @return a result to keep for this file, or null to keep nothing
   * @throws IOException when the visitor cannot handle the content; the visitor is then not called
   *     again and {@link FileSystemView#visitorError(ContentVisitor)} reports it (a failure of the layer
   *     stream itself fails the whole view instead)
   */
  @Nullable R visit(FileEntry entry, InputStream content) throws IOException;
}
