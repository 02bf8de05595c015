package io.imagecheck.cache;

import io.imagecheck.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A content-addressed store of per-layer scan results in a directory the caller chooses: with it, a
 * scan reads only the layers it has not seen before (see {@code Scanner.withCache}).
 *
 * <pre>{@code
 * LayerCache cache = LayerCache.open(Path.of(System.getProperty("user.home"), ".cache", "imagecheck"));
 * Report report = Scanner.with(Policies.hardened()).withCache(cache).scan(source, image);
 * }</pre>
 *
 * <p><b>Keys.</b> The scanner derives each key (64 hex digits) from the layer's blob digest and diff_id,
 * the imagecheck version, the cache format, the content the inspectors need (captures, visitors and
 * their {@link CacheableVisitor#cacheVersion() versions}) and the read limits, so a different inspector
 * set or version never sees another's entries. The blob digest is part of the key, not just the diff_id:
 * a hit skips reading the layer, and with it the check that this blob really decompresses to that
 * diff_id, so only a pair of digests that was verified when the entry was written may hit.
 *
 * <p><b>Files.</b> Entries live under {@code DIR/imagecheck-layer-cache-v1/XX/KEY} (XX: the key's
 * first two digits). Each is {@code "ICLC"}, a format byte, three zero bytes, the payload length (8
 * bytes, big-endian), the payload, then the SHA-256 of everything before it. Nothing is written outside
 * the directory.
 *
 * <p><b>Concurrency.</b> An entry is written to a temporary file in its own directory and renamed into
 * place atomically, so a reader (in this or another process) sees a whole entry or none; two writers
 * of the same key write the same content and the last rename wins. Eviction takes an exclusive lock on
 * {@code DIR/imagecheck-layer-cache-v1/lock} (a process that finds it taken skips evicting); an entry
 * deleted while another process reads it is a miss there.
 *
 * <p><b>Bounds.</b> When the entries pass {@link #maxBytes()}, the least recently used ones are deleted
 * (a hit touches its file's modification time) until they take at most 90% of it; an entry larger
 * than the bound is not stored. <b>Damage.</b> An entry whose length or checksum is wrong is logged,
 * deleted and treated as a miss.
 *
 * <p>Thread-safe; several instances and processes may share one directory.
 */
public final class LayerCache {

  /** The default bound on the entries' total size: 2 GiB. */
  public static final long DEFAULT_MAX_BYTES = 2L << 30;

  private static final System.Logger LOG = System.getLogger(LayerCache.class.getName());
  private static final String LAYOUT = "imagecheck-layer-cache-v1";
  private static final byte[] MAGIC = {'I', 'C', 'L', 'C'};
  private static final int FORMAT = 1;
  private static final int HEADER = 16;
  private static final int TRAILER = 32;
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
  private static final String TEMP_PREFIX = ".tmp-";
  private static final Duration STALE_TEMP = Duration.ofHours(1);

  private final Path root;
  private final long maxBytes;
  private final AtomicLong approxBytes;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong damaged = new AtomicLong();
  private final AtomicLong evictions = new AtomicLong();

  private LayerCache(Path root, long maxBytes, long size) {
    this.root = root;
    this.maxBytes = maxBytes;
    this.approxBytes = new AtomicLong(size);
  }

  /**
   * Opens (and creates) a cache with the default size bound.
   *
   * @param dir the directory; created when missing
   * @return the cache
   * @throws IOException when the directory cannot be created or read
   */
  public static LayerCache open(Path dir) throws IOException {
    return open(dir, DEFAULT_MAX_BYTES);
  }

  /**
   * Opens (and creates) a cache.
   *
   * @param dir the directory; created when missing
   * @param maxBytes the bound on the entries' total size
   * @return the cache
   * @throws IOException when the directory cannot be created or read
   * @throws IllegalArgumentException when the bound is negative
   */
  public static LayerCache open(Path dir, long maxBytes) throws IOException {
    Objects.requireNonNull(dir, "dir");
    if (maxBytes < 0) {
      throw new IllegalArgumentException("negative cache size bound " + maxBytes);
    }
    Path root = dir.resolve(LAYOUT);
    Files.createDirectories(root);
    long size = 0;
    for (Entry e : entries(root)) {
      size += e.size();
    }
    return new LayerCache(root, maxBytes, size);
  }

  /**
   * The directory holding the entries ({@code DIR/imagecheck-layer-cache-v1}).
   *
   * @return the directory
   */
  public Path directory() {
    return root;
  }

  /**
   * The bound on the entries' total size.
   *
   * @return bytes
   */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Reads an entry.
   *
   * @param key 64 lower-case hex digits
   * @return the payload, or empty when there is no entry (or only a damaged one, which is deleted)
   * @throws IllegalArgumentException when the key is malformed
   */
  public Optional<byte[]> get(String key) {
    Path file = file(key);
    byte[] all;
    try {
      if (Files.size(file) > maxBytes + HEADER + TRAILER) {
        return damaged(file, "larger than the cache's bound");
      }
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      misses.incrementAndGet();
      return Optional.empty();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "layer cache: cannot read {0}: {1}; treated as a miss", file, e.toString());
      misses.incrementAndGet();
      return Optional.empty();
    }
    if (all.length < HEADER + TRAILER || !Arrays.equals(all, 0, 4, MAGIC, 0, 4) || all[4] != FORMAT) {
      return damaged(file, "not an entry of format " + FORMAT);
    }
    long length = ByteBuffer.wrap(all, 8, 8).getLong();
    if (length != all.length - HEADER - TRAILER) {
      return damaged(file, "length field says " + length + " bytes, the file holds " + (all.length - HEADER - TRAILER));
    }
    MessageDigest md = Digest.newMessageDigest(Digest.SHA256);
    md.update(all, 0, all.length - TRAILER);
    if (!MessageDigest.isEqual(md.digest(), Arrays.copyOfRange(all, all.length - TRAILER, all.length))) {
      return damaged(file, "checksum mismatch");
    }
    try {
      // The modification time is the entry's last use: eviction removes the least recently used.
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // evicted meanwhile, or read-only: the payload read is still good
    }
    hits.incrementAndGet();
    return Optional.of(Arrays.copyOfRange(all, HEADER, all.length - TRAILER));
  }

  private Optional<byte[]> damaged(Path file, String why) {
    LOG.log(Level.WARNING, "layer cache: entry {0} is damaged ({1}); deleting it", file, why);
    damaged.incrementAndGet();
    misses.incrementAndGet();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // another process may have replaced or removed it
    }
    return Optional.empty();
  }

  /**
   * Writes an entry, atomically, then evicts least recently used entries if the bound is passed.
   * Failures are logged, never thrown: a cache that cannot be written only makes scans slower.
   *
   * @param key 64 lower-case hex digits
   * @param payload the bytes
   * @return true when the entry was stored
   * @throws IllegalArgumentException when the key is malformed
   */
  public boolean put(String key, byte[] payload) {
    Path file = file(key);
    long size = (long) HEADER + payload.length + TRAILER;
    if (size > maxBytes) {
      LOG.log(Level.DEBUG, "layer cache: entry {0} of {1} bytes is larger than the bound; not stored", key, size);
      return false;
    }
    Path temp = null;
    try {
      Files.createDirectories(file.getParent());
      temp = Files.createTempFile(file.getParent(), TEMP_PREFIX, ".part");
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      header.put(MAGIC).put((byte) FORMAT).put(new byte[3]).putLong(payload.length);
      MessageDigest md = Digest.newMessageDigest(Digest.SHA256);
      md.update(header.array());
      md.update(payload);
      try (OutputStream out = Files.newOutputStream(temp)) {
        out.write(header.array());
        out.write(payload);
        out.write(md.digest());
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        LOG.log(Level.WARNING, "layer cache: {0} does not support atomic renames; entry not stored", root);
        return false;
      }
      temp = null;
      writes.incrementAndGet();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "layer cache: cannot write {0}: {1}", file, e.toString());
      return false;
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // left for the stale-temporary sweep
        }
      }
    }
    if (approxBytes.addAndGet(size) > maxBytes) {
      evict();
    }
    return true;
  }

  /**
   * The entries' total size on disk now (also other processes' entries).
   *
   * @return bytes
   * @throws IOException when the directory cannot be read
   */
  public long sizeOnDisk() throws IOException {
    long size = 0;
    for (Entry e : entries(root)) {
      size += e.size();
    }
    return size;
  }

  /**
   * What this instance did so far.
   *
   * @return the counts
   */
  public Stats stats() {
    return new Stats(hits.get(), misses.get(), writes.get(), damaged.get(), evictions.get());
  }

  /**
   * Counts of one cache instance's work.
   *
   * @param hits entries found and intact
   * @param misses lookups without an intact entry
   * @param writes entries stored
   * @param damaged entries found damaged (and deleted)
   * @param evictions entries deleted to stay within the bound
   */
  public record Stats(long hits, long misses, long writes, long damaged, long evictions) {}

  /** Deletes least recently used entries down to 90% of the bound, unless another process is at it. */
  private void evict() {
    Path lockFile = root.resolve("lock");
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        return; // another instance in this JVM is evicting
      }
      if (lock == null) {
        return; // another process is evicting
      }
      try {
        List<Entry> all = entries(root);
        long total = 0;
        for (Entry e : all) {
          total += e.size();
        }
        all.sort(Comparator.comparing(Entry::lastUsed));
        long low = maxBytes / 10 * 9;
        for (Entry e : all) {
          if (total <= low) {
            break;
          }
          try {
            Files.deleteIfExists(e.path());
            total -= e.size();
            evictions.incrementAndGet();
          } catch (IOException ex) {
            // in use or gone: skip it
          }
        }
        approxBytes.set(total);
        sweepTemporaries();
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "layer cache: eviction in {0} failed: {1}", root, e.toString());
    }
  }

  /** Deletes temporary files that writers which died left behind. */
  private void sweepTemporaries() throws IOException {
    Instant old = Instant.now().minus(STALE_TEMP);
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path d : dirs) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(d, TEMP_PREFIX + "*")) {
          for (Path f : files) {
            try {
              if (Files.getLastModifiedTime(f).toInstant().isBefore(old)) {
                Files.deleteIfExists(f);
              }
            } catch (IOException e) {
              // gone meanwhile
            }
          }
        }
      }
    }
  }

  private Path file(String key) {
    Objects.requireNonNull(key, "key");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("cache key must be 64 lower-case hex digits: " + key);
    }
    return root.resolve(key.substring(0, 2)).resolve(key);
  }

  /** One stored entry. */
  private record Entry(Path path, long size, FileTime lastUsed) {}

  private static List<Entry> entries(Path root) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, p -> p.getFileName().toString().length() == 2
        && Files.isDirectory(p))) {
      for (Path d : dirs) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(d)) {
          for (Path f : files) {
            if (f.getFileName().toString().startsWith(TEMP_PREFIX)) {
              continue;
            }
            try {
              BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
              if (a.isRegularFile()) {
                out.add(new Entry(f, a.size(), a.lastModifiedTime()));
              }
            } catch (NoSuchFileException e) {
              // evicted by another process meanwhile
            }
          }
        } catch (NoSuchFileException e) {
          // removed meanwhile
        }
      }
    }
    return out;
  }
}
