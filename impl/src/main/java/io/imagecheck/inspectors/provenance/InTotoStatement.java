package io.imagecheck.inspectors.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed in-toto statement (v0.1 or v1): its subjects, predicate type and, for the predicates this
 * library knows, a summary of the predicate.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param type the statement's {@code _type}
 * @param predicateType the predicate type URI
 * @param subjects the subjects: name and digests ({@code algorithm -> hex})
 * @param provenance the SLSA provenance summary, for SLSA provenance predicates
 * @param predicateKind a short name of the predicate: {@code slsaprovenance}, {@code slsaprovenance1},
 *     {@code spdx}, {@code cyclonedx}, {@code vuln}, {@code slsa-verification-summary}, or {@code other}
 */
public record InTotoStatement(String type, String predicateType, List<Subject> subjects,
    Optional<SlsaProvenance> provenance, String predicateKind) {

  /**
   * Checks the components and copies the list.
   *
   * @param type the statement type
   * @param predicateType the predicate type
   * @param subjects the subjects
   * @param provenance the provenance summary, if any
   * @param predicateKind the short predicate name
   */
  public InTotoStatement {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(predicateType, "predicateType");
    subjects = List.copyOf(subjects);
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(predicateKind, "predicateKind");
  }

  /**
   * A statement subject.
   *
   * @param name its name
   * @param digests algorithm to hex digest
   */
  public record Subject(String name, Map<String, String> digests) {

    /**
     * Checks the components and copies the map.
     *
     * @param name the name
     * @param digests the digests
     */
    public Subject {
      Objects.requireNonNull(name, "name");
      digests = Collections.unmodifiableMap(new LinkedHashMap<>(digests));
    }
  }

  /**
   * Parses a statement.
   *
   * @param json the statement JSON
   * @param where where it came from, for messages
   * @return the statement
   * @throws IOException when it is not valid JSON or not an in-toto statement
   */
  public static InTotoStatement parse(byte[] json, String where) throws IOException {
    JsonNode n = Json.readTree(json, Json.DEFAULT_DEPTH, where, "in-toto statement");
    String type = n.path("_type").asText("");
    if (!type.startsWith("https://in-toto.io/Statement/")) {
      throw new io.imagecheck.source.ImageFormatException(where, "not an in-toto statement (_type \"" + type + "\")");
    }
    List<Subject> subjects = new ArrayList<>();
    for (JsonNode s : n.path("subject")) {
      Map<String, String> d = new LinkedHashMap<>();
      s.path("digest").fields().forEachRemaining(e -> d.put(e.getKey(), e.getValue().asText("")));
      subjects.add(new Subject(s.path("name").asText(""), d));
    }
    String pt = n.path("predicateType").asText("");
    Optional<SlsaProvenance> prov = SlsaProvenance.parse(pt, n.path("predicate"));
    return new InTotoStatement(type, pt, subjects, prov, kind(pt));
  }

  /**
   * Parses a statement given as a string.
   *
   * @param json the statement JSON
   * @param where where it came from
   * @return the statement
   * @throws IOException when it is not an in-toto statement
   */
  public static InTotoStatement parse(String json, String where) throws IOException {
    return parse(json.getBytes(StandardCharsets.UTF_8), where);
  }

  /** cosign's {@code --type} names and the predicate types they stand for. */
  private static final Map<String, String> ALIASES = aliases();

  private static Map<String, String> aliases() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("slsaprovenance", "https://slsa.dev/provenance/v0.2");
    m.put("slsaprovenance02", "https://slsa.dev/provenance/v0.2");
    m.put("slsaprovenance1", "https://slsa.dev/provenance/v1");
    m.put("spdx", "https://spdx.dev/Document");
    m.put("spdxjson", "https://spdx.dev/Document");
    m.put("cyclonedx", "https://cyclonedx.org/bom");
    m.put("vuln", "https://cosign.sigstore.dev/attestation/vuln/v1");
    m.put("openvex", "https://openvex.dev/ns");
    m.put("link", "https://in-toto.io/Link/v1");
    m.put("custom", "https://cosign.sigstore.dev/attestation/v1");
    return Collections.unmodifiableMap(m);
  }

  /**
   * The predicate type a cosign {@code --type} name stands for ({@code slsaprovenance},
   * {@code slsaprovenance02}, {@code slsaprovenance1}, {@code spdx}, {@code spdxjson}, {@code cyclonedx},
   * {@code vuln}, {@code openvex}, {@code link}, {@code custom}); any other value is taken as a
   * predicate type URI, as cosign does.
   *
   * @param typeOrAlias a cosign type name or a predicate type URI
   * @return the predicate type URI
   */
  public static String predicateType(String typeOrAlias) {
    Objects.requireNonNull(typeOrAlias, "typeOrAlias");
    return ALIASES.getOrDefault(typeOrAlias.toLowerCase(java.util.Locale.ROOT), typeOrAlias);
  }

  /**
   * cosign's {@code --type} names, in the order cosign documents them.
   *
   * @return the names
   */
  public static List<String> predicateTypeAliases() {
    return List.copyOf(ALIASES.keySet());
  }

  /**
   * The short name of a predicate type, as cosign's {@code --type} flag names it.
   *
   * @param predicateType the URI
   * @return the short name
   */
  public static String kind(String predicateType) {
    if (predicateType.startsWith("https://slsa.dev/provenance/v0")) {
      return "slsaprovenance";
    }
    if (predicateType.startsWith("https://slsa.dev/provenance/v1")) {
      return "slsaprovenance1";
    }
    if (predicateType.startsWith("https://spdx.dev/Document")) {
      return "spdx";
    }
    if (predicateType.startsWith("https://cyclonedx.org/")) {
      return "cyclonedx";
    }
    if (predicateType.startsWith("https://slsa.dev/verification_summary/")) {
      return "slsa-verification-summary";
    }
    if (predicateType.startsWith("https://cosign.sigstore.dev/attestation/vuln/")) {
      return "vuln";
    }
    return "other";
  }
}
