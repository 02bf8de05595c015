package io.imagecheck.structure;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One value of a parsed config file with its position, so that every error can name the line.
 */
sealed interface ConfigNode permits ConfigNode.MapNode, ConfigNode.ListNode, ConfigNode.ScalarNode {

  /**
   * The line of the value, from 1.
   *
   * @return the line
   */
  int line();

  /**
   * The column of the value, from 1.
   *
   * @return the column
   */
  int column();

  /**
   * What the value is, for messages.
   *
   * @return e.g. {@code a mapping}, {@code a list}, {@code the string "x"}
   */
  String describe();

  /**
   * A mapping, keys in file order.
   *
   * @param entries key to value
   * @param keyLines key to the line of the key
   * @param line the line of the mapping
   * @param column the column of the mapping
   */
  record MapNode(Map<String, ConfigNode> entries, Map<String, Integer> keyLines, int line, int column)
      implements ConfigNode {
    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /**
   * A sequence.
   *
   * @param items the values
   * @param line the line of the sequence
   * @param column the column of the sequence
   */
  record ListNode(List<ConfigNode> items, int line, int column) implements ConfigNode {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar.
   *
   * @param kind what the parser saw
   * @param text the scalar's text (empty for null)
   * @param line the line
   * @param column the column
   */
  record ScalarNode(Kind kind, String text, int line, int column) implements ConfigNode {
    @Override
    public String describe() {
      return switch (kind) {
        case STRING -> "the string \"" + Texts.printable(text, 60) + "\"";
        case INTEGER, DECIMAL -> "the number " + Texts.printable(text, 40);
        case BOOLEAN -> "the boolean " + text;
        case NULL -> "null";
      };
    }

    /**
     * The value as a string, when it is not null.
     *
     * @return the text, or null for a null scalar
     */
    @Nullable String stringOrNull() {
      return kind == Kind.NULL ? null : text;
    }
  }

  /** What kind of scalar the parser saw. */
  enum Kind {
    /** A string. */
    STRING,
    /** An integer. */
    INTEGER,
    /** A number with a fraction or exponent. */
    DECIMAL,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** {@code null}, {@code ~} or an empty value. */
    NULL
  }
}
