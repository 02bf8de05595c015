package io.imagecheck.internal.fs;

import io.imagecheck.cache.LayerCache;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.ContentVisitor;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.Origin;
import io.imagecheck.fs.Visit;
import io.imagecheck.image.HistoryEntry;
import io.imagecheck.image.Image;
import io.imagecheck.image.Layer;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link MergedFileSystem}: maps layers to history steps, scans layers in parallel (each
 * once), merges them in order, and keeps the captured bytes of the files that survive the merge.
 * With a layer cache, layers already scanned under the same needs come from the cache instead.
 *
 * <p>Thread-safe (stateless); threads are created per build and shut down before it returns.
 */
public final class ViewBuilder {

  private static final AtomicInteger POOL = new AtomicInteger();
  private static final System.Logger LOG = System.getLogger(ViewBuilder.class.getName());

  private ViewBuilder() {}

  /**
   * Builds the view.
   *
   * @param image the image
   * @param needs the content needs
   * @param limits the read limits
   * @param parallelism layers read at once
   * @return the view
   * @throws IOException when a layer fails or passes a limit (the first failure in layer order)
   */
  public static FileSystemView build(Image image, ContentNeeds needs, ReadLimits limits, int parallelism)
      throws IOException {
    return build(image, needs, limits, parallelism, null);
  }

  /**
   * Builds the view, taking the layers found in a cache from it and storing the others' scans in it.
   *
   * @param image the image
   * @param needs the content needs
   * @param limits the read limits
   * @param parallelism layers read at once
   * @param cache the layer cache, or null
   * @return the view
   * @throws IOException when a layer fails or passes a limit (the first failure in layer order)
   */
  public static FileSystemView build(Image image, ContentNeeds needs, ReadLimits limits, int parallelism,
      @Nullable LayerCache cache) throws IOException {
    List<Layer> layers = image.layers();
    Map<ContentVisitor<?>, ContentVisitor<?>> served = distinctVisitors(needs.visitors());
    List<ContentVisitor<?>> reps = new ArrayList<>();
    for (ContentVisitor<?> v : needs.visitors()) {
      if (served.get(v) == v && !reps.contains(v)) {
        reps.add(v);
      }
    }
    ContentNeeds readNeeds = new ContentNeeds(needs.captures(), reps, needs.contentDigests());
    List<String> warnings = new ArrayList<>();
    List<Origin> origins = origins(image, warnings);
    AtomicLong captureBudget = new AtomicLong(limits.captureBytes());
    AtomicLong entries = new AtomicLong();
    AtomicLong imageBytes = new AtomicLong();
    MetadataBudget metadata = new MetadataBudget(image.source(), limits);
    int pool = POOL.incrementAndGet();
    ExecutorService layerPool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, layers.size())),
        daemon("imagecheck-layer-" + pool));
    ExecutorService fanoutPool = Executors.newCachedThreadPool(daemon("imagecheck-fanout-" + pool));
    Semaphore laneBudget = readNeeds.visitors().isEmpty() ? null : VisitLane.budget(LayerScanner.SHARED_BUFFER_MAX);
    List<LayerScan> scans = new ArrayList<>(layers.size());
    try {
      List<Future<LayerScan>> futures = new ArrayList<>(layers.size());
      for (Layer layer : layers) {
        Origin o = origins.get(layer.index());
        futures.add(layerPool.submit(() -> scanLayer(image.source(), layer, o, readNeeds, limits, captureBudget,
            entries, imageBytes, metadata, fanoutPool, laneBudget, cache)));
      }
      for (Future<LayerScan> f : futures) {
        scans.add(get(f, futures));
      }
    } finally {
      layerPool.shutdownNow();
      fanoutPool.shutdownNow();
    }
    if (layers.isEmpty()) {
      warnings.add("the image has no layers: its filesystem is empty");
    }
    Origin rootOrigin = origins.isEmpty() ? null : origins.get(0);
    Merger merger = new Merger(rootOrigin != null ? rootOrigin : emptyOrigin(image), metadata);
    Map<String, byte[]> captured = new LinkedHashMap<>();
    Map<ContentVisitor<?>, List<Visit<?>>> visits = new IdentityHashMap<>();
    Map<ContentVisitor<?>, String> visitorErrors = new IdentityHashMap<>();
    for (LayerScan s : scans) {
      merger.apply(s, origins.get(s.layerIndex));
      warnings.addAll(s.warnings);
      s.visits.forEach((v, list) -> visits.computeIfAbsent(v, k -> new ArrayList<>()).addAll(list));
      s.visitorErrors.forEach(visitorErrors::putIfAbsent);
    }
    warnings.addAll(merger.warnings());
    // Visitors equal to one that was served share its results (and its error).
    served.forEach((v, rep) -> {
      if (v != rep) {
        List<Visit<?>> list = visits.get(rep);
        if (list != null) {
          visits.put(v, list);
        }
        String error = visitorErrors.get(rep);
        if (error != null) {
          visitorErrors.put(v, error);
        }
      }
    });
    // Keep the bytes of captured files that are still in the final tree, from the layer that wrote them.
    for (LayerScan s : scans) {
      s.captured.forEach((path, bytes) -> {
        Node n = merger.tree().get(path);
        if (n != null && n.entry().isRegularFile() && n.entry().origin().layerIndex() == s.layerIndex) {
          captured.put(path, bytes);
        }
      });
    }
    MergedFileSystem fs = new MergedFileSystem(image, merger.tree(), captured, visits, visitorErrors,
        merger.changes(), warnings, limits);
    fs.registerVisitors(needs.visitors());
    return fs;
  }

  /** Scans one layer, or takes its scan from the cache (and stores a fresh scan there). */
  private static LayerScan scanLayer(String source, Layer layer, Origin origin, ContentNeeds needs, ReadLimits limits,
      AtomicLong captureBudget, AtomicLong entries, AtomicLong imageBytes, MetadataBudget metadata,
      ExecutorService fanoutPool, @Nullable Semaphore laneBudget, @Nullable LayerCache cache) throws IOException {
    if (cache == null) {
      return new LayerScanner(source, layer, origin, needs, limits, captureBudget, entries, imageBytes, metadata,
          fanoutPool, laneBudget, false).scan();
    }
    String key = LayerScanCodec.key(layer, needs, limits);
    String name = LayerScanner.layerName(origin, layer);
    Optional<byte[]> hit = cache.get(key);
    if (hit.isPresent()) {
      LayerScan s = null;
      try {
        s = LayerScanCodec.decode(hit.get(), layer.index(), origin, needs, name);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "{0}: layer cache entry {1} for {2} cannot be read back ({3}); reading the layer",
            source, key, name, e.getMessage());
      }
      if (s != null) {
        LOG.log(Level.DEBUG, "{0}: {1} taken from the layer cache", source, name);
        charge(source, name, s, limits, captureBudget, entries, imageBytes, metadata);
        return s;
      }
    }
    LayerScan s = new LayerScanner(source, layer, origin, needs, limits, captureBudget, entries, imageBytes,
        metadata, fanoutPool, laneBudget, true).scan();
    if (s.uncacheable == null) {
      byte[] payload = LayerScanCodec.encode(s, needs, name);
      if (payload != null) {
        cache.put(key, payload);
      }
    } else {
      LOG.log(Level.DEBUG, "{0}: {1} not cached: {2}", source, name, s.uncacheable);
    }
    s.replay = null;
    s.visitOrdinals.clear();
    return s;
  }

  /** Counts a cached layer against the image-wide limits, as reading it would have. */
  private static void charge(String source, String name, LayerScan s, ReadLimits limits, AtomicLong captureBudget,
      AtomicLong entries, AtomicLong imageBytes, MetadataBudget metadata) throws LimitExceededException {
    if (imageBytes.addAndGet(s.uncompressedBytes) > limits.imageBytes()) {
      throw new LimitExceededException(source, name + " uncompressed content (all layers: more than "
          + limits.imageBytes() + " bytes)", "image-bytes", limits.imageBytes());
    }
    if (entries.addAndGet(s.tarEntries) > limits.entriesPerImage()) {
      throw new LimitExceededException(source, "image with more than " + limits.entriesPerImage() + " entries",
          "entries-per-image", limits.entriesPerImage());
    }
    for (ScannedEntry e : s.entries) {
      metadata.charge(e);
    }
    for (Map.Entry<String, byte[]> c : s.captured.entrySet()) {
      if (captureBudget.addAndGet(-c.getValue().length) < 0) {
        throw new LimitExceededException(source, "captured file content (at " + c.getKey() + ")", "capture-bytes",
            limits.captureBytes());
      }
    }
  }

  /**
   * Maps each visitor to the one that is served for it: the first visitor equal to it (by
   * {@code equals}). Stateless visitors of the same kind, such as the multi-call binary detector that
   * three inspectors declare, then read each file once instead of once each. The same instance listed
   * twice is served once too.
   */
  static Map<ContentVisitor<?>, ContentVisitor<?>> distinctVisitors(List<ContentVisitor<?>> visitors) {
    Map<ContentVisitor<?>, ContentVisitor<?>> out = new IdentityHashMap<>();
    List<ContentVisitor<?>> reps = new ArrayList<>();
    for (ContentVisitor<?> v : visitors) {
      ContentVisitor<?> rep = null;
      for (ContentVisitor<?> r : reps) {
        if (r == v || r.equals(v)) {
          rep = r;
          break;
        }
      }
      if (rep == null) {
        reps.add(v);
        rep = v;
      }
      out.put(v, rep);
    }
    return out;
  }

  private static LayerScan get(Future<LayerScan> f, List<Future<LayerScan>> all) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      all.forEach(x -> x.cancel(true));
      throw new IOException("interrupted while reading layers", e);
    } catch (ExecutionException e) {
      all.forEach(x -> x.cancel(true));
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IOException(c);
    }
  }

  /**
   * The origin of each layer: non-empty history entries map to layers in order (as docker does); when
   * the counts disagree, a warning says so and unmatched layers have no history step.
   */
  static List<Origin> origins(Image image, List<String> warnings) {
    List<Layer> layers = image.layers();
    List<HistoryEntry> history = image.config().history();
    List<Integer> nonEmpty = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      if (!history.get(i).emptyLayer()) {
        nonEmpty.add(i);
      }
    }
    if (!history.isEmpty() && nonEmpty.size() != layers.size()) {
      warnings.add("the config's history has " + nonEmpty.size() + " layer-producing steps for " + layers.size()
          + " layers; layers without a matching step have no history");
    }
    List<Origin> out = new ArrayList<>(layers.size());
    for (Layer l : layers) {
      int i = l.index();
      Optional<Integer> h = i < nonEmpty.size() ? Optional.of(nonEmpty.get(i)) : Optional.empty();
      out.add(new Origin(i, layers.size(), l.digest(), l.diffId(), h,
          h.map(x -> history.get(x).createdBy()).filter(s -> !s.isEmpty())));
    }
    return out;
  }

  private static Origin emptyOrigin(Image image) {
    return new Origin(0, 1, image.descriptor().digest(), image.descriptor().digest(), Optional.empty(),
        Optional.empty());
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
