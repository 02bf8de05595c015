package io.imagecheck.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.LimitExceededException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project's Jackson mappers, configured once: strict duplicate-key detection (a document with
 * two {@code "layers"} keys is ambiguous, and tools disagree on which one wins), no trailing tokens,
 * and a nesting-depth limit so a hostile document cannot exhaust the stack.
 *
 * <p>Thread-safe: mappers are immutable after construction and cached per depth limit.
 */
public final class Json {

  /** The default nesting depth, matching {@code ReadLimits}' default {@code json-depth}. */
  public static final int DEFAULT_DEPTH = 64;

  private static final Map<Integer, ObjectMapper> MAPPERS = new ConcurrentHashMap<>();

  private Json() {}

  /**
   * The mapper with the default depth limit.
   *
   * @return a shared mapper
   */
  public static ObjectMapper mapper() {
    return mapper(DEFAULT_DEPTH);
  }

  /**
   * The mapper with a depth limit.
   *
   * @param maxDepth the deepest nesting accepted
   * @return a shared mapper
   */
  public static ObjectMapper mapper(int maxDepth) {
    return MAPPERS.computeIfAbsent(maxDepth, Json::create);
  }

  /**
   * Escapes for JSON that may be shown on a terminal: besides what JSON requires (control characters),
   * C1 controls, bidirectional and other format characters and line/paragraph separators are written as
   * a backslash-u escape, so text from an image (a file name with a CSI or a right-to-left override) cannot act
   * on a terminal. The JSON value is unchanged.
   */
  public static final CharacterEscapes TERMINAL_SAFE = new CharacterEscapes() {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public @org.jspecify.annotations.Nullable SerializableString getEscapeSequence(int ch) {
      int type = Character.getType(ch);
      if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        return new SerializedString(String.format(java.util.Locale.ROOT, "\\u%04X", ch));
      }
      return null;
    }
  };

  /**
   * A mapper for writing reports: same reading rules, indented output, fields in declaration order, and
   * {@link #TERMINAL_SAFE} escapes.
   *
   * @return a shared mapper
   */
  public static ObjectMapper writer() {
    return MAPPERS.computeIfAbsent(-1, d -> {
      ObjectMapper m = create(DEFAULT_DEPTH).copy().enable(SerializationFeature.INDENT_OUTPUT);
      m.getFactory().setCharacterEscapes(TERMINAL_SAFE);
      return m;
    });
  }

  /**
   * Parses a document into a tree, translating Jackson's failures into an
   * {@link ImageFormatException} (malformed JSON, duplicate keys, an invalid UTF-16/32 encoding) or a {@link LimitExceededException}
   * (nesting too deep) naming the source and document.
   *
   * @param bytes the document
   * @param maxDepth the nesting limit
   * @param source the source, for messages
   * @param what the document, for messages, e.g. {@code manifest sha256:ab12...}
   * @return the tree
   * @throws IOException when the document is not acceptable JSON
   */
  public static JsonNode readTree(byte[] bytes, int maxDepth, String source, String what) throws IOException {
    try {
      JsonNode node = mapper(maxDepth).readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new ImageFormatException(source, what + " is empty");
      }
      return node;
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw new LimitExceededException(source, what + " (JSON nesting)", "json-depth", maxDepth);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new ImageFormatException(source, what + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (java.io.CharConversionException e) {
      // Jackson's detection of UTF-16/32 input fails with this (not a JacksonException) on bytes that look
      // like UTF-32 but are not
      throw new ImageFormatException(source, what + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The message of a problem in a configuration file (a policy, a structure-test config), as compilers
   * write them: {@code file:line:column: field: problem}, leaving out what is unknown.
   *
   * @param file the file as the user named it
   * @param line the line (from 1), 0 when unknown
   * @param column the column (from 1), 0 when unknown or without a line
   * @param field the field's path in the file; empty for the whole file
   * @param problem what is wrong
   * @return the message
   */
  public static String locatedMessage(String file, int line, int column, String field, String problem) {
    StringBuilder b = new StringBuilder(file);
    if (line > 0) {
      b.append(':').append(line);
      if (column > 0) {
        b.append(':').append(column);
      }
    }
    b.append(": ");
    if (!field.isEmpty()) {
      b.append(field).append(": ");
    }
    return b.append(problem).toString();
  }

  private static ObjectMapper create(int maxDepth) {
    JsonMapper.Builder b = JsonMapper.builder()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);
    JsonMapper m = b.build();
    m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(maxDepth)
        .maxStringLength(64 << 20)
        .build());
    return m;
  }
}
