package io.imagecheck.sources.registry;

/**
 * Where one registry is reached: the name used for credentials and messages, and the host to connect
 * to ({@code docker.io} is reached at {@code registry-1.docker.io}).
 *
 * @param registry the registry name, e.g. {@code docker.io} or {@code localhost:5000}
 * @param host the host and port to connect to
 * @param mirror whether this is a configured mirror rather than the registry itself
 */
record Endpoint(String registry, String host, boolean mirror) {

  static Endpoint of(String registry) {
    String host = registry.equals("docker.io") ? "registry-1.docker.io" : registry;
    return new Endpoint(registry, host, false);
  }
}
