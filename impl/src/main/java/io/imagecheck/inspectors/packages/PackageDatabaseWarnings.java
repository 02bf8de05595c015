package io.imagecheck.inspectors.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects the {@link PackageDatabaseWarning}s of one database while it is read, keeping at most a
 * fixed number so that a hostile database with millions of broken stanzas cannot grow the list
 * without bound. The warnings past the cap are counted and summarised in one last warning.
 *
 * <p>Not thread-safe: one collector belongs to one parse.
 */
public final class PackageDatabaseWarnings {

  /** The default number of warnings kept per database. */
  public static final int DEFAULT_MAX_WARNINGS = 100;

  private final String path;
  private final int maxWarnings;
  private final List<PackageDatabaseWarning> warnings = new ArrayList<>();
  private long dropped;

  /**
   * Creates a collector that keeps {@link #DEFAULT_MAX_WARNINGS} warnings.
   *
   * @param path the database path inside the image, named in every warning
   */
  public PackageDatabaseWarnings(String path) {
    this(path, DEFAULT_MAX_WARNINGS);
  }

  /**
   * Creates a collector.
   *
   * @param path the database path inside the image, named in every warning
   * @param maxWarnings how many warnings to keep
   * @throws IllegalArgumentException when {@code maxWarnings} is negative
   */
  public PackageDatabaseWarnings(String path, int maxWarnings) {
    this.path = Objects.requireNonNull(path, "path");
    if (maxWarnings < 0) {
      throw new IllegalArgumentException("negative warning cap " + maxWarnings);
    }
    this.maxWarnings = maxWarnings;
  }

  /**
   * Records a problem about the database this collector belongs to.
   *
   * @param problem what was wrong and what the reader did about it
   */
  public void add(String problem) {
    add(path, problem);
  }

  /**
   * Records a problem about another path, e.g. a nested archive inside the database's archive.
   *
   * @param otherPath the path the problem is about
   * @param problem what was wrong and what the reader did about it
   */
  public void add(String otherPath, String problem) {
    Objects.requireNonNull(otherPath, "otherPath");
    Objects.requireNonNull(problem, "problem");
    if (warnings.size() < maxWarnings) {
      warnings.add(new PackageDatabaseWarning(otherPath, problem));
    } else {
      dropped++;
    }
  }

  /**
   * The warnings kept, plus one summary warning when some were dropped.
   *
   * @return an immutable list, in the order the problems were found
   */
  public List<PackageDatabaseWarning> toList() {
    if (dropped == 0) {
      return List.copyOf(warnings);
    }
    List<PackageDatabaseWarning> all = new ArrayList<>(warnings);
    all.add(new PackageDatabaseWarning(path, dropped + " more warnings not kept"));
    return List.copyOf(all);
  }
}
