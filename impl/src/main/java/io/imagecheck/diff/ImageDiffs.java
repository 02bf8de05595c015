package io.imagecheck.diff;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two images' merged filesystems and configs.
 *
 * <p>File content is compared by {@link FileEntry#contentDigest()}: build both views with content
 * digests ({@code new ContentNeeds(List.of(), List.of(), true)}); without them, content changes are
 * detected by size only. Modification times are not compared (every rebuild changes them).
 *
 * <p>Thread-safe (stateless).
 */
public final class ImageDiffs {

  private ImageDiffs() {}

  /**
   * Compares image A with image B.
   *
   * @param a the first image's view (the "before")
   * @param b the second image's view (the "after")
   * @return the differences
   */
  public static ImageDiff compare(FileSystemView a, FileSystemView b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Map<String, FileEntry> before = index(a);
    Map<String, FileEntry> after = index(b);
    List<FileEntry> added = new ArrayList<>();
    List<FileEntry> removed = new ArrayList<>();
    List<ImageDiff.FileChange> changed = new ArrayList<>();
    for (Map.Entry<String, FileEntry> e : before.entrySet()) {
      FileEntry other = after.get(e.getKey());
      if (other == null) {
        removed.add(e.getValue());
      } else {
        List<String> fields = fields(e.getValue(), other);
        if (!fields.isEmpty()) {
          changed.add(new ImageDiff.FileChange(e.getKey(), e.getValue(), other, fields));
        }
      }
    }
    for (Map.Entry<String, FileEntry> e : after.entrySet()) {
      if (!before.containsKey(e.getKey())) {
        added.add(e.getValue());
      }
    }
    return new ImageDiff(added, removed, changed, config(a.image().config(), b.image().config()));
  }

  private static Map<String, FileEntry> index(FileSystemView fs) {
    Map<String, FileEntry> m = new TreeMap<>();
    for (FileEntry e : fs.entries()) {
      m.put(e.path(), e);
    }
    return m;
  }

  private static List<String> fields(FileEntry x, FileEntry y) {
    List<String> out = new ArrayList<>();
    boolean xFile = x.isRegularFile() || x.isHardlink();
    boolean yFile = y.isRegularFile() || y.isHardlink();
    if (x.type() != y.type() && !(xFile && yFile)) {
      out.add("type");
    }
    if (xFile && yFile) {
      if (x.contentDigest().isPresent() && y.contentDigest().isPresent()) {
        if (!x.contentDigest().equals(y.contentDigest())) {
          out.add("content");
        }
      } else if (x.size() != y.size()) {
        out.add("content");
      }
    }
    if (x.mode() != y.mode() && !(x.isSymlink() && y.isSymlink())) {
      out.add("mode");
    }
    if (x.uid() != y.uid() || x.gid() != y.gid()) {
      out.add("owner");
    }
    if (x.isSymlink() && y.isSymlink() && !x.linkTarget().equals(y.linkTarget())) {
      out.add("linkTarget");
    }
    if (x.xattrs().size() + y.xattrs().size() > 0 && !x.xattrs().equals(y.xattrs())) {
      out.add("xattrs");
    }
    return out;
  }

  private static List<ImageDiff.ConfigChange> config(ImageConfig a, ImageConfig b) {
    List<ImageDiff.ConfigChange> out = new ArrayList<>();
    scalar(out, "user", a.user(), b.user());
    keyed(out, "env", a.envMap(), b.envMap());
    scalar(out, "entrypoint", render(a.entrypoint()), render(b.entrypoint()));
    scalar(out, "cmd", render(a.cmd()), render(b.cmd()));
    scalar(out, "workingDir", a.workingDir(), b.workingDir());
    keyed(out, "labels", a.labels(), b.labels());
    set(out, "exposedPorts", a.exposedPorts(), b.exposedPorts());
    set(out, "volumes", a.volumes(), b.volumes());
    return out;
  }

  /** A command list as JSON would show it, so that {@code ["a b"]} and {@code ["a", "b"]} differ. */
  private static String render(List<String> args) {
    if (args.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < args.size(); i++) {
      b.append(i == 0 ? "" : ", ").append('"').append(args.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return b.append(']').toString();
  }

  private static void scalar(List<ImageDiff.ConfigChange> out, String field, String a, String b) {
    if (!a.equals(b)) {
      out.add(new ImageDiff.ConfigChange(field, Optional.empty(), Optional.of(a).filter(s -> !s.isEmpty()),
          Optional.of(b).filter(s -> !s.isEmpty())));
    }
  }

  private static void keyed(List<ImageDiff.ConfigChange> out, String field, Map<String, String> a,
      Map<String, String> b) {
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      String x = a.get(k);
      String y = b.get(k);
      if (!Objects.equals(x, y)) {
        out.add(new ImageDiff.ConfigChange(field, Optional.of(k), Optional.ofNullable(x), Optional.ofNullable(y)));
      }
    }
  }

  private static void set(List<ImageDiff.ConfigChange> out, String field, List<String> a, List<String> b) {
    for (String x : a) {
      if (!b.contains(x)) {
        out.add(new ImageDiff.ConfigChange(field, Optional.of(x), Optional.of(x), Optional.empty()));
      }
    }
    for (String y : b) {
      if (!a.contains(y)) {
        out.add(new ImageDiff.ConfigChange(field, Optional.of(y), Optional.empty(), Optional.of(y)));
      }
    }
  }
}
