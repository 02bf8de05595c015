package io.imagecheck.inspectors.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a SLSA provenance predicate (v0.2 or v1) says about a build: who built it, how, from which
 * source, and with which inputs (materials / resolved dependencies, among them the base image).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param version {@code 0.2} or {@code 1}
 * @param builderId the builder id (may be empty: BuildKit writes none)
 * @param buildType the build type URI
 * @param sourceRepository the source repository URI, when recorded
 * @param sourceCommit the source commit, when recorded
 * @param entryPoint the invocation's entry point (v0.2) or the workflow path (v1), when recorded
 * @param materials the inputs: URI and digests
 */
public record SlsaProvenance(String version, String builderId, String buildType, Optional<String> sourceRepository,
    Optional<String> sourceCommit, Optional<String> entryPoint, List<Material> materials) {

  /**
   * Checks the components and copies the list.
   *
   * @param version the SLSA version
   * @param builderId the builder id
   * @param buildType the build type
   * @param sourceRepository the source repository, if any
   * @param sourceCommit the source commit, if any
   * @param entryPoint the entry point, if any
   * @param materials the inputs
   */
  public SlsaProvenance {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(builderId, "builderId");
    Objects.requireNonNull(buildType, "buildType");
    Objects.requireNonNull(sourceRepository, "sourceRepository");
    Objects.requireNonNull(sourceCommit, "sourceCommit");
    Objects.requireNonNull(entryPoint, "entryPoint");
    materials = List.copyOf(materials);
  }

  /**
   * A build input.
   *
   * @param uri the input's URI (e.g. {@code pkg:docker/golang@1.21?platform=linux%2Famd64})
   * @param digests algorithm to hex digest
   */
  public record Material(String uri, Map<String, String> digests) {

    /**
     * Checks the components and copies the map.
     *
     * @param uri the URI
     * @param digests the digests
     */
    public Material {
      Objects.requireNonNull(uri, "uri");
      digests = Collections.unmodifiableMap(new LinkedHashMap<>(digests));
    }
  }

  static Optional<SlsaProvenance> parse(String predicateType, JsonNode p) {
    if (predicateType.startsWith("https://slsa.dev/provenance/v0.")) {
      JsonNode cs = p.path("invocation").path("configSource");
      Optional<String> repo = text(cs.path("uri"));
      Optional<String> commit = text(cs.path("digest").path("sha1"));
      return Optional.of(new SlsaProvenance("0.2", p.path("builder").path("id").asText(""),
          p.path("buildType").asText(""), repo, commit, text(cs.path("entryPoint")), materials(p.path("materials"))));
    }
    if (predicateType.startsWith("https://slsa.dev/provenance/v1")) {
      JsonNode bd = p.path("buildDefinition");
      JsonNode wf = bd.path("externalParameters").path("workflow");
      Optional<String> repo = text(wf.path("repository"));
      Optional<String> commit = Optional.empty();
      List<Material> deps = materials(bd.path("resolvedDependencies"));
      for (Material m : deps) {
        if (m.uri().startsWith("git+") && m.digests().containsKey("gitCommit")) {
          commit = Optional.of(m.digests().get("gitCommit"));
          if (repo.isEmpty()) {
            repo = Optional.of(m.uri());
          }
        }
      }
      return Optional.of(new SlsaProvenance("1", p.path("runDetails").path("builder").path("id").asText(""),
          bd.path("buildType").asText(""), repo, commit, text(wf.path("path")), deps));
    }
    return Optional.empty();
  }

  private static List<Material> materials(JsonNode arr) {
    List<Material> out = new ArrayList<>();
    for (JsonNode m : arr) {
      Map<String, String> d = new LinkedHashMap<>();
      m.path("digest").fields().forEachRemaining(e -> d.put(e.getKey(), e.getValue().asText("")));
      out.add(new Material(m.path("uri").asText(m.path("name").asText("")), d));
    }
    return out;
  }

  private static Optional<String> text(JsonNode n) {
    String s = n.asText("");
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
