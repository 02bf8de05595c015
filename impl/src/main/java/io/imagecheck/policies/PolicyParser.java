package io.imagecheck.policies;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.imagecheck.internal.json.Json;
import io.imagecheck.policies.PolicyNode.Entry;
import io.imagecheck.policies.PolicyNode.ListNode;
import io.imagecheck.policies.PolicyNode.MapNode;
import io.imagecheck.policies.PolicyNode.ScalarNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses the bytes of a policy file, YAML or JSON, into {@link PolicyNode}s with positions, using
 * Jackson's streaming parsers (no data binding: every key is checked by {@link PolicyFiles}).
 *
 * <p>A policy file is small and written by people, so it is held to tight limits: at most
 * {@link #MAX_DEPTH} levels of nesting, one YAML document, no duplicate keys, no YAML aliases (an alias
 * would let a small file expand into a large one, and copies of waivers are better written out).
 *
 * <p>Thread-safe (the factories are configured once and shared).
 */
final class PolicyParser {

  /** The deepest nesting a policy file may use (options hold the deepest values). */
  static final int MAX_DEPTH = 32;

  private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
      .maxNestingDepth(MAX_DEPTH + 1)
      .maxStringLength(PolicyFiles.MAX_BYTES)
      .build();

  private static final JsonFactory YAML = yamlFactory();

  private PolicyParser() {}

  private static JsonFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(0);
    options.setNestingDepthLimit(MAX_DEPTH + 1);
    options.setCodePointLimit(PolicyFiles.MAX_BYTES);
    // A key without a value ("allow:") means null in YAML, not an empty string.
    return YAMLFactory.builder().loaderOptions(options).streamReadConstraints(CONSTRAINTS)
        .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();
  }

  /**
   * Parses one document.
   *
   * @param bytes the file's bytes
   * @param yaml true for YAML, false for JSON
   * @param file the file, for messages
   * @return the root value
   * @throws PolicyException when the bytes are not one well-formed document within the limits
   */
  static PolicyNode parse(byte[] bytes, boolean yaml, String file) throws PolicyException {
    String format = yaml ? "YAML" : "JSON";
    try (JsonParser p = (yaml ? YAML : Json.mapper().getFactory()).createParser(bytes)) {
      if (p.nextToken() == null) {
        throw new PolicyException(file, 0, 0, "", "is empty; expected a " + format + " mapping", null);
      }
      PolicyNode root = read(p, file, 0, "");
      JsonToken extra = p.nextToken();
      if (extra != null) {
        JsonLocation at = p.currentTokenLocation();
        throw new PolicyException(file, at.getLineNr(), at.getColumnNr(), "",
            yaml ? "more than one YAML document; a policy file holds one" : "unexpected content after the JSON value",
            null);
      }
      return root;
    } catch (PolicyException e) {
      throw e;
    } catch (JacksonException e) {
      if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        // SnakeYAML's own message spans several lines; its problem and mark say it in one.
        String problem = m.getProblem() == null ? "malformed" : m.getProblem();
        String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
        throw new PolicyException(file, m.getProblemMark().getLine() + 1, m.getProblemMark().getColumn() + 1, "",
            "not valid YAML: " + firstLine(problem) + context, e);
      }
      JsonLocation at = e.getLocation();
      throw new PolicyException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "",
          "not valid " + format + ": " + firstLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new PolicyException(file, 0, 0, "", "cannot parse: " + e, e);
    } catch (RuntimeException e) {
      // SnakeYAML reports some limits (code points, aliases) with its own unchecked exceptions.
      throw new PolicyException(file, 0, 0, "", "not valid " + format + ": " + firstLine(e.getMessage()), e);
    }
  }

  private static PolicyNode read(JsonParser p, String file, int depth, String field) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    if (depth > MAX_DEPTH) {
      throw new PolicyException(file, line, column, field, "nested more than " + MAX_DEPTH + " levels deep", null);
    }
    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
      throw new PolicyException(file, line, column, field,
          "YAML aliases (*" + p.getText() + ") are not supported in policy files; write the value out", null);
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonLocation keyAt = p.currentTokenLocation();
          String child = PolicyFiles.join(field, key);
          if (entries.containsKey(key)) {
            throw new PolicyException(file, keyAt.getLineNr(), keyAt.getColumnNr(), child,
                "duplicate key (first on line " + entries.get(key).line() + ")", null);
          }
          p.nextToken();
          entries.put(key, new Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), read(p, file, depth + 1, child)));
        }
        return new MapNode(entries, line, column);
      }
      case START_ARRAY -> {
        List<PolicyNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, file, depth + 1, field + "[" + items.size() + "]"));
        }
        return new ListNode(items, line, column);
      }
      case VALUE_STRING -> {
        return new ScalarNode(p.getText(), line, column);
      }
      case VALUE_NUMBER_INT -> {
        return new ScalarNode(p.getNumberValue(), line, column);
      }
      case VALUE_NUMBER_FLOAT -> {
        Number n = p.getNumberValue();
        if (n instanceof Double d && !Double.isFinite(d) || n instanceof Float f && !Float.isFinite(f)) {
          throw new PolicyException(file, line, column, field, "not a finite number: " + p.getText(), null);
        }
        return new ScalarNode(n, line, column);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new ScalarNode(p.getBooleanValue(), line, column);
      }
      case VALUE_NULL -> {
        return new ScalarNode(null, line, column);
      }
      default -> throw new PolicyException(file, line, column, field,
          "unsupported value (" + t + "); expected a mapping, a list, a string, a number or a boolean", null);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }
}
