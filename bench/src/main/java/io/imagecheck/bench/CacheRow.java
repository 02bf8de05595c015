package io.imagecheck.bench;

import io.imagecheck.cache.LayerCache;
import io.imagecheck.image.Image;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Target 7: scanning a second image that shares its (big) base layer with an image scanned before into
 * the cache, against scanning it without the cache. Every repetition starts from a new cache directory
 * holding only the first image's layers, so the second image's own top layer is always a miss.
 *
 * <p>Thread-safe (stateless).
 */
final class CacheRow {

  private CacheRow() {}

  static Row measure(Harness h, BenchData d) throws Exception {
    Scanner plain = h.scanner();
    Path root = h.options().data().resolve("cache-runs");
    Harness.deleteTree(root);
    Files.createDirectories(root);
    String a = "oci:" + d.cacheA;
    String b = "oci:" + d.cacheB;
    for (int i = 0; i < h.options().warmup(); i++) {
      scan(plain, b);
      Scanner cached = plain.withCache(LayerCache.open(root.resolve("warm-" + i)));
      scan(cached, a);
      scan(cached, b);
    }
    Samples without = new Samples();
    Samples with = new Samples();
    long entryBytes = 0;
    for (int r = 0; r < h.options().reps(); r++) {
      LayerCache cache = LayerCache.open(root.resolve("rep-" + r));
      Scanner cached = plain.withCache(cache);
      scan(cached, a);
      entryBytes = cache.sizeOnDisk();
      without.add(Harness.time(() -> scan(plain, b)));
      with.add(Harness.time(() -> scan(cached, b)));
    }
    Harness.deleteTree(root);
    return new Row("7", "library scan of image B with the cache holding image A (same base layer)",
        "scan of image B without the cache", without, with, "s", Row.Goal.speedupOfAtLeast(5),
        String.format(java.util.Locale.ROOT, "ratio = speed-up; A's cache entries: %.1f MB for a %.0f MB base layer",
            entryBytes / 1e6, d.bigGz.tarSize() / 1e6));
  }

  private static void scan(Scanner scanner, String ref) throws IOException {
    try (ImageSource s = ImageSources.open(ref)) {
      Image img = s.image();
      scanner.scan(s, img);
    }
  }
}
