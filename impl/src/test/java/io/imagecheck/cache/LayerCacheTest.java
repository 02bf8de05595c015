package io.imagecheck.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link LayerCache}: round trips, damage, eviction, concurrent processes. */
class LayerCacheTest {

  @TempDir Path dir;

  static String key(String name) {
    return Digest.sha256(name.getBytes(StandardCharsets.UTF_8)).hex();
  }

  @Test
  void should_return_what_was_put_and_count_the_hit() throws IOException {
    // GIVEN
    LayerCache cache = LayerCache.open(dir);
    byte[] payload = "layer scan".getBytes(StandardCharsets.UTF_8);
    // WHEN
    boolean stored = cache.put(key("a"), payload);
    // THEN
    assertThat(stored).isTrue();
    assertThat(cache.get(key("a"))).hasValueSatisfying(b -> assertThat(b).isEqualTo(payload));
    assertThat(cache.get(key("b"))).isEmpty();
    assertThat(cache.stats()).isEqualTo(new LayerCache.Stats(1, 1, 1, 0, 0));
    assertThat(Files.exists(dir.resolve("imagecheck-layer-cache-v1").resolve(key("a").substring(0, 2))
        .resolve(key("a")))).isTrue();
  }

  @Test
  void should_treat_an_entry_with_a_flipped_byte_as_a_miss_and_delete_it() throws IOException {
    // GIVEN an entry whose payload was changed on disk
    LayerCache cache = LayerCache.open(dir);
    cache.put(key("a"), new byte[1000]);
    Path file = entry(key("a"));
    byte[] raw = Files.readAllBytes(file);
    raw[500] ^= 1;
    Files.write(file, raw);
    // WHEN
    var result = cache.get(key("a"));
    // THEN
    assertThat(result).isEmpty();
    assertThat(file).doesNotExist();
    assertThat(cache.stats().damaged()).isEqualTo(1);
  }

  @Test
  void should_treat_a_truncated_entry_as_a_miss() throws IOException {
    // GIVEN an entry cut short (a crash after the rename of an unflushed file)
    LayerCache cache = LayerCache.open(dir);
    cache.put(key("a"), new byte[1000]);
    Path file = entry(key("a"));
    byte[] raw = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(raw, 600));
    // WHEN / THEN
    assertThat(cache.get(key("a"))).isEmpty();
    assertThat(cache.stats().damaged()).isEqualTo(1);
  }

  @Test
  void should_evict_the_least_recently_used_entries_down_to_90_percent_of_the_bound() throws IOException {
    // GIVEN a 10 KB bound and four entries of about 3 KB, "a" used most recently
    LayerCache cache = LayerCache.open(dir, 10_000);
    for (String k : List.of("a", "b", "c")) {
      cache.put(key(k), new byte[3000]);
    }
    setLastUsed("a", 400);
    setLastUsed("b", 100);
    setLastUsed("c", 200);
    // WHEN a fourth entry passes the bound
    cache.put(key("d"), new byte[3000]);
    // THEN the oldest go ("b", then "c": 12,192 bytes minus one entry is still over 9,000) and the most
    // recently used stay
    assertThat(cache.get(key("b"))).isEmpty();
    assertThat(cache.get(key("c"))).isEmpty();
    assertThat(cache.get(key("a"))).isPresent();
    assertThat(cache.get(key("d"))).isPresent();
    assertThat(cache.sizeOnDisk()).isEqualTo(2 * (3000 + 16 + 32));
    assertThat(cache.stats().evictions()).isEqualTo(2);
  }

  @Test
  void should_make_a_hit_the_most_recently_used_entry() throws IOException {
    // GIVEN "a" is older than "b", then read
    LayerCache cache = LayerCache.open(dir, 7_000);
    cache.put(key("a"), new byte[3000]);
    cache.put(key("b"), new byte[3000]);
    setLastUsed("a", 100);
    setLastUsed("b", 200);
    cache.get(key("a"));
    // WHEN
    cache.put(key("c"), new byte[3000]);
    // THEN the least recently used is now "b"
    assertThat(cache.get(key("a"))).isPresent();
    assertThat(cache.get(key("b"))).isEmpty();
  }

  @Test
  void should_not_store_an_entry_larger_than_the_bound() throws IOException {
    // GIVEN
    LayerCache cache = LayerCache.open(dir, 1000);
    // WHEN
    boolean stored = cache.put(key("a"), new byte[2000]);
    // THEN
    assertThat(stored).isFalse();
    assertThat(cache.sizeOnDisk()).isZero();
  }

  @Test
  void should_reject_a_key_that_is_not_64_hex_digits() throws IOException {
    // GIVEN
    LayerCache cache = LayerCache.open(dir);
    // WHEN / THEN
    assertThatThrownBy(() -> cache.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cache key must be 64 lower-case hex digits: ../../etc/passwd");
  }

  @Test
  void should_keep_every_entry_whole_when_processes_write_and_read_the_same_keys_at_once() throws Exception {
    // GIVEN two other JVMs and this one writing and reading the same 20 keys, each key's content derived
    // from the key, with a bound small enough that eviction runs all the time
    List<Process> others = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      others.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), CacheHammer.class.getName(), dir.toString(), "300")
          .redirectErrorStream(true).redirectOutput(dir.resolve("hammer-" + i + ".log").toFile()).start());
    }
    // WHEN
    CacheHammer.Result mine = CacheHammer.hammer(dir, 300);
    for (Process p : others) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(dir.resolve("hammer-" + others.indexOf(p) + ".log")))
          .isZero();
    }
    // THEN no reader ever saw a wrong or damaged entry, and no temporary file is left
    assertThat(mine.wrong()).isZero();
    assertThat(mine.hits()).isPositive();
    LayerCache cache = LayerCache.open(dir, CacheHammer.BOUND);
    assertThat(cache.stats().damaged()).isZero();
    try (Stream<Path> files = Files.walk(cache.directory())) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList()).isEmpty();
    }
    for (int k = 0; k < CacheHammer.KEYS; k++) {
      var v = cache.get(CacheHammer.key(k));
      if (v.isPresent()) {
        assertThat(v.get()).isEqualTo(CacheHammer.payload(k));
      }
    }
    assertThat(cache.stats().damaged()).isZero();
  }

  private Path entry(String key) {
    return dir.resolve("imagecheck-layer-cache-v1").resolve(key.substring(0, 2)).resolve(key);
  }

  private void setLastUsed(String name, long epochSecond) throws IOException {
    Files.setLastModifiedTime(entry(key(name)), FileTime.from(Instant.ofEpochSecond(epochSecond)));
  }
}
