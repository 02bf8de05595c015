package io.imagecheck.sources.registry;

import io.imagecheck.source.DockerReference;
import io.imagecheck.source.ReadLimits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A client for OCI Distribution registries, shared by every source and scan that uses it: it keeps
 * the HTTP connections (HTTP/1.1 and HTTP/2, reused), what each registry host said about its scheme
 * and authentication, the credentials found and the Bearer tokens (per scope, until they expire), and
 * bounds the blob downloads open at once.
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.create(RegistryOptions.defaults());
 * RegistryRepository repo = client.repository(DockerReference.parse("localhost:5000/lab/busybox"));
 * List<String> tags = repo.tags();
 * }</pre>
 *
 * <p>Thread-safe. Closing it forgets cached tokens and ends the threads it started; Java 17's HTTP client
 * cannot be closed, so its selector thread and idle connections go a few seconds after it is
 * garbage-collected. A client used again after closing starts afresh.
 */
public final class RegistryClient implements AutoCloseable {

  private final RegistryOptions options;
  private final RegistryTransport transport;
  private final BlobPermits blobPermits;

  private RegistryClient(RegistryOptions options, Clock clock) {
    this.options = options;
    this.transport = new RegistryTransport(options, clock);
    this.blobPermits = new BlobPermits(options.blobConcurrency(), options.readTimeout());
  }

  /**
   * Creates a client.
   *
   * @param options credentials, TLS, proxies, mirrors, concurrency and timeouts
   * @return the client
   */
  public static RegistryClient create(RegistryOptions options) {
    return new RegistryClient(Objects.requireNonNull(options, "options"), Clock.systemUTC());
  }

  /**
   * The options this client was created with.
   *
   * @return the options
   */
  public RegistryOptions options() {
    return options;
  }

  /**
   * A repository, with the default read limits.
   *
   * @param reference a reference naming the registry and repository (its tag or digest is ignored)
   * @return the repository
   */
  public RegistryRepository repository(DockerReference reference) {
    return repository(reference, ReadLimits.defaults());
  }

  /**
   * A repository.
   *
   * @param reference a reference naming the registry and repository (its tag or digest is ignored)
   * @param limits the read limits
   * @return the repository
   */
  public RegistryRepository repository(DockerReference reference, ReadLimits limits) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(limits, "limits");
    List<Endpoint> endpoints = new ArrayList<>();
    for (String m : options.mirrors().getOrDefault(reference.registry().toLowerCase(Locale.ROOT), List.of())) {
      endpoints.add(new Endpoint(m, m, true));
    }
    endpoints.add(Endpoint.of(reference.registry()));
    return new RegistryRepository(reference.registry(), reference.repository(), limits, endpoints, transport,
        blobPermits);
  }

  /** Forgets tokens and what was learned about hosts, and stops the threads this client started. */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "RegistryClient" + options;
  }
}
