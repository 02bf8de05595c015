package io.imagecheck.testimage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Tests for {@link JsonObject}. */
class JsonObjectTest {

  @Test
  void should_keep_member_order_and_encode_compactly() {
    // GIVEN
    JsonObject o = new JsonObject()
        .put("z", 1)
        .put("a", List.of("x", "y"))
        .put("m", new TreeMap<>(Map.of("b", true, "a", 2L)))
        .put("o", new JsonObject());

    // WHEN
    String json = o.toString();

    // THEN
    assertEquals("{\"z\":1,\"a\":[\"x\",\"y\"],\"m\":{\"a\":2,\"b\":true},\"o\":{}}", json);
  }

  @Test
  void should_escape_quotes_backslashes_and_control_characters_and_keep_unicode() {
    // GIVEN
    JsonObject o = new JsonObject().put("k", "a\"b\\c\nd\te\u0001fé€");

    // WHEN
    byte[] json = o.toBytes();

    // THEN
    assertEquals("{\"k\":\"a\\\"b\\\\c\\nd\\te\\u0001fé€\"}", new String(json, StandardCharsets.UTF_8));
    assertEquals("a\"b\\c\nd\te\u0001fé€", JsonReader.object(json).get("k"));
  }

  @Test
  void should_omit_empty_strings_lists_and_maps_with_put_if_not_empty() {
    // GIVEN
    JsonObject o = new JsonObject()
        .putIfNotEmpty("s", "")
        .putIfNotEmpty("l", List.of())
        .putIfNotEmpty("m", Map.of())
        .putIfNotEmpty("kept", "v");

    // WHEN
    String json = o.toString();

    // THEN
    assertEquals("{\"kept\":\"v\"}", json);
  }
}
