package io.imagecheck.structure;

import io.imagecheck.internal.json.Json;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A structure-test config that cannot be read or is not valid: malformed YAML or JSON, an unsupported
 * schema version, an unknown or mistyped field, a missing required field, an invalid regular expression.
 *
 * <p>The message names the file, the position and the field, e.g. {@code structure.yaml:7:5:
 * fileExistenceTests[1]: unknown field "shouldexist"; expected one of name, path, shouldExist, ...}.
 */
public final class StructureTestException extends IOException {

  private static final long serialVersionUID = 1L;

  /** The config file, as given. */
  private final String file;
  /** The line (from 1), 0 when unknown. */
  private final int line;
  /** The field's path in the config, e.g. {@code fileExistenceTests[1].uid}; empty for the whole file. */
  private final String field;

  /**
   * Creates the exception.
   *
   * @param file the config file, as given
   * @param line the line (from 1), 0 when unknown
   * @param column the column (from 1), 0 when unknown
   * @param field the field's path in the config; empty for the whole file
   * @param problem what is wrong
   * @param cause the parser's exception, or null
   */
  public StructureTestException(String file, int line, int column, String field, String problem,
      @Nullable Throwable cause) {
    super(Json.locatedMessage(file, line, column, field, problem), cause);
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.field = Objects.requireNonNull(field, "field");
  }

  /**
   * The config file, as given.
   *
   * @return the file name or path
   */
  public String file() {
    return file;
  }

  /**
   * The line of the problem.
   *
   * @return the line, from 1; 0 when unknown
   */
  public int line() {
    return line;
  }

  /**
   * The field with the problem.
   *
   * @return e.g. {@code metadataTest.envVars[0].isRegex}; empty when the problem is the whole file
   */
  public String field() {
    return field;
  }
}
