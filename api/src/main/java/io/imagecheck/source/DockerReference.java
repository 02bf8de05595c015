package io.imagecheck.source;

import io.imagecheck.image.Digest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A registry image reference, {@code [HOST[:PORT]/]REPOSITORY[:TAG][@DIGEST]}, normalised as the
 * Docker tools do: a name without a registry host is on Docker Hub ({@code docker.io}), and a
 * one-component Docker Hub name is in {@code library/}. The tag defaults to {@code latest} when
 * neither a tag nor a digest is given.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param registry the registry host (and port), e.g. {@code localhost:5000} or {@code docker.io}
 * @param repository the repository path, e.g. {@code library/alpine}
 * @param tag the tag, if any
 * @param digest the digest, if any (it wins over the tag when both are given)
 */
public record DockerReference(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {

  /** The Docker Hub registry name used in references. */
  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]");

  /**
   * Checks the components and copies collections.
   *
   * @param registry the registry host (and port), e.g. {@code localhost:5000} or {@code docker.io}
   * @param repository the repository path, e.g. {@code library/alpine}
   * @param tag the tag, if any
   * @param digest the digest, if any (it wins over the tag when both are given)
   */
  public DockerReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(digest, "digest");
    for (String c : repository.split("/", -1)) {
      if (!COMPONENT.matcher(c).matches()) {
        throw new IllegalArgumentException("invalid repository name \"" + repository + "\"");
      }
    }
    tag.ifPresent(t -> {
      if (!TAG.matcher(t).matches()) {
        throw new IllegalArgumentException("invalid tag \"" + t + "\"");
      }
    });
  }

  /**
   * Parses a reference such as {@code localhost:5000/lab/busybox:latest} or {@code alpine}.
   *
   * @param value the reference, without the {@code docker://} prefix
   * @return the normalised reference
   * @throws IllegalArgumentException when the reference is malformed
   */
  public static DockerReference parse(String value) {
    Objects.requireNonNull(value, "value");
    String rest = value;
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Digest.parse(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String tag = null;
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String registry;
    String repository;
    int first = rest.indexOf('/');
    String head = first < 0 ? "" : rest.substring(0, first);
    if (first >= 0 && isRegistryHost(head)) {
      registry = head;
      repository = rest.substring(first + 1);
      if (!HOST.matcher(hostPart(registry)).matches()) {
        throw new IllegalArgumentException("invalid registry host \"" + registry + "\"");
      }
    } else {
      registry = DOCKER_HUB;
      repository = rest;
    }
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    if (repository.isEmpty()) {
      throw new IllegalArgumentException("reference \"" + value + "\" has no repository");
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new DockerReference(registry, repository, Optional.ofNullable(tag), Optional.ofNullable(digest));
  }

  /**
   * Tells whether the first component of a name is clearly a registry host: it contains a dot or a
   * colon, or is {@code localhost}.
   *
   * @param component the text before the first slash
   * @return true for registry hosts
   */
  public static boolean isRegistryHost(String component) {
    return component.contains(".") || component.contains(":") || component.equals("localhost");
  }

  private static String hostPart(String registry) {
    if (registry.startsWith("[")) {
      int end = registry.indexOf(']');
      return end < 0 ? registry : registry.substring(0, end + 1);
    }
    int colon = registry.indexOf(':');
    return (colon < 0 ? registry : registry.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  /**
   * The tag or digest part used in a manifest URL: the digest when present, else the tag.
   *
   * @return e.g. {@code latest} or {@code sha256:ab12...}
   */
  public String manifestReference() {
    return digest.map(Digest::toString).orElseGet(() -> tag.orElse("latest"));
  }

  /**
   * The registry host to connect to: {@code registry-1.docker.io} for Docker Hub, else
   * {@link #registry()}.
   *
   * @return the host and optional port
   */
  public String endpointHost() {
    return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
  }

  /**
   * The same repository with another tag or digest.
   *
   * @param newTag the tag
   * @return the new reference (no digest)
   */
  public DockerReference withTag(String newTag) {
    return new DockerReference(registry, repository, Optional.of(newTag), Optional.empty());
  }

  /**
   * The same repository at a digest.
   *
   * @param newDigest the digest
   * @return the new reference (no tag)
   */
  public DockerReference withDigest(Digest newDigest) {
    return new DockerReference(registry, repository, Optional.empty(), Optional.of(newDigest));
  }

  /**
   * The canonical form {@code registry/repository[:tag][@digest]}.
   *
   * @return the reference
   */
  @Override
  public String toString() {
    return registry + "/" + repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }
}
