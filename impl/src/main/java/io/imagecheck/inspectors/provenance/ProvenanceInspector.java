package io.imagecheck.inspectors.provenance;

import io.imagecheck.image.Digest;
import io.imagecheck.image.HistoryEntry;
import io.imagecheck.image.Image;
import io.imagecheck.image.Layer;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an image's layers come from: the base image it names (the
 * {@code org.opencontainers.image.base.name}/{@code .digest} annotations or labels), whether that name
 * is mutable or approved, and, when the caller supplies the base image (option {@code baseImage}, any
 * source reference), proof that the image's first layers are the base's (same diff_ids), with each
 * layer marked {@code base} or {@code own} and its history step.
 *
 * <p>Options (policy {@code options.provenance}): {@code baseImage} (a reference such as
 * {@code oci:base:latest}), {@code approvedBases} (regular expressions over the base name). Checking
 * that a base tag now points to a newer digest ({@code provenance.outdated-base}) needs a registry
 * and is not done by this inspector yet.
 *
 * <p>Thread-safe (stateless).
 */
public final class ProvenanceInspector implements Inspector {

  /** The inspector id. */
  public static final String ID = "provenance";
  /** The OCI annotation naming the base image. */
  public static final String BASE_NAME = "org.opencontainers.image.base.name";
  /** The OCI annotation giving the base image's digest. */
  public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";

  private static final List<Rule> RULES = List.of(
      new Rule("provenance.mutable-base", Severity.MEDIUM, "Base image named by a mutable tag",
          "The base image is named by a tag without a digest, so a rebuild may pick up another image.",
          "Pin the base image by digest (FROM image@sha256:...)."),
      new Rule("provenance.unapproved-base", Severity.HIGH, "Base image not approved",
          "The base image's name matches none of the policy's approved base patterns.",
          "Build FROM an approved base image."),
      new Rule("provenance.outdated-base", Severity.MEDIUM, "Base image outdated",
          "The base image's tag now points to a newer digest.", "Rebuild on the current base rather than patch."),
      new Rule("provenance.base-mismatch", Severity.HIGH, "Image is not built on the given base",
          "The image's first layers' diff_ids differ from the supplied base image's.",
          "Check which base the image was really built from."));

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Reads the base image an image names, flags mutable or unapproved bases, and proves which layers "
        + "come from a supplied base image (diff_ids) and which are the image's own.";
  }

  @Override
  public List<Rule> rules() {
    return RULES;
  }

  @Override
  public InspectorResult inspect(InspectionContext context) throws IOException {
    Image image = context.image();
    List<Finding> findings = new ArrayList<>();
    Map<String, Object> facts = new LinkedHashMap<>();
    Map<String, String> ann = image.manifest().annotations();
    Map<String, String> labels = context.config().labels();
    Optional<String> name = Optional.ofNullable(ann.getOrDefault(BASE_NAME, labels.get(BASE_NAME)));
    Optional<String> digest = Optional.ofNullable(ann.getOrDefault(BASE_DIGEST, labels.get(BASE_DIGEST)));
    name.ifPresent(n -> facts.put("baseName", n));
    digest.ifPresent(d -> facts.put("baseDigest", d));
    if (name.isPresent()) {
      String n = name.get();
      if (!n.contains("@sha256:") && digest.isEmpty()) {
        findings.add(Finding.of("provenance.mutable-base", ID, Severity.MEDIUM, "base image " + n
            + " is named by a mutable tag, without a digest"));
      }
      List<String> approved = strings(context.options().get("approvedBases"));
      if (!approved.isEmpty() && approved.stream().noneMatch(p -> Pattern.compile(p).matcher(n).matches())) {
        findings.add(Finding.of("provenance.unapproved-base", ID, Severity.HIGH, "base image " + n
            + " matches no approved base pattern " + approved));
      }
    }
    int baseLayers = 0;
    if (context.options().get("baseImage") instanceof String ref) {
      try (ImageSource base = ImageSources.open(ref)) {
        Image b = base.image();
        List<Digest> mine = image.layers().stream().map(Layer::diffId).toList();
        List<Digest> theirs = b.layers().stream().map(Layer::diffId).toList();
        int i = 0;
        while (i < theirs.size() && i < mine.size() && mine.get(i).equals(theirs.get(i))) {
          i++;
        }
        if (i < theirs.size()) {
          findings.add(Finding.of("provenance.base-mismatch", ID, Severity.HIGH, "the image is not built on " + ref
              + ": its layer " + (i + 1) + " is " + (i < mine.size() ? mine.get(i) : "missing") + ", the base's is "
              + theirs.get(i)));
        } else {
          baseLayers = i;
          facts.put("baseImage", ref + "@" + b.descriptor().digest());
        }
      }
    }
    List<HistoryEntry> history = context.config().layerHistory();
    List<Map<String, Object>> layers = new ArrayList<>();
    for (int i = 0; i < image.layers().size(); i++) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("index", i + 1);
      l.put("diffId", image.layers().get(i).diffId().toString());
      l.put("origin", i < baseLayers ? "base" : (baseLayers > 0 ? "own" : "unknown"));
      if (i < history.size()) {
        l.put("createdBy", history.get(i).createdBy());
      }
      layers.add(l);
    }
    facts.put("layers", layers);
    facts.put("baseLayerCount", baseLayers);
    return InspectorResult.of(ID, facts, findings);
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    } else if (o instanceof String s) {
      out.add(s);
    }
    return out;
  }
}
