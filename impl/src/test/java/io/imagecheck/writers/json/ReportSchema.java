package io.imagecheck.writers.json;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The report's JSON Schema as the jar packages it, checked with a real validator (networknt,
 * draft 2020-12, format assertions on).
 */
final class ReportSchema {

  /** The packaged schema's text. */
  static final String TEXT = load();

  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
      b -> b.schemas(Map.of(JsonReportWriter.SCHEMA_ID, TEXT))
          .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private ReportSchema() {}

  private static String load() {
    try (InputStream in = Objects.requireNonNull(JsonReportWriter.class.getResourceAsStream(
        JsonReportWriter.SCHEMA_RESOURCE), "schema resource missing")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Validates a document against the whole schema.
   *
   * @param json the document
   * @return the errors, empty when valid
   */
  static List<String> validate(String json) {
    return validate(json, "");
  }

  /**
   * Validates a value against one definition of the schema.
   *
   * @param json the value
   * @param fragment e.g. {@code #/$defs/installedPackage}, or empty for the whole schema
   * @return the errors, empty when valid
   */
  static List<String> validate(String json, String fragment) {
    Schema schema = REGISTRY.getSchema(SchemaLocation.of(JsonReportWriter.SCHEMA_ID + fragment));
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }
}
