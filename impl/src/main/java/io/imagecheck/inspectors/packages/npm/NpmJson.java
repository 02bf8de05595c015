package io.imagecheck.inspectors.packages.npm;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The one place this package makes a Jackson mapper, with read limits fit for npm files from an
 * untrusted image. (To move to the project-wide {@code Json.mapper()} once it exists.)
 */
final class NpmJson {

  /**
   * The deepest JSON nesting accepted. A version-1 lockfile nests two levels per
   * {@code node_modules} level, and npm has flattened trees since npm 3, so real files stay far
   * below this.
   */
  static final int MAX_NESTING_DEPTH = 500;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxDocumentLength(256L << 20)
                          .maxStringLength(4 << 20)
                          .maxNameLength(64 << 10)
                          .maxNumberLength(100)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private NpmJson() {}

  /**
   * Parses a JSON object.
   *
   * @param path the image path, for messages
   * @param content the bytes (UTF-8, or UTF-16/32 as JSON allows)
   * @return the root object
   * @throws PackageDatabaseException when the content is not JSON, breaks a limit, or is not an
   *     object
   */
  static JsonNode readObject(String path, byte[] content) throws PackageDatabaseException {
    JsonNode root;
    try {
      root = MAPPER.readTree(content);
    } catch (JacksonException e) {
      throw new PackageDatabaseException(path, "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new PackageDatabaseException(path, "not readable as JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new PackageDatabaseException(
          path, "expected a JSON object, found " + (root == null ? "nothing" : root.getNodeType()));
    }
    return root;
  }

  /**
   * A text member.
   *
   * @return the text, or null when the member is absent or JSON null
   * @throws PackageDatabaseException when the member is there but not a string
   */
  static @Nullable String text(String path, JsonNode object, String member, String where)
      throws PackageDatabaseException {
    JsonNode n = object.get(member);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new PackageDatabaseException(
          path, where + ": \"" + member + "\" is " + n.getNodeType() + ", expected a string");
    }
    return n.asText();
  }
}
