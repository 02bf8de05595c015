package io.imagecheck.sources.registry;

import io.imagecheck.source.ReadLimits;
import java.util.Map;

/**
 * One request to a registry endpoint.
 *
 * @param method {@code GET} or {@code HEAD}
 * @param repository the repository (for the token scope and messages; empty for {@code /v2/})
 * @param path the path and query below the registry root, e.g. {@code /v2/lab/busybox/manifests/latest}
 * @param headers extra headers ({@code Accept}, {@code Range})
 * @param operation what is attempted, for messages (a fetcher's {@code describeAction()})
 * @param limits the read limits
 */
record RegistryRequest(String method, String repository, String path, Map<String, String> headers,
    String operation, ReadLimits limits) {

  RegistryRequest {
    headers = Map.copyOf(headers);
  }

  /** The token scope this request needs. */
  String scope() {
    return "repository:" + repository + ":pull";
  }

  RegistryRequest withHeader(String name, String value) {
    Map<String, String> h = new java.util.HashMap<>(headers);
    h.put(name, value);
    return new RegistryRequest(method, repository, path, h, operation, limits);
  }

  RegistryRequest withPath(String newPath) {
    return new RegistryRequest(method, repository, newPath, headers, operation, limits);
  }
}
