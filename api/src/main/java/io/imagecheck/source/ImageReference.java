package io.imagecheck.source;

import java.util.Objects;
import java.util.Optional;

/**
 * A reference to an image in one of the transports skopeo users know:
 * {@code docker-archive:PATH[:name:tag]}, {@code oci:DIR[:ref]}, {@code oci-archive:PATH[:ref]},
 * {@code dir:DIR} and {@code docker://HOST/REPO[:TAG|@DIGEST]}. A string without a prefix is kept as
 * {@link Transport#UNSPECIFIED}; opening it detects the kind from what exists at the path, and reads
 * from a registry only when nothing exists there and the name starts with a registry host (see
 * {@link DockerReference#isRegistryHost(String)}), so a mistyped path never becomes a network pull.
 *
 * <p>As in containers/image, the path ends at the first colon after the prefix; the rest is the
 * selector (a {@code name:tag} in a docker archive, an {@code org.opencontainers.image.ref.name} or
 * digest in an OCI layout).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param transport the kind of source
 * @param path the local path (empty for {@link Transport#DOCKER})
 * @param selector which image of a multi-image source, if given
 * @param docker the registry reference, for {@link Transport#DOCKER}
 */
public record ImageReference(
    Transport transport, String path, Optional<String> selector, Optional<DockerReference> docker) {

  /**
   * Checks the components and copies collections.
   *
   * @param transport the kind of source
   * @param path the local path (empty for {@link Transport#DOCKER})
   * @param selector which image of a multi-image source, if given
   * @param docker the registry reference, for {@link Transport#DOCKER}
   */
  public ImageReference {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(docker, "docker");
    if (transport == Transport.DOCKER && docker.isEmpty()) {
      throw new IllegalArgumentException("docker:// reference without a registry reference");
    }
    if (transport != Transport.DOCKER && path.isEmpty()) {
      throw new IllegalArgumentException(transport.prefix() + " reference without a path");
    }
  }

  /**
   * Parses a reference string.
   *
   * @param value e.g. {@code oci-archive:build/app.tar:latest} or {@code docker://localhost:5000/app:1}
   * @return the reference
   * @throws IllegalArgumentException when the string is empty or malformed for its transport
   */
  public static ImageReference parse(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty image reference");
    }
    Optional<Transport> t = Transport.ofPrefix(value);
    if (t.isEmpty()) {
      return new ImageReference(Transport.UNSPECIFIED, value, Optional.empty(), Optional.empty());
    }
    Transport transport = t.get();
    String rest = value.substring(transport.prefix().length());
    switch (transport) {
      case DOCKER:
        return docker(DockerReference.parse(rest));
      case DIR:
        return local(transport, rest, null);
      default:
        int colon = rest.indexOf(':');
        if (colon < 0) {
          return local(transport, rest, null);
        }
        String sel = rest.substring(colon + 1);
        return local(transport, rest.substring(0, colon), sel.isEmpty() ? null : sel);
    }
  }

  /**
   * A local reference.
   *
   * @param transport a local transport
   * @param path the path
   * @param selector the selector, or null
   * @return the reference
   */
  public static ImageReference local(Transport transport, String path, @org.jspecify.annotations.Nullable String selector) {
    if (transport == Transport.DOCKER) {
      throw new IllegalArgumentException("not a local transport: " + transport);
    }
    if (path.isEmpty()) {
      throw new IllegalArgumentException(transport.prefix() + " reference without a path");
    }
    return new ImageReference(transport, path, Optional.ofNullable(selector), Optional.empty());
  }

  /**
   * A registry reference.
   *
   * @param reference the registry reference
   * @return the reference
   */
  public static ImageReference docker(DockerReference reference) {
    return new ImageReference(Transport.DOCKER, "", Optional.empty(), Optional.of(reference));
  }

  /**
   * The canonical string form, parseable by {@link #parse(String)}.
   *
   * @return e.g. {@code oci:build/image:latest}
   */
  @Override
  public String toString() {
    if (transport == Transport.DOCKER) {
      return transport.prefix() + docker.orElseThrow();
    }
    return transport.prefix() + path + selector.map(s -> ":" + s).orElse("");
  }
}
