package io.imagecheck.cli;

import io.imagecheck.testimage.SampleImages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that {@code docs/inspect-json.md} documents every field {@code inspect --format json} writes. */
class InspectJsonDocTest {

  private static void collect(String prefix, JsonNode node, Set<String> into) {
    if (node.isArray()) {
      for (JsonNode element : node) {
        collect(prefix + "[]", element, into);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        String name = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
        // Labels are data, not fields of the format.
        if (!prefix.equals("labels")) {
          into.add(name);
          collect(name, f.getValue(), into);
        }
      }
    }
  }

  @Test
  void should_document_every_json_field_in_docs(@TempDir Path dir) throws IOException {
    // GIVEN the JSON for the sample, and the same for an index-selected image (so "index" is an object)
    Path doc = Path.of("..", "docs", "inspect-json.md");
    assumeTrue(Files.isRegularFile(doc), "docs/inspect-json.md not found from " + Path.of("").toAbsolutePath());
    SampleImages.write(dir);
    CliRun run = CliRun.of("inspect", "--format", "json", dir.resolve(SampleImages.OCI_ARCHIVE).toString());
    JsonNode report = Json.mapper().readTree(run.out());
    Set<String> fields = new TreeSet<>();
    collect("", report, fields);
    fields.add("index.digest");
    fields.add("index.mediaType");
    // WHEN
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    // THEN
    assertThat(fields).hasSizeGreaterThan(30);
    assertThat(fields).allSatisfy(f -> assertThat(text).as("docs/inspect-json.md documents %s", f)
        .contains("| `" + f + "` |"));
  }
}
