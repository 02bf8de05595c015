package io.imagecheck.sources.layout;

import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens files of a layout directory by relative name, refusing anything that is not a regular file
 * inside the directory once links are followed.
 *
 * <p>Thread-safe.
 */
final class DirectoryFiles {

  private final String source;
  private final Path root;
  private final Path realRoot;

  DirectoryFiles(String source, Path root) throws IOException {
    this.source = source;
    this.root = root;
    this.realRoot = root.toRealPath();
  }

  Path root() {
    return root;
  }

  boolean exists(String name) {
    return Files.exists(root.resolve(name), LinkOption.NOFOLLOW_LINKS);
  }

  InputStream open(String name) throws IOException {
    Path p = root.resolve(name);
    Path real;
    try {
      real = p.toRealPath();
    } catch (NoSuchFileException e) {
      throw new ImageNotFoundException(source, name + " is missing", List.of());
    }
    if (!real.startsWith(realRoot)) {
      throw new ImageFormatException(source, name + " is a link that leads out of the layout directory (to "
          + real + "); refusing to read it");
    }
    if (!Files.isRegularFile(real)) {
      throw new ImageFormatException(source, name + " is not a regular file");
    }
    return Files.newInputStream(real);
  }
}
