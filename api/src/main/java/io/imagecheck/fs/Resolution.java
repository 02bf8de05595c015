package io.imagecheck.fs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of following links to a path inside the image.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param requested the path that was asked for (cleaned)
 * @param chain every link entry followed, in order (empty when no link was involved)
 * @param target the entry the path finally names (never a symlink), when it exists
 * @param problem why resolution stopped without a target: a missing path, a loop, too many hops
 */
public record Resolution(String requested, List<FileEntry> chain, Optional<FileEntry> target, Optional<String> problem) {

  /**
   * Checks the components and copies collections.
   *
   * @param requested the path that was asked for
   * @param chain the link entries followed
   * @param target the final entry, when it exists
   * @param problem why there is no target
   */
  public Resolution {
    Objects.requireNonNull(requested, "requested");
    chain = List.copyOf(chain);
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(problem, "problem");
  }

  /**
   * Tells whether the path resolved to an entry.
   *
   * @return true when {@link #target()} is present
   */
  public boolean exists() {
    return target.isPresent();
  }

  /**
   * The resolved path.
   *
   * @return the target's path, if resolved
   */
  public Optional<String> resolvedPath() {
    return target.map(FileEntry::path);
  }

  /**
   * A human description of the chain: {@code /bin/sh -> /bin/busybox}.
   *
   * @return the requested path, each hop, and the target (or the problem)
   */
  public String describe() {
    StringBuilder b = new StringBuilder(requested);
    String last = requested;
    for (FileEntry link : chain) {
      if (!link.path().equals(last)) {
        b.append(" (").append(link.path()).append(')');
      }
      b.append(" -> ").append(link.linkTarget().orElse("?"));
      last = link.linkTarget().orElse("?");
    }
    target.filter(t -> !chain.isEmpty()).ifPresent(t -> b.append(" = ").append(t.path()));
    problem.ifPresent(p -> b.append(" [").append(p).append(']'));
    return b.toString();
  }
}
