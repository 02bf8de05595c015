package io.imagecheck.inspectors.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 * @param startedOn when the build started (v0.2 {@code metadata.buildStartedOn}, v1
 *     {@code runDetails.metadata.startedOn}), when recorded
 * @param finishedOn when the build finished, when recorded
 */
public record SlsaProvenance(String version, String builderId, String buildType, Optional<String> sourceRepository,
    Optional<String> sourceCommit, Optional<String> entryPoint, List<Material> materials, Optional<Instant> startedOn,
    Optional<Instant> finishedOn) {

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
   * @param startedOn when the build started, if recorded
   * @param finishedOn when the build finished, if recorded
   */
  public SlsaProvenance {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(builderId, "builderId");
    Objects.requireNonNull(buildType, "buildType");
    Objects.requireNonNull(sourceRepository, "sourceRepository");
    Objects.requireNonNull(sourceCommit, "sourceCommit");
    Objects.requireNonNull(entryPoint, "entryPoint");
    materials = List.copyOf(materials);
    Objects.requireNonNull(startedOn, "startedOn");
    Objects.requireNonNull(finishedOn, "finishedOn");
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
          p.path("buildType").asText(""), repo, commit, text(cs.path("entryPoint")), materials(p.path("materials")),
          instant(p.path("metadata").path("buildStartedOn")), instant(p.path("metadata").path("buildFinishedOn"))));
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
      JsonNode md = p.path("runDetails").path("metadata");
      return Optional.of(new SlsaProvenance("1", p.path("runDetails").path("builder").path("id").asText(""),
          bd.path("buildType").asText(""), repo, commit, text(wf.path("path")), deps, instant(md.path("startedOn")),
          instant(md.path("finishedOn"))));
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

  private static Optional<Instant> instant(JsonNode n) {
    try {
      return text(n).map(Instant::parse);
    } catch (DateTimeParseException e) {
      // A malformed time is not evidence; the build window is then unknown.
      return Optional.empty();
    }
  }

  private static Optional<String> text(JsonNode n) {
    String s = n.asText("");
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
