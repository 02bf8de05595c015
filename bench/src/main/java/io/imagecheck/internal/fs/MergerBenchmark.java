package io.imagecheck.internal.fs;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileType;
import io.imagecheck.fs.Origin;
import io.imagecheck.image.Digest;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Merged-view insertion: {@link Merger} applying four layer scans of 25,000 entries each (a base of
 * files in nested directories, then layers that overwrite a tenth of them, delete a twentieth with
 * whiteouts, make one directory opaque and add new files), as the view builder does after the layers
 * are read. This benchmark lives in the merger's package because the merger is internal; it uses only
 * its package-private API, as the view builder does.
 *
 * <p>Not thread-safe (JMH state, one thread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MergerBenchmark {

  private static final int ENTRIES = 25_000;
  private static final int LAYERS = 4;

  private final List<LayerScan> scans = new ArrayList<>();
  private final List<Origin> origins = new ArrayList<>();

  /** Builds the scans. */
  @Setup
  public void setUp() {
    for (int l = 0; l < LAYERS; l++) {
      Digest d = Digest.sha256(("layer " + l).getBytes(StandardCharsets.UTF_8));
      Origin o = new Origin(l, LAYERS, d, d, Optional.of(l), Optional.of("RUN step " + l));
      origins.add(o);
      LayerScan s = new LayerScan(l);
      int ordinal = 0;
      if (l > 0) {
        s.entries.add(new ScannedEntry(ScannedEntry.Kind.OPAQUE, "/usr/share/d" + l, null, ordinal++));
        for (int i = l; i < ENTRIES; i += 20) {
          s.entries.add(new ScannedEntry(ScannedEntry.Kind.WHITEOUT, path(i), null, ordinal++));
        }
      }
      for (int i = 0; i < ENTRIES && ordinal < ENTRIES; i += l == 0 ? 1 : 10) {
        String p = l > 0 && i % 20 == 5 ? path(i) + ".new" + l : path(i);
        FileEntry e = FileEntry.builder(p, FileType.REGULAR).mode(0644).size(i).origin(o).build();
        s.entries.add(new ScannedEntry(ScannedEntry.Kind.ENTRY, p, e, ordinal++));
      }
      scans.add(s);
    }
  }

  private static String path(int i) {
    return "/usr/share/d" + (i % 100) + "/s" + (i % 13) + "/file-" + i;
  }

  /**
   * Merges the four layers.
   *
   * @return the merged tree's size, so the work is not eliminated
   * @throws LimitExceededException never with the default limits and these layers
   */
  @Benchmark
  public int mergeFourLayers() throws LimitExceededException {
    Merger m = new Merger(origins.get(0), new MetadataBudget("bench", ReadLimits.defaults()));
    for (int l = 0; l < LAYERS; l++) {
      m.apply(scans.get(l), origins.get(l));
    }
    return m.tree().size();
  }
}
