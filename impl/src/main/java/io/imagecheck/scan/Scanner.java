package io.imagecheck.scan;

import io.imagecheck.cache.LayerCache;
import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.filesystems.ViewOptions;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.ContentVisitor;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.Origin;
import io.imagecheck.image.HistoryEntry;
import io.imagecheck.image.Image;
import io.imagecheck.image.Layer;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.inspectors.Inspectors;
import io.imagecheck.policy.Policy;
import io.imagecheck.policy.Waiver;
import io.imagecheck.report.ImageIdentity;
import io.imagecheck.report.LayerInfo;
import io.imagecheck.report.Report;
import io.imagecheck.report.Summary;
import io.imagecheck.report.Verdict;
import io.imagecheck.report.WaivedFinding;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ImageSource;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scans images under a policy.
 *
 * <pre>{@code
 * try (ImageSource source = ImageSources.open("oci-archive:app.tar")) {
 *   Report report = Scanner.with(Policies.hardened()).scan(source.image());
 * }
 * }</pre>
 *
 * <p>One scan reads each layer exactly once: the selected inspectors' content needs are combined and
 * served while the merged view is built; then the inspectors run concurrently on that view. An
 * inspector that throws (or whose content visitor failed) becomes an {@code ERROR} result and the
 * verdict {@code INCOMPLETE}; the others still run. A read limit hit while building the view also makes
 * the scan {@code INCOMPLETE} (every inspector ERROR, naming the limit) rather than throwing; so does a scan
 * in which no inspector runs at all (a note says so). Other read
 * failures (a digest mismatch, a malformed layer) are thrown: there is no image to report on.
 *
 * <p>Immutable and thread-safe: one scanner can scan many images concurrently.
 */
public final class Scanner {

  private static final System.Logger LOG = System.getLogger(Scanner.class.getName());
  private static final AtomicInteger POOL = new AtomicInteger();

  private final Policy policy;
  private final List<Inspector> inspectors;
  private final ViewOptions viewOptions;
  private final Clock clock;
  private final @org.jspecify.annotations.Nullable LayerCache cache;

  private Scanner(Policy policy, List<Inspector> inspectors, ViewOptions viewOptions, Clock clock,
      @org.jspecify.annotations.Nullable LayerCache cache) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.inspectors = List.copyOf(inspectors);
    this.viewOptions = Objects.requireNonNull(viewOptions, "viewOptions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cache = cache;
    Set<String> ids = new LinkedHashSet<>();
    for (Inspector i : this.inspectors) {
      if (!ids.add(i.id())) {
        throw new IllegalArgumentException("two inspectors have the id " + i.id());
      }
    }
    for (String wanted : policy.inspectors()) {
      if (!ids.contains(wanted)) {
        throw new IllegalArgumentException("policy " + policy.name() + " selects unknown inspector \"" + wanted
            + "\"; known: " + String.join(", ", ids));
      }
    }
  }

  /**
   * A scanner with the built-in inspectors.
   *
   * @param policy the policy
   * @return the scanner
   * @throws IllegalArgumentException when the policy selects an unknown inspector
   */
  public static Scanner with(Policy policy) {
    return new Scanner(policy, Inspectors.builtIn(), ViewOptions.defaults(), Clock.systemUTC(), null);
  }

  /**
   * A scanner with given inspectors.
   *
   * @param policy the policy
   * @param inspectors the available inspectors (the policy selects among them)
   * @return the scanner
   * @throws IllegalArgumentException when ids collide or the policy selects an unknown inspector
   */
  public static Scanner with(Policy policy, List<Inspector> inspectors) {
    return new Scanner(policy, inspectors, ViewOptions.defaults(), Clock.systemUTC(), null);
  }

  /**
   * The same scanner with other view options (read limits, parallelism).
   *
   * @param options the options
   * @return a new scanner
   */
  public Scanner withViewOptions(ViewOptions options) {
    return new Scanner(policy, inspectors, options, clock, cache);
  }

  /**
   * The same scanner with another clock (waiver expiry is judged on the clock's date, UTC).
   *
   * @param newClock the clock
   * @return a new scanner
   */
  public Scanner withClock(Clock newClock) {
    return new Scanner(policy, inspectors, viewOptions, newClock, cache);
  }

  /**
   * The same scanner with a layer cache: layers scanned before under the same inspectors (and
   * versions) are taken from the cache instead of being read, and the others' scans are stored in it.
   * Scanning an image that shares its base layers with one scanned before then reads only its own
   * layers. Off by default; see {@link LayerCache} for what is stored, where and how it is bounded.
   *
   * @param layerCache the cache
   * @return a new scanner
   */
  public Scanner withCache(LayerCache layerCache) {
    return new Scanner(policy, inspectors, viewOptions, clock, Objects.requireNonNull(layerCache, "layerCache"));
  }

  /**
   * The policy.
   *
   * @return the policy
   */
  public Policy policy() {
    return policy;
  }

  /**
   * The available inspectors.
   *
   * @return the inspectors
   */
  public List<Inspector> inspectors() {
    return inspectors;
  }

  /**
   * Scans an image.
   *
   * @param image the image
   * @return the report
   * @throws IOException when the image cannot be read (a read limit gives an INCOMPLETE report instead)
   */
  public Report scan(Image image) throws IOException {
    return scan(image, null);
  }

  /**
   * Scans an image read from a source; inspectors that look beyond the image (signatures and
   * attestations) also see the source.
   *
   * @param source the opened source
   * @param image an image of that source
   * @return the report
   * @throws IOException when the image cannot be read
   */
  public Report scan(ImageSource source, Image image) throws IOException {
    return scan(image, java.util.Objects.requireNonNull(source, "source"));
  }

  private Report scan(Image image, @org.jspecify.annotations.Nullable ImageSource source) throws IOException {
    List<Inspector> selected = inspectors.stream().filter(i -> policy.runs(i.id())).toList();
    List<ContentNeeds> needs = new ArrayList<>();
    for (Inspector i : selected) {
      needs.add(i.contentNeeds());
    }
    List<String> notes = new ArrayList<>();
    List<InspectorResult> raw = new ArrayList<>();
    FileSystemView fs = null;
    try {
      ContentNeeds all = ContentNeeds.combine(needs);
      fs = cache == null ? FileSystemViews.read(image, all, viewOptions)
          : FileSystemViews.read(image, all, viewOptions, cache);
      notes.addAll(fs.warnings());
    } catch (LimitExceededException e) {
      notes.add("read limit hit: " + e.getMessage());
      for (Inspector i : selected) {
        raw.add(InspectorResult.error(i.id(), "not run: " + e.problem()));
      }
    }
    if (fs != null) {
      raw.addAll(run(image, fs, selected, source));
    }
    return assemble(image, raw, selected, notes);
  }

  private List<InspectorResult> run(Image image, FileSystemView fs, List<Inspector> selected,
      @org.jspecify.annotations.Nullable ImageSource source) throws IOException {
    int threads = Math.max(1, Math.min(selected.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "imagecheck-inspect-" + POOL.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<InspectorResult>> futures = new ArrayList<>();
      for (Inspector i : selected) {
        InspectionContext ctx = new ScanContext(image, fs, policy.optionsFor(i.id()), Optional.ofNullable(source));
        futures.add(pool.submit(() -> runOne(i, ctx, fs)));
      }
      List<InspectorResult> out = new ArrayList<>();
      for (Future<InspectorResult> f : futures) {
        try {
          out.add(f.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while inspecting", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("inspector runner failed", e.getCause());
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static InspectorResult runOne(Inspector i, InspectionContext ctx, FileSystemView fs) {
    for (ContentVisitor<?> v : i.contentNeeds().visitors()) {
      Optional<String> err = fs.visitorError(v);
      if (err.isPresent()) {
        return InspectorResult.error(i.id(), "content visitor " + v.name() + " failed: " + err.get());
      }
    }
    try {
      InspectorResult r = i.inspect(ctx);
      if (!r.inspector().equals(i.id())) {
        return InspectorResult.error(i.id(), "returned a result for another inspector: " + r.inspector());
      }
      return r;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "inspector {0} failed: {1}", i.id(), e.toString());
      LOG.log(Level.DEBUG, "inspector " + i.id() + " failed", e);
      return InspectorResult.error(i.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (StackOverflowError | OutOfMemoryError e) {
      // A pathological input in one inspector must not take the scan down; the JVM can go on.
      return InspectorResult.error(i.id(), e.getClass().getSimpleName() + " while inspecting");
    }
  }

  private Report assemble(Image image, List<InspectorResult> raw, List<Inspector> selected, List<String> notes) {
    LocalDate today = LocalDate.now(clock);
    List<InspectorResult> results = new ArrayList<>();
    List<WaivedFinding> waived = new ArrayList<>();
    Set<Waiver> expiredNoted = new LinkedHashSet<>();
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    int run = 0;
    int failed = 0;
    int errored = 0;
    int skipped = 0;
    for (InspectorResult r : raw) {
      if (r.status() == InspectorResult.Status.ERROR) {
        results.add(r);
        errored++;
        continue;
      }
      List<Finding> effective = new ArrayList<>();
      for (Finding f : r.findings()) {
        if (policy.disabled(f.ruleId())) {
          continue;
        }
        Finding rated = f.withSeverity(policy.severityOf(f));
        Waiver w = waiverFor(rated, today, expiredNoted, notes);
        if (w != null) {
          waived.add(new WaivedFinding(rated, w));
        } else {
          effective.add(rated);
          counts.merge(rated.severity(), 1, Integer::sum);
        }
      }
      boolean fails = effective.stream().anyMatch(f -> f.severity().atLeast(policy.failOn()));
      results.add(new InspectorResult(r.inspector(), fails ? InspectorResult.Status.FAIL : InspectorResult.Status.PASS,
          r.facts(), effective, Optional.empty()));
      run++;
      if (fails) {
        failed++;
      }
    }
    Set<String> selectedIds = new LinkedHashSet<>();
    selected.forEach(i -> selectedIds.add(i.id()));
    for (Inspector i : inspectors) {
      if (!selectedIds.contains(i.id())) {
        results.add(InspectorResult.skipped(i.id(), "not selected by policy " + policy.name()));
        skipped++;
      }
    }
    if (selected.isEmpty()) {
      // Nothing looked at the image, so nothing can vouch for it: an empty scan must not pass.
      notes.add("no inspector ran: the scanner has no inspectors");
    }
    Verdict verdict = errored > 0 || selected.isEmpty() ? Verdict.INCOMPLETE
        : failed > 0 ? Verdict.FAIL : Verdict.PASS;
    return new Report(Report.SCHEMA_VERSION, ToolVersion.get(), identity(image), policy, results, waived, notes,
        new Summary(counts, waived.size(), run, failed, errored, skipped), verdict);
  }

  private @org.jspecify.annotations.Nullable Waiver waiverFor(Finding f, LocalDate today, Set<Waiver> expiredNoted, List<String> notes) {
    for (Waiver w : policy.waivers()) {
      if (w.matches(f)) {
        if (w.isExpired(today)) {
          if (expiredNoted.add(w)) {
            notes.add("waiver for " + w.rule() + w.path().map(p -> " at " + p).orElse("") + " expired on "
                + w.expires().orElseThrow() + " and no longer applies (reason was: " + w.reason() + ")");
          }
          continue;
        }
        return w;
      }
    }
    return null;
  }

  /**
   * Describes an image for a report: digests, platform and each layer with its history step.
   *
   * @param image the image
   * @return the identity
   */
  public static ImageIdentity identity(Image image) {
    List<HistoryEntry> history = image.config().history();
    List<Integer> nonEmpty = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      if (!history.get(i).emptyLayer()) {
        nonEmpty.add(i);
      }
    }
    List<LayerInfo> layers = new ArrayList<>();
    for (Layer l : image.layers()) {
      Optional<Integer> h = l.index() < nonEmpty.size() ? Optional.of(nonEmpty.get(l.index())) : Optional.empty();
      layers.add(new LayerInfo(l.index(), l.digest(), l.diffId(), l.mediaType(), l.size(), h,
          h.map(x -> history.get(x).createdBy()).filter(s -> !s.isEmpty())));
    }
    return new ImageIdentity(image.source(), image.descriptor().digest(), image.manifestSynthesized(),
        image.parentIndex().map(d -> d.digest()), image.manifest().config().digest(), image.platform(), layers);
  }

  /**
   * The origin of each layer, as the merged view computes it (for callers that report on layers
   * without building a view).
   *
   * @param image the image
   * @return one origin per layer
   */
  public static List<Origin> origins(Image image) {
    List<Origin> out = new ArrayList<>();
    for (LayerInfo l : identity(image).layers()) {
      out.add(new Origin(l.index(), image.layers().size(), l.digest(), l.diffId(), l.historyIndex(), l.createdBy()));
    }
    return out;
  }
}
