package io.imagecheck.sources.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.IndexManifest;
import io.imagecheck.image.MediaType;
import io.imagecheck.internal.json.ImageDocuments;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.source.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v2/<name>/referrers/<digest>} (OCI Distribution 1.1): lists the manifests whose
 * {@code subject} is a given manifest, following {@code Link} pages and filtering by artifact type
 * on the client when the registry did not ({@code OCI-Filters-Applied}). A registry without the API
 * answers 404; then the {@code sha256-<hex>} tag (an index maintained by the pushing clients) is read
 * instead, and a missing tag means no referrers. The count is bounded by the {@code referrers} limit.
 *
 * <p>Thread-safe (stateless apart from the shared transport).
 */
final class ReferrersFetcher {

  private final RegistryTransport transport;
  private final ManifestFetcher manifests;
  private final String repository;
  private final ReadLimits limits;

  ReferrersFetcher(RegistryTransport transport, ManifestFetcher manifests, String repository, ReadLimits limits) {
    this.transport = transport;
    this.manifests = manifests;
    this.repository = repository;
    this.limits = limits;
  }

  String describeAction(Digest subject) {
    return "list referrers of " + subject;
  }

  Referrers list(Endpoint endpoint, Digest subject, Optional<String> artifactType) throws IOException {
    String source = "docker://" + endpoint.registry() + "/" + repository;
    String path = "/v2/" + repository + "/referrers/" + subject
        + artifactType.map(t -> "?artifactType=" + URLEncoder.encode(t, StandardCharsets.UTF_8)).orElse("");
    List<Descriptor> out = new ArrayList<>();
    for (int page = 0; path != null; page++) {
      RegistryRequest req = new RegistryRequest("GET", repository, path,
          Map.of("Accept", MediaType.OCI_INDEX.value()), describeAction(subject), limits);
      byte[] body;
      Optional<String> link;
      boolean filtered;
      URI answered;
      try (RegistryResponse r = transport.send(endpoint, req)) {
        if (r.status() == 404 && page == 0) {
          r.close();
          return fallback(endpoint, source, subject, artifactType);
        }
        if (r.status() != 200) {
          throw r.error(endpoint, req);
        }
        link = r.header("link");
        answered = r.uri();
        filtered = r.headers().allValues("oci-filters-applied").stream()
            .anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("artifacttype"));
        body = r.readBody(endpoint, req, limits.manifestBytes(), source, "referrers of " + subject.shortForm(),
            "manifest-bytes");
      }
      IndexManifest index = parse(source, subject, body);
      add(out, index.manifests(), filtered ? Optional.empty() : artifactType, source, subject);
      path = link.flatMap(l -> TagLister.nextPath(l, answered)).orElse(null);
      if (page > TagLister.MAX_PAGES) {
        throw new RegistryException(endpoint.registry(), repository, describeAction(subject), 200, List.of(),
            "too many pages", null);
      }
    }
    return new Referrers(subject, out, false);
  }

  private Referrers fallback(Endpoint endpoint, String source, Digest subject, Optional<String> artifactType)
      throws IOException {
    String tag = Referrers.fallbackTag(subject);
    RegistryManifest m;
    try {
      m = manifests.fetch(endpoint, tag, MediaType.OCI_INDEX.value() + ", " + ManifestFetcher.ACCEPT);
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return new Referrers(subject, List.of(), true);
      }
      throw e;
    }
    IndexManifest index = parse(source, subject, m.bytes());
    List<Descriptor> out = new ArrayList<>();
    add(out, index.manifests(), artifactType, source, subject);
    return new Referrers(subject, out, true);
  }

  private IndexManifest parse(String source, Digest subject, byte[] body) throws IOException {
    String what = "referrers of " + subject.shortForm();
    JsonNode node = Json.readTree(body, limits.jsonDepth(), source, what);
    return ImageDocuments.index(node, MediaType.OCI_INDEX, source, what);
  }

  private void add(List<Descriptor> out, List<Descriptor> page, Optional<String> artifactType, String source,
      Digest subject) throws LimitExceededException {
    for (Descriptor d : page) {
      if (artifactType.isPresent() && !artifactType.equals(d.artifactType())) {
        continue;
      }
      if (out.size() >= limits.referrers()) {
        throw new LimitExceededException(source, "referrers of " + subject.shortForm(), "referrers",
            limits.referrers());
      }
      out.add(d);
    }
  }
}
