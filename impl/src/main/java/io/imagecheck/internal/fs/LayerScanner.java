package io.imagecheck.internal.fs;

import io.imagecheck.fs.Capture;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.ContentVisitor;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileType;
import io.imagecheck.fs.ImagePaths;
import io.imagecheck.fs.Origin;
import io.imagecheck.fs.Visit;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Layer;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageSourceException;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads one layer in a single streaming pass: every tar header becomes a {@link ScannedEntry}, and
 * regular files that a capture, a visitor or the content-digest option wants are read once and
 * handed to all of them. Content nobody wants is skipped by reading in 64 KiB chunks (faster than
 * commons-compress' own skip). At the end the rest of the stream is drained, so the layer's diff_id
 * and blob digest are always checked.
 *
 * <p>Files read whole into an array are visited on the layer's {@link VisitLane} when the view gives
 * the scanner a lane budget, so that visitors overlap with reading; their results and errors go into the
 * {@link LayerScan} under its lock.
 *
 * <p>Not thread-safe: one scanner per layer and thread.
 */
final class LayerScanner {

  private static final int CHUNK = 65536;
  /** Files up to this size are read into one array for their visitors. */
  static final int SHARED_BUFFER_MAX = 16 << 20;
  /** With a cache, at most this much content is kept per layer for visitors that have no cache codec. */
  static final long REPLAY_MAX = 64L << 20;
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private final String source;
  private final Layer layer;
  private final Origin origin;
  private final ContentNeeds needs;
  private final ReadLimits limits;
  private final AtomicLong captureBudget;
  private final AtomicLong imageEntries;
  private final AtomicLong imageBytes;
  private final MetadataBudget metadata;
  private final ExecutorService fanoutPool;
  private final @Nullable Semaphore laneBudget;
  private @Nullable VisitLane lane;
  private final LayerScan scan;
  private final byte[] chunk = new byte[CHUNK];

  LayerScanner(String source, Layer layer, Origin origin, ContentNeeds needs, ReadLimits limits,
      AtomicLong captureBudget, AtomicLong imageEntries, AtomicLong imageBytes, MetadataBudget metadata,
      ExecutorService fanoutPool, @Nullable Semaphore laneBudget, boolean forCache) {
    this.source = source;
    this.layer = layer;
    this.origin = origin;
    this.needs = needs;
    this.limits = limits;
    this.captureBudget = captureBudget;
    this.imageEntries = imageEntries;
    this.imageBytes = imageBytes;
    this.metadata = metadata;
    this.fanoutPool = fanoutPool;
    this.laneBudget = laneBudget;
    this.scan = new LayerScan(layer.index());
    if (forCache) {
      scan.replay = new java.util.HashMap<>();
    }
  }

  private String layerName() {
    return layerName(origin, layer);
  }

  /** How messages name a layer: {@code layer 2 of 3 (sha256:ab12cd34ef56)}. */
  static String layerName(Origin origin, Layer layer) {
    return "layer " + origin.layerNumber() + " of " + origin.layerCount() + " (" + layer.digest().shortForm() + ")";
  }

  LayerScan scan() throws IOException {
    InputStream raw = layer.openUncompressed();
    CountingInputStream counted = new CountingInputStream(raw, limits.layerBytes(), imageBytes, limits.imageBytes(),
        source, layerName() + " uncompressed content");
    ZeroTailInputStream padded = new ZeroTailInputStream(counted, 20 * 512);
    // Tar headers, padding and small files come in reads of 512 bytes to a few KiB; a buffer serves them
    // from 64 KiB reads of the hashing stack underneath (large reads pass straight through).
    TarArchiveInputStream tar = BoundedTarInputStream.of(new BufferedInputStream(padded, CHUNK), limits, source,
        layerName(), counted::add);
    try {
      int ordinal = 0;
      while (true) {
        TarArchiveEntry e;
        try {
          e = tar.getNextEntry();
        } catch (ImageSourceException ise) {
          throw ise;
        } catch (IOException | RuntimeException ex) {
          throw formatError(padded, "has a malformed tar header after entry " + ordinal + ": " + ex.getMessage(), ex);
        }
        if (e == null) {
          break;
        }
        if (ordinal >= limits.entriesPerLayer()) {
          throw new LimitExceededException(source, layerName() + " with more than " + limits.entriesPerLayer()
              + " entries", "entries-per-layer", limits.entriesPerLayer());
        }
        if (imageEntries.incrementAndGet() > limits.entriesPerImage()) {
          throw new LimitExceededException(source, "image with more than " + limits.entriesPerImage() + " entries",
              "entries-per-image", limits.entriesPerImage());
        }
        metadata.charge(e);
        try {
          handle(tar, e, ordinal);
        } catch (ImageSourceException ise) {
          throw ise;
        } catch (IOException | RuntimeException ex) {
          throw formatError(padded, "entry " + printable(e.getName()) + " cannot be read: " + ex.getMessage(), ex);
        }
        ordinal++;
      }
      // Read to the real end so that the blob digest and diff_id are checked, also after the
      // end-of-archive marker (trailing data is hashed, never interpreted).
      drain(padded);
      if (lane != null) {
        lane.finish();
      }
      scan.uncompressedBytes = counted.count();
      scan.tarEntries = ordinal;
      return scan;
    } finally {
      if (lane != null) {
        lane.close();
      }
      tar.close();
    }
  }

  /** A tar failure: prefer a digest mismatch (the real cause of corrupt bytes) if draining finds one. */
  private IOException formatError(InputStream rest, String problem, Exception cause) {
    try {
      drain(rest);
    } catch (ImageSourceException ise) {
      return ise;
    } catch (IOException | RuntimeException ignored) {
      // the format error below is the better description
    }
    return new ImageFormatException(source, layerName() + " " + problem, cause);
  }

  private void drain(InputStream in) throws IOException {
    while (in.read(chunk, 0, chunk.length) >= 0) {
      // keep reading
    }
  }

  private void handle(TarArchiveInputStream tar, TarArchiveEntry e, int ordinal) throws IOException {
    String rawName = e.getName();
    if (rawName.getBytes(StandardCharsets.UTF_8).length > limits.pathLength()) {
      throw new LimitExceededException(source, layerName() + " entry name of " + rawName.length() + " characters",
          "path-length", limits.pathLength());
    }
    var cleaned = ImagePaths.cleanEntryName(rawName);
    if (cleaned.isEmpty()) {
      scan.warnings.add(layerName() + ": entry " + printable(rawName) + " leaves the root with \"..\"; ignored");
      return;
    }
    String path = cleaned.get();
    String name = ImagePaths.name(path);
    if (name.startsWith(WHITEOUT)) {
      whiteout(path, name, ordinal);
      return;
    }
    FileType type = type(e);
    if (type == null) {
      scan.warnings.add(layerName() + ": entry " + printable(rawName) + " has unsupported type '"
          + (char) e.getLinkFlag() + "'; ignored");
      return;
    }
    FileEntry.Builder b = FileEntry.builder(path, path.equals("/") ? FileType.DIRECTORY : type)
        .mode(e.getMode() & 07777)
        .owner(e.getLongUserId(), e.getLongGroupId())
        .ownerNames(e.getUserName(), e.getGroupName())
        .size(type == FileType.REGULAR ? e.getRealSize() : 0)
        .modified(mtime(e))
        .xattrs(xattrs(e))
        .origin(origin);
    if (type == FileType.SYMLINK) {
      String target = e.getLinkName();
      if (target.getBytes(StandardCharsets.UTF_8).length > limits.pathLength()) {
        throw new LimitExceededException(source, layerName() + " link target of " + path, "path-length",
            limits.pathLength());
      }
      b.linkTarget(target);
    } else if (type == FileType.HARDLINK) {
      var target = ImagePaths.cleanEntryName(e.getLinkName());
      if (target.isEmpty()) {
        scan.warnings.add(layerName() + ": hard link " + printable(path) + " points outside the root ("
            + printable(e.getLinkName()) + "); ignored");
        return;
      }
      b.linkTarget(target.get());
    } else if (type == FileType.CHAR_DEVICE || type == FileType.BLOCK_DEVICE) {
      b.device(e.getDevMajor(), e.getDevMinor());
    }
    FileEntry entry = b.build();
    if (type == FileType.REGULAR) {
      entry = content(tar, entry, ordinal);
    }
    scan.entries.add(new ScannedEntry(ScannedEntry.Kind.ENTRY, path, entry, ordinal));
  }

  private void whiteout(String path, String name, int ordinal) throws ImageFormatException {
    String dir = ImagePaths.parent(path);
    if (name.equals(OPAQUE)) {
      scan.entries.add(new ScannedEntry(ScannedEntry.Kind.OPAQUE, dir, null, ordinal));
      return;
    }
    if (name.startsWith(WHITEOUT + WHITEOUT)) {
      // aufs metadata such as .wh..wh.plnk: meaningless in OCI layers.
      scan.warnings.add(layerName() + ": aufs metadata entry " + printable(path) + " ignored");
      return;
    }
    String target = name.substring(WHITEOUT.length());
    if (target.isEmpty() || target.equals(".") || target.equals("..")) {
      throw new ImageFormatException(source, layerName() + " has an invalid whiteout entry " + printable(path)
          + " (it names no file)");
    }
    scan.entries.add(new ScannedEntry(ScannedEntry.Kind.WHITEOUT, dir.equals("/") ? "/" + target : dir + "/" + target,
        null, ordinal));
  }

  private static @Nullable FileType type(TarArchiveEntry e) {
    if (e.isSymbolicLink()) {
      return FileType.SYMLINK;
    }
    if (e.isLink()) {
      return FileType.HARDLINK;
    }
    if (e.isDirectory()) {
      return FileType.DIRECTORY;
    }
    if (e.isCharacterDevice()) {
      return FileType.CHAR_DEVICE;
    }
    if (e.isBlockDevice()) {
      return FileType.BLOCK_DEVICE;
    }
    if (e.isFIFO()) {
      return FileType.FIFO;
    }
    if (e.isFile() || e.isSparse()) {
      return FileType.REGULAR;
    }
    return null;
  }

  private static Instant mtime(TarArchiveEntry e) {
    var t = e.getLastModifiedTime();
    return t == null ? Instant.EPOCH : t.toInstant();
  }

  private static Map<String, String> xattrs(TarArchiveEntry e) {
    Map<String, String> pax = e.getExtraPaxHeaders();
    if (pax.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> p : pax.entrySet()) {
      String k = p.getKey();
      if (k.startsWith("SCHILY.xattr.")) {
        // Values are bytes; commons-compress decoded them as UTF-8, which is lossless for ASCII bytes.
        out.put(k.substring("SCHILY.xattr.".length()), latin1(p.getValue().getBytes(StandardCharsets.UTF_8)));
      } else if (k.startsWith("LIBARCHIVE.xattr.")) {
        try {
          out.put(k.substring("LIBARCHIVE.xattr.".length()), latin1(Base64.getDecoder().decode(p.getValue())));
        } catch (IllegalArgumentException ex) {
          // not base64: keep as written
          out.put(k.substring("LIBARCHIVE.xattr.".length()), p.getValue());
        }
      }
    }
    return out;
  }

  private static String latin1(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** Serves a regular file's content to whoever wants it, then skips the rest. */
  private FileEntry content(TarArchiveInputStream tar, FileEntry entry, int ordinal) throws IOException {
    List<ContentVisitor<?>> wanting = new ArrayList<>(needs.visitors().size());
    for (ContentVisitor<?> v : needs.visitors()) {
      boolean failed;
      synchronized (scan) {
        failed = scan.visitorErrors.containsKey(v);
      }
      if (!failed) {
        try {
          if (v.accepts(entry)) {
            wanting.add(v);
          }
        } catch (RuntimeException ex) {
          synchronized (scan) {
            scan.visitorErrors.putIfAbsent(v, "accepts(" + entry.path() + ") failed: " + ex);
          }
        }
      }
    }
    boolean capture = wantsCapture(entry);
    boolean digest = needs.contentDigests();
    if (wanting.isEmpty() && !capture && !digest) {
      drain(tar);
      return entry;
    }
    EntryStream body = new EntryStream(tar, digest ? Digest.newMessageDigest(Digest.SHA256) : null,
        capture ? new ByteArrayOutputStream((int) Math.min(entry.size(), 1 << 20)) : null);
    if (wanting.isEmpty()) {
      body.drainQuietly();
    } else if (entry.size() <= SHARED_BUFFER_MAX) {
      // Read the file once, in large reads, and serve every visitor from that one array: visitors read
      // whole files anyway (up to their own limits), and small reads through the layer's stream stack
      // cost more than the copy.
      byte[] all = body.readAll((int) entry.size());
      boolean kept = keepForReplay(wanting, ordinal, all);
      Runnable visits = () -> {
        for (int i = 0; i < wanting.size(); i++) {
          // The last visitor may take the array itself (nobody reads it after), unless the cache keeps it.
          visitShared(wanting.get(i), entry, ordinal, new SharedBytes(all, i == wanting.size() - 1 && !kept));
        }
      };
      if (laneBudget != null) {
        if (lane == null) {
          lane = new VisitLane(Thread.currentThread().getName() + "-visits", laneBudget);
        }
        lane.submit(all.length, visits);
      } else {
        visits.run();
      }
    } else if (wanting.size() == 1) {
      drainLane();
      keepForReplay(wanting, ordinal, null);
      visit(wanting.get(0), entry, ordinal, body.unclosable());
      body.drainQuietly();
    } else {
      drainLane();
      keepForReplay(wanting, ordinal, null);
      Fanout.run(fanoutPool, body, wanting.size(), (i, in) -> visit(wanting.get(i), entry, ordinal, in));
    }
    body.rethrow();
    if (capture && body.captured != null) {
      byte[] bytes = body.captured.toByteArray();
      if (captureBudget.addAndGet(-bytes.length) < 0) {
        throw new LimitExceededException(source, "captured file content (at " + entry.path() + ")", "capture-bytes",
            limits.captureBytes());
      }
      scan.captured.put(entry.path(), bytes);
    }
    if (body.digest != null) {
      return entry.toBuilder().contentDigest(Digest.of(Digest.SHA256, body.digest.digest())).build();
    }
    return entry;
  }

  /**
   * With a cache, keeps a file's content for the visitors among {@code wanting} that have no cache codec
   * (a cache hit calls them again on it); a file too large to keep, or too much kept, makes the layer
   * uncacheable.
   */
  private boolean keepForReplay(List<ContentVisitor<?>> wanting, int ordinal, byte @Nullable [] content) {
    synchronized (scan) {
      return keepForReplayLocked(wanting, ordinal, content);
    }
  }

  private boolean keepForReplayLocked(List<ContentVisitor<?>> wanting, int ordinal, byte @Nullable [] content) {
    if (scan.replay == null || scan.uncacheable != null) {
      return false;
    }
    boolean replayed = false;
    for (ContentVisitor<?> v : wanting) {
      replayed |= !(v instanceof io.imagecheck.cache.CacheableVisitor<?>);
    }
    if (!replayed) {
      return false;
    }
    if (content == null || scan.replayBytes + content.length > REPLAY_MAX) {
      scan.uncacheable = "visitors without a cache codec read more than " + REPLAY_MAX + " bytes";
      scan.replay = null;
      return false;
    }
    scan.replay.put(ordinal, content);
    scan.replayBytes += content.length;
    return true;
  }

  private boolean wantsCapture(FileEntry entry) {
    for (Capture c : needs.captures()) {
      if (c.glob().matches(entry.path())) {
        if (entry.size() <= c.maxBytes()) {
          return true;
        }
        scan.warnings.add(layerName() + ": " + printable(entry.path()) + " (" + entry.size()
            + " bytes) is larger than the capture limit of " + c.maxBytes() + " bytes; not captured");
      }
    }
    return false;
  }

  /** Lets the lane catch up before the reader visits a file itself, keeping results in file order. */
  private void drainLane() throws IOException {
    if (lane != null) {
      lane.drain();
    }
  }

  /** Visits an array already read: nothing can fail but the visitor, whose failure is recorded. */
  private void visitShared(ContentVisitor<?> v, FileEntry entry, int ordinal, SharedBytes in) {
    try {
      visit(v, entry, ordinal, in);
    } catch (IOException e) {
      // visit() records visitors' own failures; only the layer stream's, which arrays never raise, reach here
      synchronized (scan) {
        scan.visitorErrors.putIfAbsent(v, "visiting " + entry.path() + " in " + layerName() + " failed: " + e);
      }
    }
  }

  private <R> void visit(ContentVisitor<R> v, FileEntry entry, int ordinal, InputStream in) throws IOException {
    try {
      R r = v.visit(entry, in);
      if (r != null) {
        Visit<R> visit = new Visit<>(entry, r);
        synchronized (scan) {
          // Fan-out visitors of one file run on their own threads.
          scan.visits.computeIfAbsent(v, k -> new ArrayList<>()).add(visit);
          if (scan.replay != null) {
            scan.visitOrdinals.put(visit, ordinal);
          }
        }
      }
    } catch (ImageSourceException ise) {
      // The layer stream itself failed (digest mismatch, truncation): the whole view fails.
      throw ise;
    } catch (IOException | RuntimeException ex) {
      synchronized (scan) {
        scan.visitorErrors.putIfAbsent(v, "visiting " + entry.path() + " in " + layerName() + " failed: " + ex);
      }
    }
  }

  private void drain(TarArchiveInputStream tar) throws IOException {
    while (tar.read(chunk, 0, chunk.length) >= 0) {
      // skip the entry's content by reading it: this keeps the layer digests honest and is faster than
      // commons-compress' skip, which reads in 8 KiB pieces
    }
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder("\"");
    int n = Math.min(s.length(), 300);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' || (c >= 0x80 && c < 0xa0)) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append(s.length() > n ? "...\"" : "\"").toString();
  }

  /**
   * The content of the current tar entry, tapping a digest and a capture buffer, and remembering a
   * failure of the stream underneath (so a visitor's exception can be told apart from a broken layer).
   */
  private static final class EntryStream extends InputStream {
    private final InputStream tar;
    final @Nullable MessageDigest digest;
    final @Nullable ByteArrayOutputStream captured;
    private @Nullable IOException failure;

    EntryStream(InputStream tar, @Nullable MessageDigest digest, @Nullable ByteArrayOutputStream captured) {
      this.tar = tar;
      this.digest = digest;
      this.captured = captured;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = tar.read(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
      if (n > 0) {
        if (digest != null) {
          digest.update(b, off, n);
        }
        if (captured != null) {
          captured.write(b, off, n);
        }
      }
      return n;
    }

    InputStream unclosable() {
      return new java.io.FilterInputStream(this) {
        @Override
        public void close() {
          // visitors must not close the layer's stream
        }
      };
    }

    /**
     * Reads the rest of the entry, expecting {@code expected} bytes (more are kept too: the array is
     * what the stream gave).
     */
    byte[] readAll(int expected) throws IOException {
      byte[] buf = new byte[expected];
      int n = readNBytes(buf, 0, expected);
      if (n < expected) {
        return java.util.Arrays.copyOf(buf, n);
      }
      int next = read();
      if (next < 0) {
        return buf;
      }
      ByteArrayOutputStream more = new ByteArrayOutputStream(expected + CHUNK);
      more.write(buf, 0, n);
      more.write(next);
      transferTo(more);
      return more.toByteArray();
    }

    void drainQuietly() throws IOException {
      byte[] buf = new byte[CHUNK];
      while (read(buf, 0, buf.length) >= 0) {
        // keep reading so the taps see every byte
      }
    }

    void rethrow() throws IOException {
      if (failure != null) {
        throw failure;
      }
    }

    @Override
    public void close() {
      // the tar stream is closed by the scanner
    }
  }

  /**
   * A file's bytes served to one visitor: like {@link java.io.ByteArrayInputStream}, without its locks, and
   * with {@link #readNBytes(int)} and {@link #readAllBytes()} as one copy (visitors read files whole),
   * or none: the stream that may {@code give} its array hands the array itself to a visitor that reads
   * the whole file at once (the array is then the visitor's: nothing else reads it afterwards). The
   * other streams never write to the array.
   */
  static final class SharedBytes extends InputStream {
    private final byte[] bytes;
    private boolean give;
    private int pos;

    SharedBytes(byte[] bytes) {
      this(bytes, false);
    }

    SharedBytes(byte[] bytes, boolean give) {
      this.bytes = bytes;
      this.give = give;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (pos >= bytes.length) {
        return -1;
      }
      int n = Math.min(len, bytes.length - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public byte[] readNBytes(int len) {
      if (len < 0) {
        throw new IllegalArgumentException("len < 0");
      }
      int n = Math.min(len, bytes.length - pos);
      if (give && pos == 0 && n == bytes.length) {
        give = false;
        pos = n;
        return bytes;
      }
      byte[] out = java.util.Arrays.copyOfRange(bytes, pos, pos + n);
      pos += n;
      return out;
    }

    @Override
    public byte[] readAllBytes() {
      return readNBytes(Integer.MAX_VALUE);
    }

    @Override
    public long skip(long n) {
      long k = Math.max(0, Math.min(n, bytes.length - pos));
      pos += (int) k;
      return k;
    }

    @Override
    public int available() {
      return bytes.length - pos;
    }

    @Override
    public void close() {
      // nothing to release; visitors must not close the layer's stream, and this is not it
    }
  }
}
