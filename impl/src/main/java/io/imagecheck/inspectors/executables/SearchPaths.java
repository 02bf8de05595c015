package io.imagecheck.inspectors.executables;

import io.imagecheck.fs.ImagePaths;
import io.imagecheck.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The directories in which a container looks up commands.
 *
 * <p>The command search path is the config's {@code PATH} environment variable, or
 * {@link #DEFAULT_PATH} when the config does not set one (the value Docker and containerd give a
 * container whose image sets no {@code PATH}). Only absolute entries are kept: an empty or relative
 * entry names the working directory, which is not a place images install commands to. The search
 * directories add {@link #USUAL_DIRECTORIES} after the {@code PATH} entries, so a command hidden from
 * {@code PATH} in the usual places is still found.
 *
 * <p>Thread-safe (stateless).
 */
public final class SearchPaths {

  /** The {@code PATH} a container gets when its image sets none. */
  public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** The directories searched in addition to {@code PATH}. */
  public static final List<String> USUAL_DIRECTORIES = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
      "/usr/bin", "/sbin", "/bin");

  private SearchPaths() {}

  /**
   * The config's {@code PATH} as the raw string.
   *
   * @param config the image config
   * @return the value, if the config sets {@code PATH}
   */
  public static Optional<String> configuredPath(ImageConfig config) {
    return config.env("PATH");
  }

  /**
   * The absolute directories of the config's {@code PATH} (or of {@link #DEFAULT_PATH}), cleaned, in
   * order, without duplicates.
   *
   * @param config the image config
   * @return the {@code PATH} directories
   */
  public static List<String> pathDirectories(ImageConfig config) {
    String path = configuredPath(config).orElse(DEFAULT_PATH);
    Set<String> dirs = new LinkedHashSet<>();
    for (String d : path.split(":")) {
      if (d.startsWith("/")) {
        dirs.add(ImagePaths.clean(d));
      }
    }
    return List.copyOf(dirs);
  }

  /**
   * The {@code PATH} directories followed by the {@link #USUAL_DIRECTORIES} not already in it.
   *
   * @param config the image config
   * @return the search directories, in lookup order
   */
  public static List<String> searchDirectories(ImageConfig config) {
    Set<String> dirs = new LinkedHashSet<>(pathDirectories(config));
    dirs.addAll(USUAL_DIRECTORIES);
    return List.copyOf(new ArrayList<>(dirs));
  }
}
