package io.imagecheck.image;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an image config's {@code history}: a build step, which made a layer unless
 * {@link #emptyLayer()} is set.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param created when the step ran, if recorded and parseable
 * @param createdBy the command of the step (e.g. {@code /bin/sh -c apk add busybox}); empty when absent
 * @param comment the step's comment; empty when absent
 * @param author the step's author; empty when absent
 * @param emptyLayer true when the step did not produce a layer (e.g. {@code ENV}, {@code USER})
 */
public record HistoryEntry(
    Optional<Instant> created, String createdBy, String comment, String author, boolean emptyLayer) {

  /**
   * Checks the components and copies collections.
   *
   * @param created when the step ran, if recorded and parseable
   * @param createdBy the command of the step (e.g. {@code /bin/sh -c apk add busybox}); empty when absent
   * @param comment the step's comment; empty when absent
   * @param author the step's author; empty when absent
   * @param emptyLayer true when the step did not produce a layer (e.g. {@code ENV}, {@code USER})
   */
  public HistoryEntry {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(author, "author");
  }

  /**
   * A history entry with only a command.
   *
   * @param createdBy the command
   * @param emptyLayer whether the step made no layer
   * @return the entry
   */
  public static HistoryEntry of(String createdBy, boolean emptyLayer) {
    return new HistoryEntry(Optional.empty(), createdBy, "", "", emptyLayer);
  }
}
