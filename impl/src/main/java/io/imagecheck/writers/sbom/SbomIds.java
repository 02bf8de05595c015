package io.imagecheck.writers.sbom;

import io.imagecheck.image.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Identifiers the SBOM writers share. Thread-safe (stateless). */
final class SbomIds {

  private SbomIds() {}

  /**
   * A name-based UUID for one SBOM of one image at one time: the same image written at the same second
   * gets the same id, anything else a different one.
   *
   * @param image the manifest digest
   * @param created the creation time
   * @return the UUID
   */
  static UUID serial(Digest image, Instant created) {
    return UUID.nameUUIDFromBytes(("imagecheck-sbom\n" + image + "\n" + created).getBytes(StandardCharsets.UTF_8));
  }
}
