package io.imagecheck.testkit;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.ImagePaths;
import io.imagecheck.fs.LayerChanges;
import io.imagecheck.fs.Origin;
import io.imagecheck.fs.Resolution;
import io.imagecheck.scan.Scanner;
import io.imagecheck.testkit.error.ShouldContainFile;
import io.imagecheck.testkit.error.ShouldNotContainFile;
import java.util.List;
import java.util.Optional;
import org.assertj.core.error.ErrorMessageFactory;

/** The path checks {@link ImageAssert} and {@link FileSystemAssert} share. */
final class FileChecks {

  private FileChecks() {}

  /**
   * Why a path is missing, or null when it exists.
   *
   * @param fs the merged filesystem
   * @param path the path asked for
   * @return the failure message, or empty when the path resolves
   */
  static Optional<ErrorMessageFactory> missing(FileSystemView fs, String path) {
    Resolution r = fs.resolve(path);
    if (r.exists()) {
      return Optional.empty();
    }
    String clean = ImagePaths.clean(path);
    List<LayerChanges> changes = fs.layerChanges();
    for (int i = changes.size() - 1; i >= 0; i--) {
      LayerChanges c = changes.get(i);
      for (FileEntry deleted : c.deleted()) {
        if (deleted.path().equals(clean)) {
          List<Origin> origins = Scanner.origins(fs.image());
          Optional<Origin> by = c.layerIndex() < origins.size() ? Optional.of(origins.get(c.layerIndex()))
              : Optional.empty();
          return Optional.of(ShouldContainFile.shouldContainFile(fs.image().source(), path, Optional.of(deleted), by,
              r.problem()));
        }
      }
    }
    return Optional.of(ShouldContainFile.shouldContainFile(fs.image().source(), path, Optional.empty(),
        Optional.empty(), r.problem()));
  }

  /**
   * Why a path that should be absent is present, or empty.
   *
   * @param fs the merged filesystem
   * @param path the path asked about
   * @return the failure message, or empty when nothing is at the path
   */
  static Optional<ErrorMessageFactory> present(FileSystemView fs, String path) {
    return fs.entry(path).map(e -> ShouldNotContainFile.shouldNotContainFile(fs.image().source(),
        ImagePaths.clean(path), e));
  }

  /**
   * The file at a path, links followed.
   *
   * @param fs the merged filesystem
   * @param path the path
   * @return the entry, if the path resolves
   */
  static Optional<FileEntry> target(FileSystemView fs, String path) {
    return fs.resolve(path).target();
  }
}
