package io.imagecheck.structure;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.imagecheck.internal.json.Json;
import io.imagecheck.structure.ConfigNode.Kind;
import io.imagecheck.structure.ConfigNode.ListNode;
import io.imagecheck.structure.ConfigNode.MapNode;
import io.imagecheck.structure.ConfigNode.ScalarNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parses the bytes of a structure-test config, YAML or JSON, into {@link ConfigNode}s with positions,
 * through Jackson's streaming parsers (no data binding: {@link ConfigReader} checks every key).
 *
 * <p>Configs are written by people and small, so they are held to limits: {@link #MAX_BYTES} bytes,
 * {@link #MAX_DEPTH} levels of nesting, {@link #MAX_NODES} values, one YAML document, no duplicate keys,
 * and at most {@link #MAX_ALIASES} YAML aliases (anchors are handy for shared lists; many aliases would
 * let a small file expand into a huge one).
 *
 * <p>Thread-safe (the factories are configured once and shared).
 */
final class ConfigParser {

  /** The largest config read. */
  static final int MAX_BYTES = 4 << 20;
  /** The deepest nesting (a command test's setup is the deepest field: four levels). */
  static final int MAX_DEPTH = 16;
  /** The most values in one config. */
  static final int MAX_NODES = 200_000;

  private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
      .maxNestingDepth(MAX_DEPTH + 1)
      .maxStringLength(MAX_BYTES)
      .build();

  private static final JsonFactory YAML = yamlFactory();

  private ConfigParser() {}

  private static JsonFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(0);
    options.setNestingDepthLimit(MAX_DEPTH + 1);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowDuplicateKeys(false);
    return YAMLFactory.builder().loaderOptions(options).streamReadConstraints(CONSTRAINTS).build();
  }

  /**
   * Parses one document.
   *
   * @param bytes the file's bytes
   * @param yaml true for YAML, false for JSON
   * @param file the file, for messages
   * @return the root value
   * @throws StructureTestException when the bytes are not one well-formed document within the limits
   */
  static ConfigNode parse(byte[] bytes, boolean yaml, String file) throws StructureTestException {
    if (bytes.length > MAX_BYTES) {
      throw new StructureTestException(file, 0, 0, "", "is " + bytes.length + " bytes; a structure-test config may"
          + " have at most " + MAX_BYTES, null);
    }
    String format = yaml ? "YAML" : "JSON";
    try (JsonParser p = (yaml ? YAML : Json.mapper().getFactory()).createParser(bytes)) {
      if (p.nextToken() == null) {
        throw new StructureTestException(file, 0, 0, "", "is empty; expected a " + format + " mapping", null);
      }
      int[] budget = {MAX_NODES};
      ConfigNode root = read(p, file, 0, budget);
      JsonToken extra = p.nextToken();
      if (extra != null) {
        JsonLocation at = p.currentTokenLocation();
        throw new StructureTestException(file, at.getLineNr(), at.getColumnNr(), "",
            yaml ? "more than one YAML document; a config holds one" : "unexpected content after the JSON value",
            null);
      }
      return root;
    } catch (StructureTestException e) {
      throw e;
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String why = e.getOriginalMessage();
      throw new StructureTestException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "",
          "is not valid " + format + ": " + Texts.printable(why == null ? e.getClass().getSimpleName() : why, 300), e);
    } catch (IOException | RuntimeException e) {
      // SnakeYAML reports alias and code-point limits as its own unchecked exceptions.
      throw new StructureTestException(file, 0, 0, "", "is not valid " + format + ": "
          + Texts.printable(String.valueOf(e.getMessage()), 300), e);
    }
  }

  private static ConfigNode read(JsonParser p, String file, int depth, int[] budget) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    if (--budget[0] < 0) {
      throw new StructureTestException(file, line, column, "", "has more than " + MAX_NODES + " values", null);
    }
    if (depth > MAX_DEPTH) {
      throw new StructureTestException(file, line, column, "", "is nested deeper than " + MAX_DEPTH + " levels", null);
    }
    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
      throw new StructureTestException(file, line, column, "", "YAML aliases (*" + Texts.printable(p.getText(), 40)
          + ") are not supported; write the value out", null);
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = p.currentTokenLocation().getLineNr();
          p.nextToken();
          ConfigNode value = read(p, file, depth + 1, budget);
          if (entries.putIfAbsent(key, value) != null) {
            throw new StructureTestException(file, keyLine, 0, "", "duplicate key \"" + Texts.printable(key, 80) + "\"",
                null);
          }
          keyLines.put(key, keyLine);
        }
        return new MapNode(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyLines), line, column);
      }
      case START_ARRAY -> {
        List<ConfigNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, file, depth + 1, budget));
        }
        return new ListNode(List.copyOf(items), line, column);
      }
      case VALUE_STRING -> {
        return new ScalarNode(Kind.STRING, p.getText(), line, column);
      }
      case VALUE_NUMBER_INT -> {
        return new ScalarNode(Kind.INTEGER, p.getText(), line, column);
      }
      case VALUE_NUMBER_FLOAT -> {
        return new ScalarNode(Kind.DECIMAL, p.getText(), line, column);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new ScalarNode(Kind.BOOLEAN, p.getText(), line, column);
      }
      case VALUE_NULL -> {
        return new ScalarNode(Kind.NULL, "", line, column);
      }
      default -> throw new StructureTestException(file, line, column, "", "unexpected " + t, null);
    }
  }
}
