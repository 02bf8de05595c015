package io.imagecheck.fs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;

/**
 * Image path arithmetic on {@code /}-separated strings, never on host paths.
 *
 * <p>Thread-safe (stateless).
 */
public final class ImagePaths {

  private ImagePaths() {}

  /**
   * Cleans a path as the root of a container sees it: {@code a}, {@code ./a}, {@code /a} and
   * {@code //a/./} are all {@code /a}; {@code ..} at the root stays at the root (as the kernel treats
   * {@code /..}).
   *
   * @param path a relative or absolute path
   * @return the absolute, clean path; {@code /} for the root
   */
  public static String clean(String path) {
    Objects.requireNonNull(path, "path");
    Deque<String> parts = new ArrayDeque<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(p);
      }
    }
    return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
  }

  /**
   * Cleans a tar entry name, refusing names that climb out of the root with {@code ..} (the
   * "tar-slip" shape). Such names are reported and ignored by the view, never followed.
   *
   * @param name an entry name, e.g. {@code ./usr/bin/} or {@code usr/../../etc/passwd}
   * @return the absolute, clean path, or empty when the name would leave the root
   */
  public static Optional<String> cleanEntryName(String name) {
    Objects.requireNonNull(name, "name");
    Deque<String> parts = new ArrayDeque<>();
    for (String p : name.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.pollLast();
      } else {
        parts.addLast(p);
      }
    }
    return Optional.of(parts.isEmpty() ? "/" : "/" + String.join("/", parts));
  }

  /**
   * The parent of a clean absolute path.
   *
   * @param path a clean absolute path
   * @return the parent; {@code /} for top-level paths and the root
   */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /**
   * The last component of a clean absolute path.
   *
   * @param path a clean absolute path
   * @return the name; empty for the root
   */
  public static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * Joins a clean directory and a relative or absolute path, the way a symlink target is read: an
   * absolute target is rooted at the image root, a relative one at the link's directory.
   *
   * @param directory a clean absolute directory path
   * @param target a link target
   * @return the clean absolute result
   */
  public static String resolveAgainst(String directory, String target) {
    return target.startsWith("/") ? clean(target) : clean(directory + "/" + target);
  }

  /**
   * Tells whether {@code path} is {@code ancestor} or inside it.
   *
   * @param ancestor a clean absolute path
   * @param path a clean absolute path
   * @return true when path equals ancestor or lies below it
   */
  public static boolean isWithin(String ancestor, String path) {
    if (ancestor.equals("/")) {
      return true;
    }
    return path.equals(ancestor) || path.startsWith(ancestor + "/");
  }
}
