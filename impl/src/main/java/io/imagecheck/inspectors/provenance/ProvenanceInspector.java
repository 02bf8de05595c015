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
import io.imagecheck.signatures.Attachment;
import io.imagecheck.signatures.AttachmentDiscovery;
import io.imagecheck.signatures.Attachments;
import io.imagecheck.signatures.SignedSubject;
import io.imagecheck.source.DockerReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.sources.registry.RegistryOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where an image's layers come from: the base image it names (the
 * {@code org.opencontainers.image.base.name}/{@code .digest} annotations or labels; when neither names
 * one, the container image among the materials of the image's SLSA provenance: v0.2 {@code materials}
 * or v1 {@code resolvedDependencies} with a digest), whether that name is mutable, approved, or
 * outdated, and which layers are the base's and which the image's own, each with its history step.
 *
 * <p>Layers are marked, best evidence first: by diff_ids against a supplied base image (option
 * {@code baseImage}) or against the base read from its registry (option {@code checkRegistry}); else by
 * the build window the provenance records (history steps created before the build started are the
 * base's, those during it the image's own; used only when that splits the history in two); else
 * {@code unknown}. Provenance found in the image's source is read here without verifying its signature
 * (the {@code signatures} inspector does that); the facts say which statement was used.
 *
 * <p>Options (policy {@code options.provenance}):
 * <ul>
 *   <li>{@code baseImage}: the base image to compare layers with (any source reference, e.g.
 *       {@code oci:base:latest});
 *   <li>{@code approvedBases}: regular expressions; the base name must match one (matched against the
 *       name as recorded and, for a provenance material, the normalised {@code registry/repo:tag});
 *   <li>{@code checkRegistry}: ask the base's registry (off by default: scans are offline) whether the
 *       base tag still points to the digest the image was built on ({@code provenance.outdated-base}),
 *       and which of several candidate images from the provenance the image's layers start with;
 *   <li>{@code insecureRegistries}: registries (host:port) those checks may reach over plain HTTP or
 *       without TLS verification.
 * </ul>
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
          "The base image's tag now points to another digest than the one the image was built on.",
          "Rebuild on the current base rather than patch."),
      new Rule("provenance.base-mismatch", Severity.HIGH, "Image is not built on the given base",
          "The image's first layers' diff_ids differ from the supplied base image's.",
          "Check which base the image was really built from."));

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Finds the base image an image names or its provenance records, flags mutable, unapproved or outdated "
        + "bases, and tells which layers come from the base and which are the image's own.";
  }

  @Override
  public List<Rule> rules() {
    return RULES;
  }

  /**
   * The base as found: its name, digest, where they came from, the provenance material it is, and how
   * many of the image's first layers its registry confirmed to be its own (or -1).
   */
  private record Base(String name, Optional<String> digest, String source, Optional<BaseCandidate> candidate,
      int confirmedLayers) {}

  @Override
  public InspectorResult inspect(InspectionContext context) throws IOException {
    Image image = context.image();
    Map<String, Object> opts = context.options();
    List<Finding> findings = new ArrayList<>();
    Map<String, Object> facts = new LinkedHashMap<>();
    Map<String, String> ann = image.manifest().annotations();
    Map<String, String> labels = context.config().labels();
    List<Provenance> provenance = provenance(context);
    if (!provenance.isEmpty()) {
      facts.put("provenance", provenance.stream().map(Provenance::where).toList());
    }
    List<BaseCandidate> candidates = new ArrayList<>();
    for (Provenance p : provenance) {
      for (SlsaProvenance.Material m : p.slsa().materials()) {
        BaseCandidate.of(m).filter(c -> candidates.stream().noneMatch(x -> x.material().equals(c.material())))
            .ifPresent(candidates::add);
      }
    }
    boolean online = Boolean.TRUE.equals(opts.get("checkRegistry"));
    try (BaseRegistry registry = online ? new BaseRegistry(registryOptions(opts), ReadLimits.defaults()) : null) {
      Optional<Base> base = base(ann, labels, candidates, image, registry, facts);
      base.ifPresent(b -> {
        facts.put("baseName", b.name());
        b.digest().ifPresent(d -> facts.put("baseDigest", d));
        facts.put("baseSource", b.source());
      });
      if (base.isPresent()) {
        Base b = base.get();
        if (!b.name().contains("@sha256:") && b.digest().isEmpty()) {
          findings.add(Finding.of("provenance.mutable-base", ID, Severity.MEDIUM, "base image " + b.name()
              + " is named by a mutable tag, without a digest"));
        }
        List<String> approved = strings(opts.get("approvedBases"));
        if (!approved.isEmpty() && approved.stream().noneMatch(p -> approves(p, b))) {
          findings.add(Finding.of("provenance.unapproved-base", ID, Severity.HIGH, "base image " + b.name()
              + " matches no approved base pattern " + approved));
        }
        if (registry != null) {
          outdated(registry, b, facts, findings);
        }
      }
      int baseLayers = -1;
      String basis = "unknown";
      if (opts.get("baseImage") instanceof String ref) {
        baseLayers = compare(image, ref, findings, facts);
        basis = "diff_ids of " + ref;
      } else if (base.isPresent() && base.get().confirmedLayers() > 0) {
        baseLayers = base.get().confirmedLayers();
        basis = "diff_ids of " + base.get().name() + " from its registry";
      } else {
        Optional<Provenance> timed = provenance.stream().filter(p -> p.slsa().startedOn().isPresent()).findFirst();
        Optional<Integer> byTime = timed.flatMap(p -> byBuildWindow(context.config().layerHistory(),
            p.slsa().startedOn().orElseThrow()));
        if (byTime.isPresent()) {
          baseLayers = byTime.get();
          basis = "history times before the build started (" + timed.get().slsa().startedOn().orElseThrow() + ", "
              + timed.get().where() + ")";
        }
      }
      List<HistoryEntry> history = context.config().layerHistory();
      List<Map<String, Object>> layers = new ArrayList<>();
      for (int i = 0; i < image.layers().size(); i++) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("index", i + 1);
        l.put("diffId", image.layers().get(i).diffId().toString());
        l.put("origin", baseLayers < 0 ? "unknown" : i < baseLayers ? "base" : "own");
        if (i < history.size()) {
          l.put("createdBy", history.get(i).createdBy());
        }
        layers.add(l);
      }
      facts.put("layers", layers);
      facts.put("baseLayerCount", Math.max(0, baseLayers));
      facts.put("layerOriginBasis", basis);
    }
    return InspectorResult.of(ID, facts, findings);
  }

  /** An SLSA provenance statement about this image, found in its source (not verified here). */
  private record Provenance(String where, SlsaProvenance slsa) {}

  private static List<Provenance> provenance(InspectionContext context) throws IOException {
    List<Provenance> out = new ArrayList<>();
    if (context.imageSource().isEmpty()) {
      return out;
    }
    SignedSubject subject = AttachmentDiscovery.subjectOf(context.image());
    for (Attachment a : AttachmentDiscovery.discover(context.imageSource().get(), subject)) {
      Optional<byte[]> json = Attachments.statement(a);
      if (json.isEmpty()) {
        continue;
      }
      InTotoStatement st;
      try {
        st = InTotoStatement.parse(json.get(), a.where());
      } catch (IOException e) {
        // Not an in-toto statement: nothing to learn from it here (the signatures inspector reports it).
        continue;
      }
      boolean aboutThis = st.subjects().stream().flatMap(s -> s.digests().entrySet().stream())
          .anyMatch(d -> subject.digests().stream().anyMatch(x -> x.toString().equalsIgnoreCase(d.getKey() + ":"
              + d.getValue())));
      if (aboutThis && st.provenance().isPresent()) {
        out.add(new Provenance(a.where(), st.provenance().get()));
      }
    }
    return out;
  }

  private static Optional<Base> base(Map<String, String> ann, Map<String, String> labels,
      List<BaseCandidate> candidates, Image image, @Nullable BaseRegistry registry, Map<String, Object> facts)
      throws IOException {
    if (ann.containsKey(BASE_NAME) || labels.containsKey(BASE_NAME)) {
      boolean annotated = ann.containsKey(BASE_NAME);
      String digest = annotated ? ann.get(BASE_DIGEST) : labels.get(BASE_DIGEST);
      return Optional.of(new Base(annotated ? ann.get(BASE_NAME) : labels.get(BASE_NAME), Optional.ofNullable(digest),
          annotated ? "annotation" : "label", Optional.empty(), -1));
    }
    List<BaseCandidate> pinned = candidates.stream().filter(c -> c.digest().isPresent()).toList();
    if (pinned.size() > 1) {
      facts.put("baseCandidates", pinned.stream().map(BaseCandidate::pinned).toList());
    }
    if (pinned.size() == 1) {
      return Optional.of(fromCandidate(pinned.get(0), "provenance materials", -1));
    }
    if (pinned.size() > 1 && registry != null) {
      // Several images were used (a multi-stage build): the base is the one whose layers the image starts with.
      List<Digest> mine = image.layers().stream().map(Layer::diffId).toList();
      for (BaseCandidate c : pinned) {
        List<Digest> theirs = registry.diffIds(c.reference(), c.digest().orElseThrow(), image.platform());
        if (!theirs.isEmpty() && theirs.size() <= mine.size() && mine.subList(0, theirs.size()).equals(theirs)) {
          return Optional.of(fromCandidate(c, "provenance materials, layers confirmed by the registry", theirs.size()));
        }
      }
    }
    return Optional.empty();
  }

  private static Base fromCandidate(BaseCandidate c, String source, int confirmedLayers) {
    return new Base(c.reference().toString(), c.digest().map(Digest::toString), source, Optional.of(c),
        confirmedLayers);
  }

  private static boolean approves(String pattern, Base b) {
    Pattern p = Pattern.compile(pattern);
    return p.matcher(b.name()).matches()
        || b.candidate().map(c -> p.matcher(c.reference().registry() + "/" + c.reference().repository()).matches())
            .orElse(false);
  }

  /** Flags a base whose tag now points elsewhere; needs the base's name with a tag and the recorded digest. */
  private static void outdated(BaseRegistry registry, Base b, Map<String, Object> facts, List<Finding> findings)
      throws IOException {
    DockerReference ref;
    try {
      ref = DockerReference.parse(b.name());
    } catch (IllegalArgumentException e) {
      facts.put("baseTagCheck", "skipped: " + b.name() + " is not a registry reference");
      return;
    }
    Optional<Digest> recorded = b.digest().filter(Digest::isValid).map(Digest::parse).or(ref::digest);
    if (recorded.isEmpty()) {
      facts.put("baseTagCheck", "skipped: no digest recorded for " + b.name());
      return;
    }
    DockerReference tagged = ref.withTag(ref.tag().orElse("latest"));
    Optional<BaseRegistry.TagState> state = registry.tag(tagged, recorded.get());
    if (state.isEmpty()) {
      facts.put("baseTagCheck", tagged + " no longer exists");
      return;
    }
    facts.put("baseTagDigest", state.get().current().toString());
    if (state.get().stillPoints()) {
      facts.put("baseTagCheck", "current: " + tagged + " still names " + recorded.get());
      return;
    }
    facts.put("baseTagCheck", "outdated: " + tagged + " now names " + state.get().current());
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("base", tagged.toString());
    ev.put("builtOn", recorded.get().toString());
    ev.put("tagNow", state.get().current().toString());
    findings.add(new Finding("provenance.outdated-base", ID, Severity.MEDIUM, "base image " + tagged
        + " now points to " + state.get().current() + ", but the image was built on " + recorded.get()
        + ": rebuild it on the current base", Optional.empty(), Optional.empty(), ev));
  }

  private static int compare(Image image, String ref, List<Finding> findings, Map<String, Object> facts)
      throws IOException {
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
        return 0;
      }
      facts.put("baseImage", ref + "@" + b.descriptor().digest());
      return i;
    }
  }

  /**
   * Splits the layers by the build window of the provenance: steps created before the build started are
   * the base's. Only when that gives a clean split: some before, some during, none before after one
   * during (reproducible builds that clamp every time to one value do not qualify).
   */
  private static Optional<Integer> byBuildWindow(List<HistoryEntry> history, Instant started) {
    if (history.isEmpty()) {
      return Optional.empty();
    }
    int base = 0;
    boolean inBuild = false;
    for (HistoryEntry h : history) {
      if (h.created().isEmpty()) {
        return Optional.empty();
      }
      boolean before = h.created().get().isBefore(started);
      if (before && inBuild) {
        return Optional.empty();
      }
      if (before) {
        base++;
      } else {
        inBuild = true;
      }
    }
    return base > 0 && inBuild ? Optional.of(base) : Optional.empty();
  }

  private static RegistryOptions registryOptions(Map<String, Object> opts) {
    RegistryOptions.Builder b = RegistryOptions.builder();
    for (String r : strings(opts.get("insecureRegistries"))) {
      b.insecureRegistry(r);
    }
    return b.build();
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
