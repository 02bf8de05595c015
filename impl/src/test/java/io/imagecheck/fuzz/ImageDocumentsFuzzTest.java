package io.imagecheck.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.image.MediaType;
import io.imagecheck.internal.json.ImageDocuments;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.ImageSourceException;

/** Manifest, index and config parsing: only {@link ImageSourceException}s may come out. */
class ImageDocumentsFuzzTest {

  static {
    // fuzzing only: no log line per input
    FuzzImages.quietWhenFuzzing();
  }

  @FuzzTest(maxDuration = "5m")
  void fuzz_manifest_index_and_config_parsing(byte[] data) {
    JsonNode node;
    try {
      node = Json.readTree(data, 64, "fuzz", "document");
    } catch (ImageSourceException e) {
      return;
    } catch (java.io.IOException e) {
      throw new AssertionError("untyped failure: " + e, e);
    }
    for (MediaType as : new MediaType[] {null, MediaType.OCI_MANIFEST, MediaType.OCI_INDEX,
        MediaType.DOCKER_MANIFEST_LIST}) {
      try {
        ImageDocuments.kind(node, as, "fuzz", "document");
      } catch (ImageSourceException e) {
        // typed rejection
      }
      try {
        ImageDocuments.manifest(node, as, "fuzz", "document");
      } catch (ImageSourceException e) {
        // typed rejection
      }
      try {
        ImageDocuments.index(node, as, "fuzz", "document");
      } catch (ImageSourceException e) {
        // typed rejection
      }
    }
    try {
      ImageDocuments.config(node, "fuzz", "config");
    } catch (ImageSourceException e) {
      // typed rejection
    }
  }
}
