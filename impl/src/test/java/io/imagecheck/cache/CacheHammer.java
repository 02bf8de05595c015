package io.imagecheck.cache;

import io.imagecheck.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Writes and reads a small set of keys in a cache directory, checking every payload it reads; run in
 * several processes at once by {@link LayerCacheTest}. Exits 1 when it read a wrong payload.
 */
final class CacheHammer {

  static final int KEYS = 20;
  static final long BOUND = 200_000;

  record Result(int hits, int wrong) {}

  private CacheHammer() {}

  static String key(int k) {
    return Digest.sha256(("hammer " + k).getBytes(StandardCharsets.UTF_8)).hex();
  }

  /** About 10-40 KB, derived from the key so any reader can check it. */
  static byte[] payload(int k) {
    byte[] b = new byte[10_000 + k * 1500];
    Arrays.fill(b, (byte) k);
    b[0] = (byte) (k * 7);
    return b;
  }

  static Result hammer(Path dir, int rounds) throws IOException {
    LayerCache cache = LayerCache.open(dir, BOUND);
    Random random = new Random();
    int hits = 0;
    int wrong = 0;
    for (int i = 0; i < rounds; i++) {
      int k = random.nextInt(KEYS);
      if (random.nextBoolean()) {
        cache.put(key(k), payload(k));
      } else {
        var v = cache.get(key(k));
        if (v.isPresent()) {
          hits++;
          if (!Arrays.equals(v.get(), payload(k))) {
            wrong++;
          }
        }
      }
    }
    if (cache.stats().damaged() > 0) {
      wrong += (int) cache.stats().damaged();
    }
    return new Result(hits, wrong);
  }

  public static void main(String[] args) throws IOException {
    Result r = hammer(Path.of(args[0]), Integer.parseInt(args[1]));
    if (r.wrong() > 0) {
      throw new IllegalStateException(r.wrong() + " wrong payloads read");
    }
  }
}
