package io.imagecheck.writers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The official schemas the writers' output is validated against, with a real JSON-schema validator
 * (networknt json-schema-validator, format assertions on).
 *
 * <ul>
 *   <li>SARIF 2.1.0 (draft-04): {@code ../shared/schemas/sarif-schema-2.1.0.json}, the OASIS TC's file
 *       (see PROVENANCE.md there); a test skips when it is absent.
 *   <li>SPDX 2.3 (2019-09): {@code /schemas/spdx/resources/spdx-schema-v2.3.json} on the test class path,
 *       unpacked by the build from {@code org.spdx:tools-java:2.0.1} on Maven Central (the SPDX project's
 *       tools jar ships it as {@code resources/spdx-schema-v2.3.json}; see impl/pom.xml).
 *   <li>CycloneDX 1.6 (draft-07): {@code bom-1.6.schema.json} with the {@code spdx.schema.json} and
 *       {@code jsf-0.82.schema.json} it refers to, as the CycloneDX project bundles them in
 *       {@code cyclonedx-core-java}; their ids are mapped to those class-path files, as the library's own
 *       {@code JsonParser.validate} does (which needs the validator's 2.x line, see impl/pom.xml).
 * </ul>
 */
public final class JsonSchemas {

  private static final String CYCLONEDX = "http://cyclonedx.org/schema/";

  private JsonSchemas() {}

  /**
   * The SARIF 2.1.0 schema, or a skip when the shared directory lacks it.
   *
   * @return the schema
   * @throws IOException when it cannot be read
   */
  public static Schema sarif() throws IOException {
    Path p = Path.of(System.getProperty("imagecheck.shared", "../shared")).toAbsolutePath().normalize()
        .resolve("schemas/sarif-schema-2.1.0.json");
    assumeTrue(Files.isRegularFile(p), "SARIF schema absent at " + p + ": skipping");
    try (InputStream in = Files.newInputStream(p)) {
      return registry(SpecificationVersion.DRAFT_4).getSchema(in);
    }
  }

  /**
   * The SPDX 2.3 JSON schema from the test class path.
   *
   * @return the schema
   * @throws IOException when it cannot be read
   */
  public static Schema spdx() throws IOException {
    try (InputStream in = JsonSchemas.class.getResourceAsStream("/schemas/spdx/resources/spdx-schema-v2.3.json")) {
      if (in == null) {
        throw new IOException("SPDX schema missing from the test class path (the build unpacks it from "
            + "org.spdx:tools-java; run through Maven)");
      }
      return registry(SpecificationVersion.DRAFT_2019_09).getSchema(in);
    }
  }

  /**
   * The CycloneDX 1.6 JSON schema bundled in cyclonedx-core-java.
   *
   * @return the schema
   */
  public static Schema cyclonedx16() {
    SchemaRegistry r = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, b -> b
        .schemaIdResolvers(ids -> ids
            .mapPrefix(CYCLONEDX + "spdx.schema.json", "classpath:spdx.schema.json")
            .mapPrefix(CYCLONEDX + "jsf-0.82.schema.json", "classpath:jsf-0.82.schema.json")
            .mapPrefix(CYCLONEDX + "bom-1.6.schema.json", "classpath:bom-1.6.schema.json"))
        .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    return r.getSchema(SchemaLocation.of(CYCLONEDX + "bom-1.6.schema.json"));
  }

  /**
   * Validates a document.
   *
   * @param schema the schema
   * @param json the document
   * @return the errors, as text (empty when valid)
   */
  public static List<String> errors(Schema schema, byte[] json) {
    List<Error> errors = schema.validate(new String(json, StandardCharsets.UTF_8), InputFormat.JSON);
    return errors.stream().map(Error::toString).toList();
  }

  private static SchemaRegistry registry(SpecificationVersion version) {
    return SchemaRegistry.withDefaultDialect(version, b -> b.schemaRegistryConfig(
        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  }
}
