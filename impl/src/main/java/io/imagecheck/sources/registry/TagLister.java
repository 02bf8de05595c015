package io.imagecheck.sources.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.source.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v2/<name>/tags/list}: lists a repository's tags, following the {@code Link} header's
 * {@code rel="next"} pages. Each page is bounded by {@code manifest-bytes}; the number of pages by
 * {@value #MAX_PAGES}; a next link to another host is refused.
 *
 * <p>Thread-safe (stateless apart from the shared transport).
 */
final class TagLister {

  static final int MAX_PAGES = 10_000;
  private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?", Pattern.CASE_INSENSITIVE);

  private final RegistryTransport transport;
  private final String repository;
  private final ReadLimits limits;

  TagLister(RegistryTransport transport, String repository, ReadLimits limits) {
    this.transport = transport;
    this.repository = repository;
    this.limits = limits;
  }

  String describeAction() {
    return "list tags of " + repository;
  }

  List<String> list(Endpoint endpoint, int pageSize) throws IOException {
    String source = "docker://" + endpoint.registry() + "/" + repository;
    List<String> tags = new ArrayList<>();
    String path = "/v2/" + repository + "/tags/list?n=" + pageSize;
    for (int page = 0; path != null; page++) {
      if (page >= MAX_PAGES) {
        throw new LimitExceededException(source, describeAction() + ": more than " + MAX_PAGES + " pages",
            "manifest-bytes", limits.manifestBytes());
      }
      RegistryRequest req = new RegistryRequest("GET", repository, path, Map.of("Accept", "application/json"),
          describeAction(), limits);
      byte[] body;
      Optional<String> link;
      URI answered;
      try (RegistryResponse r = transport.send(endpoint, req)) {
        if (r.status() != 200) {
          throw r.error(endpoint, req);
        }
        link = r.header("link");
        answered = r.uri();
        body = r.readBody(endpoint, req, limits.manifestBytes(), source, "tag list page " + (page + 1),
            "manifest-bytes");
      }
      JsonNode node = Json.readTree(body, limits.jsonDepth(), source, "tag list");
      JsonNode t = node.get("tags");
      if (t != null && !t.isNull()) {
        if (!t.isArray()) {
          throw new ImageFormatException(source, "tag list: \"tags\" is not a list");
        }
        for (JsonNode e : t) {
          if (!e.isTextual()) {
            throw new ImageFormatException(source, "tag list contains a non-string tag");
          }
          tags.add(e.textValue());
        }
      }
      path = link.flatMap(l -> nextPath(l, answered)).orElse(null);
      if (link.isPresent() && path == null && NEXT.matcher(link.get()).find()) {
        throw new RegistryException(endpoint.registry(), repository, describeAction(), 200, List.of(),
            "the Link header's next page is not on this registry", null);
      }
    }
    return tags;
  }

  /**
   * The path and query of a {@code rel="next"} link, when it stays on the same host.
   *
   * @param header the {@code Link} header
   * @param base the URI that answered
   * @return the next path, or empty when there is no next link or it leaves the host
   */
  static Optional<String> nextPath(String header, URI base) {
    Matcher m = NEXT.matcher(header);
    if (!m.find()) {
      return Optional.empty();
    }
    URI next;
    try {
      next = base.resolve(new URI(m.group(1).trim()));
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
    if (next.getRawAuthority() != null && !next.getRawAuthority().equalsIgnoreCase(base.getRawAuthority())) {
      return Optional.empty();
    }
    if (next.getRawPath() == null || !next.getRawPath().startsWith("/v2/")) {
      return Optional.empty();
    }
    return Optional.of(next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()));
  }
}
