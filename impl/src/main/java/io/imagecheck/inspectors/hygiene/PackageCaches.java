package io.imagecheck.inspectors.hygiene;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package-manager caches and lists a clean image does not keep, and how to tell which cache a
 * file belongs to.
 *
 * <p>Thread-safe (immutable).
 */
final class PackageCaches {

  /**
   * One kind of cache: a name for messages, a cheap path prefix and a string every cached path contains,
   * and a pattern whose first group is
   * the cache directory a file belongs to.
   */
  record Cache(String name, String prefix, String marker, Pattern files, String cleanup) {

    Cache(String name, String prefix, Pattern files, String cleanup) {
      this(name, prefix, prefix, files, cleanup);
    }

    /**
     * The cache directory of a file, when the file belongs to this cache.
     *
     * @param path a regular file's path
     * @return the directory, e.g. {@code /root/.cache/pip}
     */
    Optional<String> directoryOf(String path) {
      // Cheap checks first: the pattern runs on a few paths, not on every file of the image.
      if (!path.startsWith(prefix) || !path.contains(marker)) {
        return Optional.empty();
      }
      Matcher m = files.matcher(path);
      return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
  }

  /** The caches looked for. */
  static final List<Cache> ALL = List.of(
      new Cache("apt package cache", "/var/cache/apt/",
          Pattern.compile("(/var/cache/apt)/(?:[^/]+\\.bin|archives/[^/]+\\.deb)"),
          "apt-get clean (Debian's docker-clean apt configuration does it after each install)"),
      // lock and partial/ are apt's own bookkeeping, present in every Debian image.
      new Cache("apt package lists", "/var/lib/apt/lists/",
          Pattern.compile("(/var/lib/apt/lists)/(?!lock$)(?!partial/).+"),
          "rm -rf /var/lib/apt/lists/* in the same RUN step as apt-get update"),
      new Cache("apk cache", "/var/cache/apk/", Pattern.compile("(/var/cache/apk)/.+"),
          "apk add --no-cache"),
      new Cache("yum cache", "/var/cache/yum/", Pattern.compile("(/var/cache/yum)/.+"), "yum clean all"),
      new Cache("dnf cache", "/var/cache/dnf/", Pattern.compile("(/var/cache/dnf)/.+"), "dnf clean all"),
      new Cache("dnf5 cache", "/var/cache/libdnf5/", Pattern.compile("(/var/cache/libdnf5)/.+"), "dnf clean all"),
      new Cache("zypper package cache", "/var/cache/zypp/", Pattern.compile("(/var/cache/zypp/packages)/.+"),
          "zypper clean --all"),
      new Cache("pip cache", "/", "/.cache/pip/", Pattern.compile("(/root/\\.cache/pip|/home/[^/]+/\\.cache/pip)/.+"),
          "pip install --no-cache-dir"),
      new Cache("npm cache", "/", "/.npm/_cacache/", Pattern.compile("(/root/\\.npm/_cacache|/home/[^/]+/\\.npm/_cacache)/.+"),
          "npm cache clean --force, or a cache mount (RUN --mount=type=cache)"),
      new Cache("yarn cache", "/", "/.cache/yarn/",
          Pattern.compile("(/usr/local/share/\\.cache/yarn|/root/\\.cache/yarn|/home/[^/]+/\\.cache/yarn)/.+"),
          "yarn cache clean"));

  private PackageCaches() {}

  /**
   * The cache a file belongs to.
   *
   * @param path a regular file's path
   * @return the cache and its directory, if any
   */
  static Optional<Match> match(String path) {
    for (Cache c : ALL) {
      Optional<String> dir = c.directoryOf(path);
      if (dir.isPresent()) {
        return Optional.of(new Match(c, dir.get()));
      }
    }
    return Optional.empty();
  }

  /** A file's cache and the cache directory. */
  record Match(Cache cache, String directory) {}
}
