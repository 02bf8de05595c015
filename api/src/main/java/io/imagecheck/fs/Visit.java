package io.imagecheck.fs;

import java.util.Objects;

/**
 * What a {@link ContentVisitor} returned for one file.
 *
 * <p>Instances are immutable and thread-safe if the result is.
 *
 * @param entry the file's layer-local metadata (its origin names the layer)
 * @param result the visitor's result
 * @param <R> the result type
 */
public record Visit<R>(FileEntry entry, R result) {

  /**
   * Checks the components and copies collections.
   *
   * @param entry the file's layer-local metadata
   * @param result the visitor's result
   */
  public Visit {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(result, "result");
  }
}
