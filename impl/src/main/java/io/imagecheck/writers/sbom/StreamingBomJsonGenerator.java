package io.imagecheck.writers.sbom;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import org.cyclonedx.Version;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.BomReference;
import org.cyclonedx.util.mixin.MixInBomReference;

/**
 * CycloneDX's own JSON generator, writing to a stream instead of returning a string.
 *
 * <p>{@link BomJsonGenerator} configures its (protected) mapper for the chosen spec version in its
 * constructor (version-aware property filtering, the library's serializers) but only offers
 * {@code toJsonString()}. This subclass serializes the same {@code bom} with that same mapper, adding the
 * one mix-in {@code toJsonString()} adds, straight to a generator over the output. A test compares the
 * two outputs, so a library upgrade that changes {@code toJsonString()} is noticed.
 *
 * <p>Not thread-safe: one instance per document.
 */
final class StreamingBomJsonGenerator extends BomJsonGenerator {

  /**
   * A generator for one BOM.
   *
   * @param bom the BOM
   * @param version the spec version
   */
  StreamingBomJsonGenerator(Bom bom, Version version) {
    super(bom, version);
  }

  /**
   * Writes the BOM, indented. The stream is flushed, not closed.
   *
   * @param out where to write
   * @throws IOException when writing fails
   */
  void writeTo(OutputStream out) throws IOException {
    mapper.addMixIn(BomReference.class, MixInBomReference.class);
    try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      mapper.writerWithDefaultPrettyPrinter().writeValue(g, bom);
    }
    out.flush();
  }
}
