package io.imagecheck.policies;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A value of a parsed policy file (YAML or JSON) with the line and column it starts at, so that every
 * error can point at the place in the file. Maps keep their order and the position of each key.
 */
sealed interface PolicyNode permits PolicyNode.MapNode, PolicyNode.ListNode, PolicyNode.ScalarNode {

  /**
   * The 1-based line the value starts on.
   *
   * @return the line, or 0 when unknown
   */
  int line();

  /**
   * The 1-based column the value starts at.
   *
   * @return the column, or 0 when unknown
   */
  int column();

  /**
   * What kind of value this is, for messages.
   *
   * @return e.g. {@code a list}
   */
  String kind();

  /**
   * A mapping.
   *
   * @param entries the entries by key, in file order
   * @param line the line
   * @param column the column
   */
  record MapNode(Map<String, Entry> entries, int line, int column) implements PolicyNode {
    @Override
    public String kind() {
      return "a mapping";
    }
  }

  /**
   * One key of a mapping and its value.
   *
   * @param key the key
   * @param line the key's line
   * @param column the key's column
   * @param value the value
   */
  record Entry(String key, int line, int column, PolicyNode value) {}

  /**
   * A sequence.
   *
   * @param items the items, in order
   * @param line the line
   * @param column the column
   */
  record ListNode(List<PolicyNode> items, int line, int column) implements PolicyNode {
    @Override
    public String kind() {
      return "a list";
    }
  }

  /**
   * A scalar: a {@link String}, a {@link Number}, a {@link Boolean} or null.
   *
   * @param value the value
   * @param line the line
   * @param column the column
   */
  record ScalarNode(@Nullable Object value, int line, int column) implements PolicyNode {
    @Override
    public String kind() {
      if (value == null) {
        return "null";
      }
      if (value instanceof String) {
        return "a string";
      }
      if (value instanceof Boolean) {
        return "a boolean";
      }
      return "a number";
    }
  }
}
