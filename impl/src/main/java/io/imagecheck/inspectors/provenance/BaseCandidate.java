package io.imagecheck.inspectors.provenance;

import io.imagecheck.image.Digest;
import io.imagecheck.source.DockerReference;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A container image a build used, as its provenance records it: a SLSA v0.2 material or v1 resolved
 * dependency whose URI is a package URL {@code pkg:docker/NAME[@TAG]?digest=sha256:...} (BuildKit's form;
 * {@code repository_url} is honoured), {@code pkg:oci/...}, or {@code docker-image://REF}, with the
 * digest it resolved to.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param reference the image's name and tag, normalised ({@code docker.io/library/golang:1.21})
 * @param digest the digest the build used, when recorded
 * @param material the material URI as recorded
 */
record BaseCandidate(DockerReference reference, Optional<Digest> digest, String material) {

  BaseCandidate {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(material, "material");
  }

  /**
   * Reads a material as a container image.
   *
   * @param m the material
   * @return the candidate; empty when the material is not a container image or is malformed
   */
  static Optional<BaseCandidate> of(SlsaProvenance.Material m) {
    String uri = m.uri();
    String rest;
    if (uri.startsWith("pkg:docker/")) {
      rest = uri.substring("pkg:docker/".length());
    } else if (uri.startsWith("pkg:oci/")) {
      rest = uri.substring("pkg:oci/".length());
    } else if (uri.startsWith("docker-image://")) {
      return parse(uri.substring("docker-image://".length()), null, m);
    } else {
      return Optional.empty();
    }
    Map<String, String> qualifiers = new HashMap<>();
    int q = rest.indexOf('?');
    if (q >= 0) {
      for (String kv : rest.substring(q + 1).split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          qualifiers.put(kv.substring(0, eq), decode(kv.substring(eq + 1)));
        }
      }
      rest = rest.substring(0, q);
    }
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    String name = rest;
    String version = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      name = rest.substring(0, at);
      version = decode(rest.substring(at + 1));
    }
    name = decode(name);
    if (qualifiers.containsKey("repository_url")) {
      name = qualifiers.get("repository_url").replaceAll("/+$", "") + "/" + name;
    }
    String digest = qualifiers.get("digest");
    if (version != null && Digest.isValid(version)) {
      digest = digest == null ? version : digest;
      version = null;
    }
    return parse(name + ":" + (version == null || version.isEmpty() ? "latest" : version), digest, m);
  }

  private static Optional<BaseCandidate> parse(String ref, String digest, SlsaProvenance.Material m) {
    try {
      DockerReference r = DockerReference.parse(ref);
      Optional<Digest> d = r.digest();
      if (digest != null && Digest.isValid(digest)) {
        d = Optional.of(Digest.parse(digest));
      } else if (d.isEmpty() && m.digests().containsKey("sha256") && Digest.isValid("sha256:" + m.digests().get("sha256"))) {
        d = Optional.of(Digest.parse("sha256:" + m.digests().get("sha256")));
      }
      DockerReference name = new DockerReference(r.registry(), r.repository(), Optional.of(r.tag().orElse("latest")),
          Optional.empty());
      return Optional.of(new BaseCandidate(name, d, m.uri()));
    } catch (IllegalArgumentException e) {
      // Not a reference this library can name: not a candidate.
      return Optional.empty();
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /**
   * The name at the recorded digest, e.g. {@code gcr.io/distroless/static:latest@sha256:3f2b…}.
   *
   * @return the pinned reference text
   */
  String pinned() {
    return reference + digest.map(d -> "@" + d).orElse("");
  }
}
