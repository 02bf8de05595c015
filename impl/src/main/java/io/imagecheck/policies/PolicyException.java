package io.imagecheck.policies;

import io.imagecheck.internal.json.Json;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A policy file could not be used: it cannot be read, is not valid YAML or JSON, or says something a
 * policy cannot mean (an unknown key, a bad severity, an {@code extends} cycle, a waiver without a
 * reason). The message names the file, the line and column when known, the field, and the problem:
 *
 * <pre>
 * policy.yaml:7:17: severities.shell.present: unknown severity "hgh"; expected one of critical, high, medium, low, info
 * </pre>
 *
 * <p>Immutable after construction, and so thread-safe.
 */
public final class PolicyException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The policy file, as given (serialized with the exception). */
  private final String file;
  /** The 1-based line, or 0 when unknown (serialized with the exception). */
  private final int line;
  /** The 1-based column, or 0 when unknown (serialized with the exception). */
  private final int column;
  /** The field, e.g. {@code waivers[1].expires}; empty for the whole file (serialized with the exception). */
  private final String field;
  /** What was wrong (serialized with the exception). */
  private final String problem;

  /**
   * Creates an exception.
   *
   * @param file the policy file, as given
   * @param line the 1-based line, or 0 when unknown
   * @param column the 1-based column, or 0 when unknown
   * @param field the field, e.g. {@code waivers[1].expires}; empty for the whole file
   * @param problem what was wrong
   * @param cause the underlying failure, if any
   */
  public PolicyException(String file, int line, int column, String field, String problem,
      @Nullable Throwable cause) {
    super(Json.locatedMessage(file, line, column, field, problem), cause);
    this.file = Objects.requireNonNull(file, "file");
    this.line = Math.max(0, line);
    this.column = Math.max(0, column);
    this.field = Objects.requireNonNull(field, "field");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /**
   * The policy file the problem is in.
   *
   * @return the path as given, e.g. {@code ci/policy.yaml}
   */
  public String file() {
    return file;
  }

  /**
   * The line of the problem.
   *
   * @return the 1-based line, or 0 when unknown
   */
  public int line() {
    return line;
  }

  /**
   * The column of the problem.
   *
   * @return the 1-based column, or 0 when unknown
   */
  public int column() {
    return column;
  }

  /**
   * The field the problem is in.
   *
   * @return e.g. {@code severities.shell.present} or {@code waivers[1].expires}; empty for the whole file
   */
  public String field() {
    return field;
  }

  /**
   * The problem, without the file, position and field.
   *
   * @return e.g. {@code unknown key "waiver"; expected one of ...}
   */
  public String problem() {
    return problem;
  }
}
