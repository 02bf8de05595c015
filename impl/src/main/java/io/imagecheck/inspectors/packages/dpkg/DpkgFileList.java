package io.imagecheck.inspectors.packages.dpkg;

import io.imagecheck.fs.ImagePaths;
import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The files of one installed dpkg package, from {@code /var/lib/dpkg/info/<package>.list} or
 * {@code /var/lib/dpkg/info/<package>:<arch>.list} (one absolute path per line, directories
 * included), so that an inspector can tell which package owns {@code /bin/bash}.
 *
 * <p>Paths are kept as dpkg recorded them, cleaned ({@code /.} becomes the root, which is left
 * out). They are not resolved through symlinks: on a merged-{@code /usr} system dpkg may record
 * {@code /bin/bash} while the file lives at {@code /usr/bin/bash}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the list file's path inside the image
 * @param packageName the package, from the file name
 * @param architecture the architecture qualifier of the file name ({@code libc6:amd64.list}), if
 *     any
 * @param paths the absolute image paths, in file order, without duplicates
 */
public record DpkgFileList(
    String path, String packageName, Optional<String> architecture, List<String> paths) {

  private static final System.Logger LOG = System.getLogger(DpkgFileList.class.getName());

  /**
   * Checks the components and copies the list.
   *
   * @param path the list file's path inside the image
   * @param packageName the package name
   * @param architecture the architecture qualifier
   * @param paths the absolute image paths
   */
  public DpkgFileList {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(architecture, "architecture");
    paths = List.copyOf(paths);
  }

  /**
   * Reads a {@code .list} file. Lines that are not absolute paths are left out (and logged).
   * File names are bytes to dpkg; invalid UTF-8 is read as U+FFFD.
   *
   * @param path the path inside the image, e.g. {@code /var/lib/dpkg/info/bash.list}
   * @param content the file content
   * @return the file list
   * @throws PackageDatabaseException when the file name does not end in {@code .list} or names no
   *     package
   */
  public static DpkgFileList parse(String path, byte[] content) throws PackageDatabaseException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    String fileName = ImagePaths.name(ImagePaths.clean(path));
    if (!fileName.endsWith(".list") || fileName.length() == ".list".length()) {
      throw new PackageDatabaseException(
          path, "not a dpkg file list: expected a name like <package>.list");
    }
    String stem = fileName.substring(0, fileName.length() - ".list".length());
    int colon = stem.indexOf(':');
    String pkg = colon < 0 ? stem : stem.substring(0, colon);
    Optional<String> arch =
        colon < 0 ? Optional.empty() : Optional.of(stem.substring(colon + 1)).filter(a -> !a.isEmpty());
    if (pkg.isEmpty()) {
      throw new PackageDatabaseException(path, "file list name has no package name: " + fileName);
    }
    String text = new String(content, StandardCharsets.UTF_8);
    Set<String> seen = new HashSet<>();
    List<String> paths = new ArrayList<>();
    int skipped = 0;
    for (String line : text.split("\n")) {
      String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (l.isEmpty()) {
        continue;
      }
      if (!l.startsWith("/")) {
        skipped++;
        continue;
      }
      String clean = ImagePaths.clean(l);
      if (!clean.equals("/") && seen.add(clean)) {
        paths.add(clean);
      }
    }
    if (skipped > 0) {
      LOG.log(System.Logger.Level.WARNING, "{0}: {1} lines are not absolute paths, left out",
          path, skipped);
    }
    return new DpkgFileList(path, pkg, arch, paths);
  }

  /**
   * Tells whether this package lists a path.
   *
   * @param imagePath an absolute image path, e.g. {@code /bin/bash}
   * @return true when the list has it (after cleaning)
   */
  public boolean owns(String imagePath) {
    return paths.contains(ImagePaths.clean(imagePath));
  }
}
