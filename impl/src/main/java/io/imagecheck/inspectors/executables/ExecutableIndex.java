package io.imagecheck.inspectors.executables;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.ImagePaths;
import io.imagecheck.fs.Resolution;
import io.imagecheck.fs.Visit;
import io.imagecheck.image.ImageConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The executables an image's search directories reach ({@link SearchPaths#searchDirectories}),
 * resolved through the image's own links, grouped by file.
 *
 * <p>Every non-directory name in every search directory is resolved with
 * {@link FileSystemView#resolve(String)}; the name counts when it resolves to a regular file or hard
 * link with an execute bit (for a hard link, its target's mode). Names that resolve to a file without
 * an execute bit are kept apart ({@link #notExecutable()}); dangling links are ignored. Files are
 * identified by inode as far as a tar can tell: a symlink is its target, and a hard link is the file it
 * was linked to, so {@code /bin/sh} and {@code /usr/bin/sh} under usrmerge, or BusyBox's hundreds of
 * hard links, give one {@link Executable} with many {@link Reach}es.
 *
 * <p>A file is a multi-call binary when {@link MultiCallVisitor} recognised its content in the layer
 * that wrote it, or else when it or a name that reaches it is called {@code busybox} or
 * {@code toybox}.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class ExecutableIndex {

  private static final int MAX_HARDLINK_HOPS = 8;
  private static final Set<String> MULTI_CALL_NAMES = Set.of(MultiCall.BUSYBOX, MultiCall.TOYBOX);

  private final FileSystemView fs;
  private final List<String> pathDirectories;
  private final List<String> searchDirectories;
  private final Map<String, List<Visit<MultiCall>>> visitsByPath;
  private final Map<String, Executable> byFile;
  private final Map<String, List<Reach>> byName;
  private final List<Reach> notExecutable;

  private ExecutableIndex(FileSystemView fs, ImageConfig config, List<Visit<MultiCall>> visits) {
    this.fs = fs;
    this.pathDirectories = SearchPaths.pathDirectories(config);
    this.searchDirectories = SearchPaths.searchDirectories(config);
    Map<String, List<Visit<MultiCall>>> vs = new HashMap<>();
    for (Visit<MultiCall> v : visits) {
      vs.computeIfAbsent(v.entry().path(), k -> new ArrayList<>()).add(v);
    }
    this.visitsByPath = vs;

    Map<String, Identity> identities = new LinkedHashMap<>();
    Map<String, List<Reach>> reachesByFile = new LinkedHashMap<>();
    Map<String, List<Reach>> names = new LinkedHashMap<>();
    List<Reach> nonExec = new ArrayList<>();
    for (String dir : searchDirectories) {
      boolean onPath = pathDirectories.contains(dir);
      for (FileEntry child : fs.list(dir)) {
        if (child.isDirectory()) {
          continue;
        }
        String path = dir.equals("/") ? "/" + child.name() : dir + "/" + child.name();
        Resolution r = fs.resolve(path);
        Optional<FileEntry> target = r.target();
        if (target.isEmpty() || target.get().isDirectory()) {
          continue;
        }
        Identity id = identify(target.get());
        Reach reach = new Reach(child.name(), path, onPath, child, r, id.key);
        if (!target.get().isExecutable()) {
          nonExec.add(reach);
          continue;
        }
        identities.putIfAbsent(id.key, id);
        reachesByFile.computeIfAbsent(id.key, k -> new ArrayList<>()).add(reach);
        names.computeIfAbsent(child.name(), k -> new ArrayList<>()).add(reach);
      }
    }
    Map<String, Executable> files = new LinkedHashMap<>();
    for (Map.Entry<String, List<Reach>> e : reachesByFile.entrySet()) {
      Identity id = identities.get(e.getKey());
      files.put(e.getKey(), new Executable(id.key, id.entry, multiCall(id, e.getValue()), e.getValue()));
    }
    this.byFile = files;
    names.replaceAll((k, v) -> List.copyOf(v));
    this.byName = names;
    this.notExecutable = List.copyOf(nonExec);
  }

  /**
   * Indexes an image's executables.
   *
   * @param fs the merged view
   * @param config the image config (for {@code PATH})
   * @param visits what a {@link MultiCallVisitor} of the view's content needs returned
   * @return the index
   */
  public static ExecutableIndex build(FileSystemView fs, ImageConfig config, List<Visit<MultiCall>> visits) {
    Objects.requireNonNull(fs, "fs");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(visits, "visits");
    return new ExecutableIndex(fs, config, visits);
  }

  /**
   * The absolute directories of the config's {@code PATH}.
   *
   * @return the {@code PATH} directories, in order
   */
  public List<String> pathDirectories() {
    return pathDirectories;
  }

  /**
   * The directories searched: {@code PATH}, then the usual ones.
   *
   * @return the search directories, in order
   */
  public List<String> searchDirectories() {
    return searchDirectories;
  }

  /**
   * Every executable file reached, in the order first reached.
   *
   * @return the executables
   */
  public List<Executable> executables() {
    return List.copyOf(byFile.values());
  }

  /**
   * The executable file a reach runs.
   *
   * @param reach a reach of this index
   * @return its executable
   * @throws IllegalArgumentException when the reach is not from this index
   */
  public Executable executable(Reach reach) {
    Executable e = byFile.get(reach.filePath());
    if (e == null) {
      throw new IllegalArgumentException("not a reach of this index: " + reach.path());
    }
    return e;
  }

  /**
   * The executable paths with a given name, in search order.
   *
   * @param name a command name, e.g. {@code wget}
   * @return its reaches; empty when no search directory has an executable of that name
   */
  public List<Reach> reaches(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /**
   * Every command name found.
   *
   * @return the names, in the order first found
   */
  public Set<String> names() {
    return byName.keySet();
  }

  /**
   * What a container would run for a bare command name: the first executable of that name in a
   * {@code PATH} directory.
   *
   * @param name a command name, e.g. {@code sh}
   * @return the reach, if the name is on {@code PATH}
   */
  public Optional<Reach> lookup(String name) {
    return reaches(name).stream().filter(Reach::onPath).findFirst();
  }

  /**
   * Names in the search directories that resolve to a file without an execute bit.
   *
   * @return those reaches, in search order
   */
  public List<Reach> notExecutable() {
    return notExecutable;
  }

  /**
   * The executable at any path of the image: the indexed one (with all its reaches) when the path
   * leads to an indexed file, else a new one with this path as its only reach.
   *
   * @param path an absolute image path, e.g. {@code /opt/tools/bash}
   * @return the executable; empty when the path does not resolve to a file with an execute bit
   */
  public Optional<Executable> executableAt(String path) {
    String clean = ImagePaths.clean(path);
    Resolution r = fs.resolve(clean);
    Optional<FileEntry> lstat = fs.entry(clean);
    if (r.target().isEmpty() || lstat.isEmpty() || !r.target().get().isExecutable()) {
      return Optional.empty();
    }
    Identity id = identify(r.target().get());
    Executable known = byFile.get(id.key);
    if (known != null) {
      return Optional.of(known);
    }
    Reach reach = new Reach(ImagePaths.name(clean), clean, false, lstat.get(), r, id.key);
    return Optional.of(new Executable(id.key, id.entry, multiCall(id, List.of(reach)), List.of(reach)));
  }

  /**
   * Follows hard links to the file they were linked to. A hard link is the same inode as its target
   * as long as the target path still holds the entry that was there when the link was written (not a
   * later layer's replacement); otherwise the link stands for itself, with its content found by the
   * target's path among the visits of layers up to the link's.
   */
  private Identity identify(FileEntry target) {
    FileEntry e = target;
    for (int hop = 0; hop < MAX_HARDLINK_HOPS && e.isHardlink(); hop++) {
      Optional<String> to = e.linkTarget();
      Optional<FileEntry> next = to.flatMap(fs::entry);
      if (next.isEmpty() || !(next.get().isRegularFile() || next.get().isHardlink())) {
        return new Identity(e.path(), e, to.orElse(e.path()), e.origin().layerIndex(), false);
      }
      if (next.get().origin().layerIndex() > e.origin().layerIndex()) {
        // the target path was replaced after the link was made: the link keeps the old content
        return new Identity(e.path(), e, next.get().path(), e.origin().layerIndex(), false);
      }
      e = next.get();
    }
    return new Identity(e.path(), e, e.path(), e.origin().layerIndex(), true);
  }

  private Optional<MultiCall> multiCall(Identity id, List<Reach> reaches) {
    Visit<MultiCall> found = null;
    for (Visit<MultiCall> v : visitsByPath.getOrDefault(id.contentPath, List.of())) {
      int layer = v.entry().origin().layerIndex();
      if (id.exactLayer ? layer == id.contentLayer : layer <= id.contentLayer) {
        found = v;
      }
    }
    if (found != null) {
      return Optional.of(found.result());
    }
    String own = ImagePaths.name(id.key);
    if (MULTI_CALL_NAMES.contains(own)) {
      return Optional.of(MultiCall.byName(own));
    }
    for (Reach r : reaches) {
      if (MULTI_CALL_NAMES.contains(r.name())) {
        return Optional.of(MultiCall.byName(r.name()));
      }
    }
    return Optional.empty();
  }

  /**
   * Which file an executable entry is.
   *
   * @param key the file's identity (its path, or a stale hard link's own path)
   * @param entry the file's entry
   * @param contentPath the path whose layer content holds the bytes
   * @param contentLayer the layer of that content (or the newest layer it may come from)
   * @param exactLayer whether the content is in exactly that layer
   */
  private record Identity(String key, FileEntry entry, String contentPath, int contentLayer, boolean exactLayer) {}
}
