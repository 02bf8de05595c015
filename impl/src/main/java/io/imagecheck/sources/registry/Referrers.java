package io.imagecheck.sources.registry;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import java.util.List;
import java.util.Objects;

/**
 * The manifests that refer to a subject manifest (signatures, attestations, SBOMs), from the OCI 1.1
 * referrers API or its {@code sha256-<hex>} tag fallback.
 *
 * @param subject the manifest they refer to
 * @param manifests their descriptors (with {@code artifactType} and annotations when the registry gave them)
 * @param fromTagSchema true when the registry has no referrers API and the fallback tag was read
 */
public record Referrers(Digest subject, List<Descriptor> manifests, boolean fromTagSchema) {

  /**
   * Checks the components and copies the list.
   *
   * @param subject the manifest they refer to
   * @param manifests their descriptors (with {@code artifactType} and annotations when the registry gave them)
   * @param fromTagSchema true when the registry has no referrers API and the fallback tag was read
   */
  public Referrers {
    Objects.requireNonNull(subject, "subject");
    manifests = List.copyOf(manifests);
  }

  /**
   * The fallback tag of a subject: {@code sha256-<hex>}.
   *
   * @param subject the subject digest
   * @return the tag
   */
  public static String fallbackTag(Digest subject) {
    return subject.algorithm() + "-" + subject.hex();
  }
}
