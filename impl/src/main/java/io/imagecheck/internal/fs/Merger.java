package io.imagecheck.internal.fs;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileType;
import io.imagecheck.fs.ImagePaths;
import io.imagecheck.fs.LayerChanges;
import io.imagecheck.fs.Origin;
import io.imagecheck.source.LimitExceededException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies layer scans in order, with the OCI image-spec rules as the Go tools implement them: within
 * a layer, whiteouts ({@code .wh.NAME}) and opaque markers ({@code .wh..wh..opq}) apply to lower
 * layers only, so they are applied first; then the layer's entries are added in tar order, a later
 * entry replacing an earlier one at the same path, and a non-directory replacing a directory taking
 * its children with it. Missing parent directories are created implicitly (real tars often omit
 * them); a lower non-directory in the way of a parent is replaced, with a warning.
 *
 * <p>Not thread-safe: used once, by one thread.
 */
final class Merger {

  private final NavigableMap<String, Node> tree = new TreeMap<>();
  private final List<LayerChanges> changes = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final MetadataBudget metadata;

  Merger(Origin rootOrigin, MetadataBudget metadata) {
    this.metadata = metadata;
    tree.put("/", new Node(FileEntry.builder("/", FileType.DIRECTORY).mode(0755).origin(rootOrigin).build(), -1, -1));
  }

  void apply(LayerScan scan, Origin origin) throws LimitExceededException {
    int layer = scan.layerIndex;
    List<FileEntry> deleted = new ArrayList<>();
    List<String> opaque = new ArrayList<>();
    Set<String> deletedPaths = new HashSet<>();
    for (ScannedEntry s : scan.entries) {
      if (s.kind() == ScannedEntry.Kind.OPAQUE) {
        opaque.add(s.path());
        removeChildren(s.path(), deleted, deletedPaths);
      } else if (s.kind() == ScannedEntry.Kind.WHITEOUT) {
        Node n = tree.get(s.path());
        if (n == null) {
          continue;
        }
        deleted.add(n.entry());
        deletedPaths.add(s.path());
        tree.remove(s.path());
        removeChildren(s.path(), deleted, deletedPaths);
      }
    }
    List<FileEntry> added = new ArrayList<>();
    List<FileEntry> modified = new ArrayList<>();
    Set<String> addedHere = new HashSet<>();
    for (ScannedEntry s : scan.entries) {
      if (s.kind() != ScannedEntry.Kind.ENTRY) {
        continue;
      }
      FileEntry e = s.entry();
      String path = s.path();
      if (!path.equals("/")) {
        ensureParents(path, origin, deleted, deletedPaths);
      }
      Node existing = tree.get(path);
      if (existing != null && !(existing.entry().isDirectory() && e.isDirectory())) {
        removeChildren(path, deleted, deletedPaths);
      }
      Node contentFrom = null;
      if (e.type() == FileType.HARDLINK) {
        String target = e.linkTarget().orElseThrow();
        Node t = tree.get(target);
        if (t == null || !(t.entry().isRegularFile() || t.entry().isHardlink())) {
          warnings.add("layer " + origin.layerNumber() + ": hard link " + LayerScanner.printable(path)
              + " points at " + LayerScanner.printable(target) + ", which is "
              + (t == null ? "missing" : "not a file"));
        } else {
          contentFrom = t;
          // A hard link is the same inode: it shows its target's mode, owner, size and attributes, as
          // `ls -l` shows them after extraction, whatever the link's own tar header says.
          FileEntry te = t.entry();
          e = e.toBuilder().mode(te.mode()).owner(te.uid(), te.gid())
              .ownerNames(te.userName().orElse(null), te.groupName().orElse(null)).size(te.size())
              .xattrs(te.xattrs()).contentDigest(te.contentDigest().orElse(null)).build();
        }
      }
      Node node = e.isRegularFile() ? new Node(e, layer, s.ordinal())
          : contentFrom != null ? Node.of(e, contentFrom, layer, s.ordinal()) : new Node(e, -1, -1);
      tree.put(path, node);
      boolean existedBelow = (existing != null && existing.entry().origin().layerIndex() < layer
          && !addedHere.contains(path)) || deletedPaths.contains(path);
      if (addedHere.add(path)) {
        (existedBelow ? modified : added).add(e);
      } else {
        // the same path twice in one layer: keep the last one in the change lists
        replaceLast(added, e);
        replaceLast(modified, e);
      }
    }
    changes.add(new LayerChanges(layer, added, modified, deleted, opaque));
  }

  private static void replaceLast(List<FileEntry> list, FileEntry e) {
    for (int i = list.size() - 1; i >= 0; i--) {
      if (list.get(i).path().equals(e.path())) {
        list.set(i, e);
        return;
      }
    }
  }

  private void ensureParents(String path, Origin origin, List<FileEntry> deleted, Set<String> deletedPaths)
      throws LimitExceededException {
    // Iterative, top-down: a path may have thousands of components (path-length is a byte count).
    List<String> missing = new ArrayList<>();
    String parent = ImagePaths.parent(path);
    while (!parent.equals("/")) {
      Node p = tree.get(parent);
      if (p != null && p.entry().isDirectory()) {
        break;
      }
      missing.add(parent);
      parent = ImagePaths.parent(parent);
    }
    for (int i = missing.size() - 1; i >= 0; i--) {
      String dir = missing.get(i);
      metadata.chargeDirectory(dir);
      Node p = tree.get(dir);
      if (p != null) {
        warnings.add("layer " + origin.layerNumber() + ": " + LayerScanner.printable(dir) + " is a "
            + p.entry().type().name().toLowerCase(java.util.Locale.ROOT) + " in a lower layer but has children in "
            + "this layer; replaced by a directory");
        deleted.add(p.entry());
        deletedPaths.add(dir);
      }
      tree.put(dir, new Node(FileEntry.builder(dir, FileType.DIRECTORY).mode(0755).modified(Instant.EPOCH)
          .origin(origin).build(), -1, -1));
    }
  }

  private void removeChildren(String dir, List<FileEntry> deleted, Set<String> deletedPaths) {
    Map<String, Node> sub = dir.equals("/") ? tree.tailMap("/", false) : tree.subMap(dir + "/", true, dir + "0", false);
    for (Map.Entry<String, Node> e : sub.entrySet()) {
      deleted.add(e.getValue().entry());
      deletedPaths.add(e.getKey());
    }
    sub.clear();
  }

  NavigableMap<String, Node> tree() {
    return tree;
  }

  List<LayerChanges> changes() {
    return changes;
  }

  List<String> warnings() {
    return warnings;
  }
}
