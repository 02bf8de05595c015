package io.imagecheck.internal.fs;

import io.imagecheck.fs.ContentVisitor;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.FileType;
import io.imagecheck.fs.ImagePaths;
import io.imagecheck.fs.LayerChanges;
import io.imagecheck.fs.PathGlob;
import io.imagecheck.fs.Resolution;
import io.imagecheck.fs.Visit;
import io.imagecheck.image.Image;
import io.imagecheck.image.Layer;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageNotFoundException;
import io.imagecheck.source.ReadLimits;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The immutable merged view built by {@link Merger}: a sorted map of paths to entries, plus captured
 * bytes, visitor results and per-layer changes.
 *
 * <p>Thread-safe: immutable after construction; {@link #open(String)} opens a new layer stream per call.
 */
final class MergedFileSystem implements FileSystemView {

  private final Image image;
  private final NavigableMap<String, Node> tree;
  private final List<FileEntry> entries;
  private final Map<String, byte[]> captured;
  private final Map<ContentVisitor<?>, List<Visit<?>>> visits;
  private final Map<ContentVisitor<?>, String> visitorErrors;
  private final List<LayerChanges> changes;
  private final List<String> warnings;
  private final ReadLimits limits;
  private final int symlinkHops;

  MergedFileSystem(Image image, NavigableMap<String, Node> tree, Map<String, byte[]> captured,
      Map<ContentVisitor<?>, List<Visit<?>>> visits, Map<ContentVisitor<?>, String> visitorErrors,
      List<LayerChanges> changes, List<String> warnings, ReadLimits limits) {
    this.image = image;
    this.tree = Collections.unmodifiableNavigableMap(tree);
    List<FileEntry> all = new ArrayList<>(tree.size());
    for (Node n : tree.values()) {
      all.add(n.entry());
    }
    this.entries = Collections.unmodifiableList(all);
    this.captured = Map.copyOf(captured);
    this.visits = new IdentityHashMap<>(visits);
    this.visitorErrors = new IdentityHashMap<>(visitorErrors);
    this.changes = List.copyOf(changes);
    this.warnings = List.copyOf(warnings);
    this.limits = limits;
    this.symlinkHops = limits.symlinkHops();
  }

  @Override
  public Image image() {
    return image;
  }

  @Override
  public int size() {
    return tree.size();
  }

  @Override
  public Optional<FileEntry> entry(String path) {
    Walk w = walk(path, false);
    return w.node == null ? Optional.empty() : Optional.of(w.node.entry());
  }

  @Override
  public Resolution resolve(String path) {
    Walk w = walk(path, true);
    return new Resolution(ImagePaths.clean(path), w.chain,
        w.node == null ? Optional.empty() : Optional.of(w.node.entry()), Optional.ofNullable(w.problem));
  }

  @Override
  public List<FileEntry> list(String directory) {
    Walk w = walk(directory, true);
    if (w.node == null || !w.node.entry().isDirectory()) {
      return List.of();
    }
    String dir = w.node.entry().path();
    List<FileEntry> out = new ArrayList<>();
    Map<String, Node> sub = dir.equals("/") ? tree.tailMap("/", false) : tree.subMap(dir + "/", true, dir + "0", false);
    int prefix = dir.equals("/") ? 1 : dir.length() + 1;
    for (Map.Entry<String, Node> e : sub.entrySet()) {
      if (e.getKey().indexOf('/', prefix) < 0) {
        out.add(e.getValue().entry());
      }
    }
    return out;
  }

  @Override
  public List<FileEntry> find(PathGlob glob) {
    if (glob.isLiteral()) {
      Node n = tree.get(glob.toString());
      return n == null ? List.of() : List.of(n.entry());
    }
    List<FileEntry> out = new ArrayList<>();
    for (Map.Entry<String, Node> e : tree.entrySet()) {
      if (glob.matches(e.getKey())) {
        out.add(e.getValue().entry());
      }
    }
    return out;
  }

  @Override
  public void walk(Consumer<FileEntry> consumer) {
    entries.forEach(consumer);
  }

  @Override
  public List<FileEntry> entries() {
    return entries;
  }

  @Override
  public InputStream open(String path) throws IOException {
    Walk w = walk(path, true);
    if (w.node == null) {
      throw new ImageNotFoundException(image.source(), "no file " + LayerScanner.printable(ImagePaths.clean(path))
          + " in the image" + (w.problem == null ? "" : " (" + w.problem + ")"), List.of());
    }
    Node n = w.node;
    if (n.contentLayer() < 0 || !(n.entry().isRegularFile() || n.entry().isHardlink())) {
      throw new ImageFormatException(image.source(), LayerScanner.printable(n.entry().path()) + " is a "
          + n.entry().type().name().toLowerCase(java.util.Locale.ROOT) + ", not a regular file");
    }
    return openEntry(image.layers().get(n.contentLayer()), n.contentOrdinal(), n.entry().path());
  }

  /** Re-reads one layer up to an entry; closing the stream reads the rest so the layer is verified. */
  private InputStream openEntry(Layer layer, int ordinal, String path) throws IOException {
    InputStream raw = layer.openUncompressed();
    // Bounded as on the first read: the layer's bytes are only verified at its end, so they may differ now.
    String what = "layer " + (layer.index() + 1) + " (" + layer.digest().shortForm() + ")";
    CountingInputStream counted = new CountingInputStream(raw, limits.layerBytes(), new AtomicLong(),
        limits.imageBytes(), image.source(), what + " uncompressed content");
    ZeroTailInputStream padded = new ZeroTailInputStream(counted, 20 * 512);
    TarArchiveInputStream tar = BoundedTarInputStream.of(padded, limits, image.source(), what, counted::add);
    try {
      TarArchiveEntry e = null;
      for (int i = 0; i <= ordinal; i++) {
        e = tar.getNextEntry();
        if (e == null) {
          throw new ImageFormatException(image.source(), "layer " + (layer.index() + 1)
              + " changed between reads: entry " + ordinal + " (" + path + ") is gone");
        }
      }
      return new FilterInputStream(tar) {
        private boolean closed;

        @Override
        public void close() throws IOException {
          if (closed) {
            return;
          }
          closed = true;
          try {
            byte[] buf = new byte[65536];
            while (padded.read(buf) >= 0) {
              // read the rest of the layer: its digests are checked at the end
            }
          } finally {
            tar.close();
          }
        }
      };
    } catch (IOException | RuntimeException ex) {
      tar.close();
      throw ex;
    }
  }

  @Override
  public Optional<byte[]> captured(String path) {
    byte[] b = captured.get(ImagePaths.clean(path));
    return b == null ? Optional.empty() : Optional.of(b.clone());
  }

  @Override
  public List<String> capturedPaths() {
    return captured.keySet().stream().sorted().toList();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> List<Visit<R>> visits(ContentVisitor<R> visitor) {
    if (!visits.containsKey(visitor) && !knownVisitor(visitor)) {
      throw new IllegalArgumentException("visitor " + visitor.name() + " was not part of this view's content needs");
    }
    List<Visit<?>> v = visits.getOrDefault(visitor, List.of());
    return (List<Visit<R>>) (List<?>) Collections.unmodifiableList(v);
  }

  @Override
  public Optional<String> visitorError(ContentVisitor<?> visitor) {
    return Optional.ofNullable(visitorErrors.get(visitor));
  }

  private final java.util.Set<ContentVisitor<?>> known = Collections.newSetFromMap(new IdentityHashMap<>());

  void registerVisitors(List<ContentVisitor<?>> vs) {
    known.addAll(vs);
  }

  private boolean knownVisitor(ContentVisitor<?> v) {
    return known.contains(v);
  }

  @Override
  public List<LayerChanges> layerChanges() {
    return changes;
  }

  @Override
  public List<String> warnings() {
    return warnings;
  }

  /** The result of a path walk. */
  private static final class Walk {
    Node node;
    String problem;
    final List<FileEntry> chain = new ArrayList<>();
  }

  /**
   * Walks a path component by component from the root, following symlinks in every component but the
   * last (and the last too when {@code followLast}), as the kernel does inside a chroot: absolute targets
   * restart at the image root, {@code ..} never climbs above it.
   */
  private Walk walk(String path, boolean followLast) {
    Walk w = new Walk();
    Deque<String> todo = new ArrayDeque<>(Arrays.asList(ImagePaths.clean(path).split("/")));
    String current = "/";
    Node node = tree.get("/");
    int hops = 0;
    while (!todo.isEmpty()) {
      String c = todo.pollFirst();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        current = ImagePaths.parent(current);
        node = tree.get(current);
        continue;
      }
      if (node == null || !node.entry().isDirectory()) {
        w.problem = LayerScanner.printable(current) + " is not a directory";
        return w;
      }
      String candidate = current.equals("/") ? "/" + c : current + "/" + c;
      Node n = tree.get(candidate);
      if (n == null) {
        w.problem = "no such file: " + LayerScanner.printable(candidate);
        return w;
      }
      if (n.entry().type() == FileType.SYMLINK && (!todo.isEmpty() || followLast)) {
        if (++hops > symlinkHops) {
          w.problem = "too many levels of symbolic links (a loop, or a chain longer than " + symlinkHops + ")";
          return w;
        }
        w.chain.add(n.entry());
        String target = n.entry().linkTarget().orElse("");
        String[] parts = target.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
          todo.addFirst(parts[i]);
        }
        if (target.startsWith("/")) {
          current = "/";
          node = tree.get("/");
        }
        continue;
      }
      current = candidate;
      node = n;
    }
    w.node = node;
    return w;
  }
}
