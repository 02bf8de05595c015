package io.imagecheck.sources.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.internal.image.AttachmentSource;
import io.imagecheck.internal.json.ImageDocuments;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.RegistryException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lists the candidate attachments of a digest in a registry repository: cosign's tags
 * {@code sha256-<hex>.sig}, {@code .att} and {@code .sbom} ({@code HEAD} of each), and the OCI 1.1
 * referrers of the digest (the referrers API, or the {@code sha256-<hex>} tag fallback on registries
 * without it: those that answer 404, as the distribution spec asks, and those that answer 400, 405 or
 * 501). Each candidate carries the tag it was found under as its
 * {@code org.opencontainers.image.ref.name}, for messages. The count is bounded by the
 * {@code referrers} limit.
 *
 * <p>Thread-safe (stateless apart from the repository).
 */
final class RegistryAttachments implements AttachmentSource.Lister {

  private static final System.Logger LOG = System.getLogger(RegistryAttachments.class.getName());

  /** The suffixes of cosign's tag scheme: signatures, attestations, attached SBOMs. */
  static final List<String> COSIGN_SUFFIXES = List.of(".sig", ".att", ".sbom");

  private final RegistryRepository repository;

  RegistryAttachments(RegistryRepository repository) {
    this.repository = repository;
  }

  @Override
  public List<Descriptor> manifests(Digest subject) throws IOException {
    String base = Referrers.fallbackTag(subject);
    Set<Digest> seen = new LinkedHashSet<>();
    List<Descriptor> out = new ArrayList<>();
    int limit = repository.limits().referrers();
    for (String suffix : COSIGN_SUFFIXES) {
      Optional<Descriptor> d = repository.headManifest(base + suffix);
      if (d.isPresent() && seen.add(d.get().digest())) {
        out.add(named(d.get(), base + suffix));
      }
    }
    Referrers referrers = referrers(subject, base);
    LOG.log(Level.DEBUG, "{0}: {1} referrers of {2} ({3})", repository, referrers.manifests().size(), subject,
        referrers.fromTagSchema() ? "tag " + base : "referrers API");
    for (Descriptor d : referrers.manifests()) {
      if (seen.add(d.digest())) {
        out.add(d.refName().isPresent() ? d
            : named(d, referrers.fromTagSchema() ? "referrer in " + base : "referrer"));
      }
      if (out.size() > limit) {
        throw new LimitExceededException(repository.toString(), "attachments of " + subject.shortForm(),
            "referrers", limit);
      }
    }
    return out;
  }

  /**
   * The referrers API; on a registry that answers it with "unsupported" rather than the 404 the
   * distribution spec asks for (400, 405, 501), the {@code sha256-<hex>} tag fallback is read here.
   */
  private Referrers referrers(Digest subject, String fallbackTag) throws IOException {
    try {
      return repository.referrers(subject);
    } catch (RegistryException e) {
      if (e.status() != 400 && e.status() != 405 && e.status() != 501) {
        throw e;
      }
      LOG.log(Level.DEBUG, "{0}: referrers API answered {1}; reading tag {2}", repository, e.status(), fallbackTag);
    }
    RegistryManifest index;
    try {
      index = repository.manifest(fallbackTag);
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return new Referrers(subject, List.of(), true);
      }
      throw e;
    }
    String what = "referrers tag " + fallbackTag;
    JsonNode node = Json.readTree(index.bytes(), repository.limits().jsonDepth(), repository.toString(), what);
    if (ImageDocuments.kind(node, index.descriptor().mediaType(), repository.toString(), what)
        != ImageDocuments.Kind.INDEX) {
      return new Referrers(subject, List.of(), true);
    }
    return new Referrers(subject, ImageDocuments.index(node, index.descriptor().mediaType(), repository.toString(),
        what).manifests(), true);
  }

  private static Descriptor named(Descriptor d, String name) {
    Map<String, String> ann = new HashMap<>(d.annotations());
    ann.put(Descriptor.REF_NAME_ANNOTATION, name);
    return d.withAnnotations(ann);
  }
}
