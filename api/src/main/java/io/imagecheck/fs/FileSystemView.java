package io.imagecheck.fs;

import io.imagecheck.image.Image;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The merged filesystem of an image: the final tree a container started from it sees, with the
 * {@link Origin} of every entry. Built by one streaming pass over each layer (see
 * {@code io.imagecheck.fs.FileSystemViews} in the implementation); keeps metadata only.
 *
 * <p>Path arguments may be relative or unclean; they are cleaned with {@link ImagePaths#clean(String)}.
 * Link resolution follows the image's own links only, with a hop limit and loop detection, and never
 * touches the host filesystem.
 *
 * <p>Implementations are thread-safe (immutable once built); {@link #open(String)} may be called
 * concurrently while the image's source is open.
 */
public interface FileSystemView {

  /**
   * The image this view was built from.
   *
   * @return the image
   */
  Image image();

  /**
   * The number of entries in the final tree (the root directory included).
   *
   * @return the entry count
   */
  int size();

  /**
   * Looks up an entry without following a final symlink ({@code lstat}): links in parent components
   * are followed, so {@code /bin/sh} is found when {@code /bin} links to {@code usr/bin}.
   *
   * @param path an image path
   * @return the entry, if the path exists
   */
  Optional<FileEntry> entry(String path);

  /**
   * Follows every link of a path ({@code stat}), recording the chain.
   *
   * @param path an image path
   * @return the resolution, with a target when the path exists
   */
  Resolution resolve(String path);

  /**
   * Tells whether a path exists after following links.
   *
   * @param path an image path
   * @return true when {@link #resolve(String)} finds a target
   */
  default boolean exists(String path) {
    return resolve(path).exists();
  }

  /**
   * The children of a directory (after following links to it), sorted by name.
   *
   * @param directory an image path
   * @return the entries directly inside it; empty when it is not a directory
   */
  List<FileEntry> list(String directory);

  /**
   * The entries whose literal path matches a glob, sorted by path.
   *
   * @param glob e.g. {@code /usr/lib/python3*&#47;**&#47;METADATA}
   * @return the matching entries
   */
  List<FileEntry> find(PathGlob glob);

  /**
   * The entries whose literal path matches a glob, sorted by path.
   *
   * @param glob e.g. {@code /etc/*.conf}
   * @return the matching entries
   */
  default List<FileEntry> find(String glob) {
    return find(PathGlob.of(glob));
  }

  /**
   * Visits every entry of the final tree in path order (parents before children).
   *
   * @param consumer called once per entry
   */
  void walk(Consumer<FileEntry> consumer);

  /**
   * All entries of the final tree in path order.
   *
   * @return the entries
   */
  List<FileEntry> entries();

  /**
   * Opens a file's content, following symlinks and hard links, by re-reading only the layer that
   * holds it.
   *
   * @param path an image path
   * @return a new stream; the caller closes it
   * @throws IOException when the path does not name a regular file, or the layer cannot be read
   */
  InputStream open(String path) throws IOException;

  /**
   * The bytes of a file kept by a {@link Capture}.
   *
   * @param path the literal image path of the file (links are not followed)
   * @return a copy of the bytes, if the file was captured
   */
  Optional<byte[]> captured(String path);

  /**
   * The paths whose bytes were captured, sorted.
   *
   * @return captured paths
   */
  List<String> capturedPaths();

  /**
   * What a visitor returned for each file it accepted, in layer order, then tar order.
   *
   * @param visitor a visitor that was part of the {@link ContentNeeds} the view was built with
   * @param <R> the visitor's result type
   * @return the visits
   * @throws IllegalArgumentException when the visitor was not part of the view's needs
   */
  <R> List<Visit<R>> visits(ContentVisitor<R> visitor);

  /**
   * Why a visitor stopped being called: it threw while accepting or visiting a file. Its results up to
   * that point are still in {@link #visits(ContentVisitor)}; the scanner reports the owning inspector
   * as errored. A failure of the layer stream itself is not a visitor error: it fails the whole view.
   *
   * @param visitor a visitor of this view's needs
   * @return the error, if the visitor failed
   */
  Optional<String> visitorError(ContentVisitor<?> visitor);

  /**
   * What each layer added, replaced and deleted, base layer first.
   *
   * @return one entry per layer
   */
  List<LayerChanges> layerChanges();

  /**
   * Things noticed while building the view that did not stop it: ignored entry names that leave the
   * root, history/layer count mismatches, captures skipped for size, tar quirks.
   *
   * @return human-readable warnings
   */
  List<String> warnings();
}
