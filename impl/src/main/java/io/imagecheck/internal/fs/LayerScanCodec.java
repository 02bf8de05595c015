package io.imagecheck.internal.fs;

import io.imagecheck.cache.CacheableVisitor;
import io.imagecheck.cache.Encodings;
import io.imagecheck.fs.Capture;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.ContentVisitor;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileType;
import io.imagecheck.fs.Origin;
import io.imagecheck.fs.Visit;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Layer;
import io.imagecheck.source.ReadLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The layer cache's view of a {@link LayerScan}: its key, and its encoding as a cache payload.
 *
 * <p><b>Key</b>: the SHA-256 of the cache format, the imagecheck version, the layer's blob digest and
 * diff_id, the read limits, the captures, whether content digests are computed, and each visitor served
 * (class, name, and cache version or "replayed"), so any change to what a scan computes is a new key.
 *
 * <p><b>Payload</b> (big-endian {@link DataOutput}, strings as {@link Encodings} writes them): the format
 * number; uncompressed size; tar entry count; the entries (kind, path, tar ordinal, and for a file-system
 * entry every {@link FileEntry} field but the origin, which is the layer's position in the image being
 * scanned and is filled in on reading); the captured files; the warnings; for each cacheable visitor its
 * error (if any) and its results (entry position, then the visitor's own encoding, length-prefixed); and
 * the content kept for visitors without a codec (by tar ordinal). The layer's own name ("layer 2 of 3
 * (sha256:...)") is stored as a placeholder in warnings and errors and replaced by its name in the image
 * that reads the entry back.
 *
 * <p>Reading back re-runs, for every visitor without a codec, {@code accepts} over the layer's files in
 * tar order and {@code visit} on the kept content, exactly as the scan did; if such a visitor accepts a
 * file whose content was not kept, the entry does not fit and is treated as a miss.
 *
 * <p>Thread-safe (stateless).
 */
final class LayerScanCodec {

  /** Changed whenever the payload's layout changes. */
  static final int FORMAT = 1;
  private static final String LAYER = "\u0000layer\u0000";
  private static final byte ENTRY = 0;
  private static final byte WHITEOUT = 1;
  private static final byte OPAQUE = 2;

  private LayerScanCodec() {}

  /** The cache key of a layer's scan under these needs and limits. */
  static String key(Layer layer, ContentNeeds needs, ReadLimits limits) {
    StringBuilder b = new StringBuilder("imagecheck layer scan\n");
    b.append(FORMAT).append('\n');
    String version = LayerScanCodec.class.getPackage().getImplementationVersion();
    b.append(version == null ? "development" : version).append('\n');
    b.append(layer.digest()).append('\n').append(layer.diffId()).append('\n');
    b.append(limits).append('\n');
    for (Capture c : needs.captures()) {
      b.append("capture ").append(c.glob()).append(' ').append(c.maxBytes()).append('\n');
    }
    b.append("digests ").append(needs.contentDigests()).append('\n');
    for (ContentVisitor<?> v : needs.visitors()) {
      b.append("visitor ").append(v.getClass().getName()).append(' ').append(v.name()).append(' ')
          .append(v instanceof CacheableVisitor<?> c ? "v" + c.cacheVersion() : "replayed").append('\n');
    }
    MessageDigest md = Digest.newMessageDigest(Digest.SHA256);
    return Digest.of(Digest.SHA256, md.digest(b.toString().getBytes(StandardCharsets.UTF_8))).hex();
  }

  /**
   * Encodes a scan made with a cache.
   *
   * @return the payload, or null when a visitor's codec failed (the layer is then not cached)
   */
  static byte @Nullable [] encode(LayerScan scan, ContentNeeds needs, String layerName) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + scan.entries.size() * 96);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(FORMAT);
    out.writeLong(scan.uncompressedBytes);
    out.writeInt(scan.tarEntries);
    out.writeInt(scan.entries.size());
    Map<Integer, Integer> positionOfOrdinal = new HashMap<>();
    for (int i = 0; i < scan.entries.size(); i++) {
      ScannedEntry s = scan.entries.get(i);
      positionOfOrdinal.put(s.ordinal(), i);
      out.writeByte(switch (s.kind()) {
        case ENTRY -> ENTRY;
        case WHITEOUT -> WHITEOUT;
        case OPAQUE -> OPAQUE;
      });
      Encodings.writeString(out, s.path());
      out.writeInt(s.ordinal());
      if (s.kind() == ScannedEntry.Kind.ENTRY) {
        writeEntry(out, java.util.Objects.requireNonNull(s.entry()));
      }
    }
    out.writeInt(scan.captured.size());
    for (Map.Entry<String, byte[]> c : scan.captured.entrySet()) {
      Encodings.writeString(out, c.getKey());
      out.writeInt(c.getValue().length);
      out.write(c.getValue());
    }
    out.writeInt(scan.warnings.size());
    for (String w : scan.warnings) {
      Encodings.writeString(out, w.replace(layerName, LAYER));
    }
    for (ContentVisitor<?> v : needs.visitors()) {
      if (!(v instanceof CacheableVisitor<?> c)) {
        continue;
      }
      String error = scan.visitorErrors.get(v);
      Encodings.writeOptional(out, Optional.ofNullable(error).map(e -> e.replace(layerName, LAYER)));
      List<Visit<?>> visits = scan.visits.getOrDefault(v, List.of());
      out.writeInt(visits.size());
      for (Visit<?> visit : visits) {
        Integer ordinal = scan.visitOrdinals.get(visit);
        Integer position = ordinal == null ? null : positionOfOrdinal.get(ordinal);
        byte[] result = encodeResult(c, visit.result());
        if (position == null || result == null) {
          return null;
        }
        out.writeInt(position);
        out.writeInt(result.length);
        out.write(result);
      }
    }
    Map<Integer, byte[]> replay = scan.replay == null ? Map.of() : scan.replay;
    out.writeInt(replay.size());
    for (Map.Entry<Integer, byte[]> r : new java.util.TreeMap<>(replay).entrySet()) {
      out.writeInt(r.getKey());
      out.writeInt(r.getValue().length);
      out.write(r.getValue());
    }
    out.flush();
    return bytes.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static <R> byte @Nullable [] encodeResult(CacheableVisitor<R> v, Object result) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      DataOutputStream o = new DataOutputStream(b);
      v.encode((R) result, o);
      o.flush();
      return b.toByteArray();
    } catch (IOException | RuntimeException e) {
      System.getLogger(LayerScanCodec.class.getName()).log(System.Logger.Level.WARNING,
          "visitor {0} cannot encode a result for the layer cache: {1}; the layer is not cached", v.name(),
          e.toString());
      return null;
    }
  }

  /**
   * Decodes a payload for a layer at a position in an image: entries get that position's origin,
   * messages its name; visitors without a codec run again on the kept content.
   *
   * @return the scan, or null when the payload does not fit (a visitor accepts a file whose content was
   *     not kept)
   * @throws IOException when the payload is damaged
   */
  static @Nullable LayerScan decode(byte[] payload, int layerIndex, Origin origin, ContentNeeds needs,
      String layerName) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    try {
      if (in.readInt() != FORMAT) {
        throw new IOException("cache entry of another format");
      }
      LayerScan scan = new LayerScan(layerIndex);
      scan.uncompressedBytes = in.readLong();
      scan.tarEntries = in.readInt();
      int n = Encodings.readCount(in);
      for (int i = 0; i < n; i++) {
        byte kind = in.readByte();
        String path = Encodings.readString(in);
        int ordinal = in.readInt();
        scan.entries.add(switch (kind) {
          case ENTRY -> new ScannedEntry(ScannedEntry.Kind.ENTRY, path, readEntry(in, path, origin), ordinal);
          case WHITEOUT -> new ScannedEntry(ScannedEntry.Kind.WHITEOUT, path, null, ordinal);
          case OPAQUE -> new ScannedEntry(ScannedEntry.Kind.OPAQUE, path, null, ordinal);
          default -> throw new IOException("cache entry: unknown entry kind " + kind);
        });
      }
      int captures = Encodings.readCount(in);
      for (int i = 0; i < captures; i++) {
        scan.captured.put(Encodings.readString(in), readBytes(in));
      }
      int warnings = Encodings.readCount(in);
      for (int i = 0; i < warnings; i++) {
        scan.warnings.add(Encodings.readString(in).replace(LAYER, layerName));
      }
      boolean digests = needs.contentDigests();
      for (ContentVisitor<?> v : needs.visitors()) {
        if (!(v instanceof CacheableVisitor<?> c)) {
          continue;
        }
        Optional<String> error = Encodings.readOptional(in);
        error.ifPresent(e -> scan.visitorErrors.put(v, e.replace(LAYER, layerName)));
        int visits = Encodings.readCount(in);
        List<Visit<?>> list = new ArrayList<>(visits);
        for (int i = 0; i < visits; i++) {
          int position = in.readInt();
          if (position < 0 || position >= scan.entries.size() || scan.entries.get(position).entry() == null) {
            throw new IOException("cache entry: visit of entry " + position + " out of bounds");
          }
          byte[] result = readBytes(in);
          list.add(new Visit<>(visited(scan.entries.get(position).entry(), digests), decodeResult(c, result)));
        }
        if (!list.isEmpty()) {
          scan.visits.put(v, list);
        }
      }
      int kept = Encodings.readCount(in);
      Map<Integer, byte[]> replay = new LinkedHashMap<>();
      for (int i = 0; i < kept; i++) {
        int ordinal = in.readInt();
        replay.put(ordinal, readBytes(in));
      }
      if (in.read() >= 0) {
        throw new IOException("cache entry: trailing bytes");
      }
      return replay(scan, needs, replay, layerName) ? scan : null;
    } catch (EOFException | IllegalArgumentException | NullPointerException e) {
      throw new IOException("cache entry: truncated or malformed (" + e + ")", e);
    }
  }

  /** Calls the visitors without a codec as the scan did; false when a file they accept was not kept. */
  private static boolean replay(LayerScan scan, ContentNeeds needs, Map<Integer, byte[]> kept, String layerName)
      throws IOException {
    List<ContentVisitor<?>> replayed = new ArrayList<>();
    for (ContentVisitor<?> v : needs.visitors()) {
      if (!(v instanceof CacheableVisitor<?>)) {
        replayed.add(v);
      }
    }
    if (replayed.isEmpty()) {
      return true;
    }
    for (ScannedEntry s : scan.entries) {
      FileEntry stored = s.entry();
      if (s.kind() != ScannedEntry.Kind.ENTRY || stored == null || stored.type() != FileType.REGULAR) {
        continue;
      }
      FileEntry entry = visited(stored, needs.contentDigests());
      for (ContentVisitor<?> v : replayed) {
        if (scan.visitorErrors.containsKey(v)) {
          continue;
        }
        boolean accepted;
        try {
          accepted = v.accepts(entry);
        } catch (RuntimeException ex) {
          scan.visitorErrors.put(v, "accepts(" + entry.path() + ") failed: " + ex);
          continue;
        }
        if (!accepted) {
          continue;
        }
        byte[] content = kept.get(s.ordinal());
        if (content == null) {
          return false;
        }
        visit(scan, v, entry, content, layerName);
      }
    }
    return true;
  }

  private static <R> void visit(LayerScan scan, ContentVisitor<R> v, FileEntry entry, byte[] content,
      String layerName) {
    try {
      R r = v.visit(entry, new LayerScanner.SharedBytes(content));
      if (r != null) {
        scan.visits.computeIfAbsent(v, k -> new ArrayList<>()).add(new Visit<>(entry, r));
      }
    } catch (IOException | RuntimeException ex) {
      scan.visitorErrors.putIfAbsent(v, "visiting " + entry.path() + " in " + layerName + " failed: " + ex);
    }
  }

  /** The entry a visitor saw: the stored one without the content digest added after the visit. */
  private static FileEntry visited(FileEntry stored, boolean digests) {
    return digests && stored.contentDigest().isPresent() ? stored.toBuilder().contentDigest(null).build() : stored;
  }

  @SuppressWarnings("unchecked")
  private static <R> R decodeResult(CacheableVisitor<R> v, byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    R r = v.decode(in);
    if (r == null || in.read() >= 0) {
      throw new IOException("cache entry: visitor " + v.name() + " did not read back its own result");
    }
    return r;
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("cache entry: " + n + " bytes out of bounds");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  private static void writeEntry(DataOutput out, FileEntry e) throws IOException {
    out.writeByte(e.type().ordinal());
    out.writeInt(e.mode());
    out.writeLong(e.uid());
    out.writeLong(e.gid());
    Encodings.writeOptional(out, e.userName());
    Encodings.writeOptional(out, e.groupName());
    out.writeLong(e.size());
    out.writeLong(e.modified().getEpochSecond());
    out.writeInt(e.modified().getNano());
    Encodings.writeOptional(out, e.linkTarget());
    out.writeInt(e.deviceMajor());
    out.writeInt(e.deviceMinor());
    out.writeInt(e.xattrs().size());
    for (Map.Entry<String, String> x : e.xattrs().entrySet()) {
      Encodings.writeString(out, x.getKey());
      Encodings.writeString(out, x.getValue());
    }
    Encodings.writeOptional(out, e.contentDigest().map(Digest::toString));
  }

  private static FileEntry readEntry(DataInput in, String path, Origin origin) throws IOException {
    int type = in.readUnsignedByte();
    FileType[] types = FileType.values();
    if (type >= types.length) {
      throw new IOException("cache entry: unknown file type " + type);
    }
    int mode = in.readInt();
    long uid = in.readLong();
    long gid = in.readLong();
    Optional<String> user = Encodings.readOptional(in);
    Optional<String> group = Encodings.readOptional(in);
    long size = in.readLong();
    Instant modified = Instant.ofEpochSecond(in.readLong(), in.readInt());
    Optional<String> link = Encodings.readOptional(in);
    int major = in.readInt();
    int minor = in.readInt();
    int xattrCount = Encodings.readCount(in);
    Map<String, String> xattrs = new LinkedHashMap<>();
    for (int i = 0; i < xattrCount; i++) {
      xattrs.put(Encodings.readString(in), Encodings.readString(in));
    }
    Optional<String> digest = Encodings.readOptional(in);
    return new FileEntry(path, types[type], mode, uid, gid, user, group, size, modified, link, major,
        minor, xattrs, digest.map(Digest::parse), origin);
  }
}
