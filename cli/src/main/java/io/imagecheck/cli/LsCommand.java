package io.imagecheck.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.filesystems.ViewOptions;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.ImagePaths;
import io.imagecheck.fs.LayerChanges;
import io.imagecheck.fs.Origin;
import io.imagecheck.fs.PathGlob;
import io.imagecheck.image.Image;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code imagecheck ls SOURCE [PATH-or-GLOB] [--long] [--layer N]}: the merged tree, each entry with
 * its type, mode, owner, size, path, link target and the layer and history step that produced it.
 *
 * <ul>
 *   <li>no PATH: every entry, parents before children;
 *   <li>a PATH: that entry and, when it is a directory, everything under it (links in the path are
 *       followed inside the image, as {@code ls} follows them);
 *   <li>a GLOB ({@code *}, {@code **}, {@code ?}, {@code [..]}, <code>{a,b}</code>): the matching entries;
 *   <li>{@code --layer N} (from 1): what that one layer did instead: {@code A} added, {@code M} replaced,
 *       {@code D} deleted (by a whiteout or an opaque directory), {@code O} directories it made opaque.
 * </ul>
 */
@Command(name = "ls",
    description = "Lists the merged filesystem (or one layer's changes) with the layer and history step of "
        + "each entry.",
    sortOptions = false)
final class LsCommand implements Callable<Integer> {

  @ParentCommand
  ImageCheckCommand parent;

  @Mixin
  CommonOptions options;

  @Parameters(index = "0", paramLabel = "SOURCE", converter = CommonOptions.ReferenceConverter.class,
      description = "The image (see inspect).")
  ImageReference source;

  @Parameters(index = "1", arity = "0..1", paramLabel = "PATH-or-GLOB",
      description = "A path (with everything under it) or a glob; default: the whole tree.")
  @Nullable String pathOrGlob;

  @Option(names = {"-l", "--long"},
      description = "Also show owner names, modification time and the history step's command.")
  boolean longFormat;

  @Option(names = "--layer", paramLabel = "N", description = "Show what layer N (counted from 1) added, "
      + "replaced and deleted instead of the merged tree.")
  @Nullable Integer layer;

  /** One listed entry and how this layer changed it (space for the merged tree). */
  record Row(char change, FileEntry entry) {}

  /**
   * Lists the entries.
   *
   * @return {@link ExitCode#OK}
   * @throws IOException when the image cannot be read
   */
  @Override
  public Integer call() throws IOException {
    OutputFormat format = options.textOrJson();
    Progress progress = parent.progress();
    List<Row> rows;
    Image image;
    try (ImageSource opened = options.open(source)) {
      image = opened.image();
      progress.update("reading " + image.layers().size() + " layers of " + source);
      FileSystemView fs = FileSystemViews.read(image, ContentNeeds.NONE,
          ViewOptions.defaults().withLimits(options.sourceOptions().limits()));
      rows = layer == null ? merged(fs) : changes(fs, image);
    } finally {
      progress.clear();
    }
    switch (format) {
      case JSON -> json(rows, parent.out());
      case TEXT -> text(rows, parent.out());
      default -> throw new IllegalStateException("unhandled format " + format);
    }
    return ExitCode.OK.code();
  }

  private List<Row> merged(FileSystemView fs) {
    List<FileEntry> entries;
    if (pathOrGlob == null) {
      entries = fs.entries();
    } else if (isGlob(pathOrGlob)) {
      entries = fs.find(PathGlob.of(pathOrGlob));
    } else {
      Optional<FileEntry> top = fs.resolve(pathOrGlob).target();
      if (top.isEmpty()) {
        throw new IllegalArgumentException("no such path in the image: " + Terminal.escape(ImagePaths.clean(pathOrGlob)));
      }
      String root = top.get().path();
      entries = new ArrayList<>();
      for (FileEntry e : fs.entries()) {
        if (ImagePaths.isWithin(root, e.path())) {
          entries.add(e);
        }
      }
    }
    List<Row> rows = new ArrayList<>(entries.size());
    for (FileEntry e : entries) {
      rows.add(new Row(' ', e));
    }
    return rows;
  }

  private List<Row> changes(FileSystemView fs, Image image) {
    int n = image.layers().size();
    if (layer < 1 || layer > n) {
      throw new IllegalArgumentException("--layer must be between 1 and " + n + ", got " + layer);
    }
    LayerChanges c = fs.layerChanges().get(layer - 1);
    PathGlob filter = pathOrGlob == null ? null : isGlob(pathOrGlob) ? PathGlob.of(pathOrGlob)
        : PathGlob.of(ImagePaths.clean(pathOrGlob) + "{,/**}");
    List<Row> rows = new ArrayList<>();
    add(rows, 'A', c.added(), filter);
    add(rows, 'M', c.modified(), filter);
    add(rows, 'D', c.deleted(), filter);
    rows.sort((a, b) -> a.entry().path().compareTo(b.entry().path()));
    return rows;
  }

  private static void add(List<Row> rows, char change, List<FileEntry> entries, @Nullable PathGlob filter) {
    for (FileEntry e : entries) {
      if (filter == null || filter.matches(e.path())) {
        rows.add(new Row(change, e));
      }
    }
  }

  private static boolean isGlob(String s) {
    return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  private void text(List<Row> rows, PrintStream out) {
    int sizeWidth = 1;
    for (Row r : rows) {
      sizeWidth = Math.max(sizeWidth, Long.toString(r.entry().size()).length());
    }
    StringBuilder line = new StringBuilder(160);
    for (Row r : rows) {
      FileEntry e = r.entry();
      line.setLength(0);
      if (layer != null) {
        line.append(r.change()).append(' ');
      }
      line.append(e.modeString()).append(' ');
      String owner = e.uid() + ":" + e.gid();
      if (longFormat && (e.userName().isPresent() || e.groupName().isPresent())) {
        owner += "(" + e.userName().orElse("") + ":" + e.groupName().orElse("") + ")";
      }
      line.append(pad(Terminal.escape(owner), 12)).append(' ');
      String size = Long.toString(e.size());
      line.append(" ".repeat(sizeWidth - size.length())).append(size).append(' ');
      if (longFormat) {
        line.append(e.modified()).append(' ');
      }
      line.append(Terminal.escape(e.path()));
      e.linkTarget().ifPresent(t -> line.append(e.isHardlink() ? " => " : " -> ").append(Terminal.escape(t)));
      line.append("  ").append(origin(e.origin(), longFormat));
      out.println(line);
    }
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /** {@code [layer 2, step 4]}, or with the command when long. */
  static String origin(Origin o, boolean withCommand) {
    StringBuilder b = new StringBuilder("[layer ").append(o.layerNumber());
    o.historyStep().ifPresent(s -> b.append(", step ").append(s));
    if (withCommand) {
      o.createdBy().ifPresent(c -> b.append(": ").append(Terminal.escape(InspectText.oneLine(c))));
    }
    return b.append(']').toString();
  }

  private void json(List<Row> rows, PrintStream out) throws IOException {
    try (JsonGenerator g = Json.writer().getFactory().createGenerator(Terminal.unclosable(out))) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("schemaVersion", 1);
      g.writeStringField("source", source.toString());
      if (layer != null) {
        g.writeNumberField("layer", layer);
      }
      g.writeArrayFieldStart("entries");
      for (Row r : rows) {
        writeEntry(g, r);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.println();
  }

  private void writeEntry(JsonGenerator g, Row r) throws IOException {
    FileEntry e = r.entry();
    g.writeStartObject();
    if (layer != null) {
      g.writeStringField("change", switch (r.change()) {
        case 'A' -> "added";
        case 'M' -> "modified";
        default -> "deleted";
      });
    }
    g.writeStringField("path", e.path());
    g.writeStringField("type", e.type().name().toLowerCase(java.util.Locale.ROOT));
    g.writeStringField("mode", e.octalMode());
    g.writeNumberField("uid", e.uid());
    g.writeNumberField("gid", e.gid());
    if (e.userName().isPresent()) {
      g.writeStringField("user", e.userName().get());
    }
    if (e.groupName().isPresent()) {
      g.writeStringField("group", e.groupName().get());
    }
    g.writeNumberField("size", e.size());
    g.writeStringField("modified", e.modified().toString());
    if (e.linkTarget().isPresent()) {
      g.writeStringField("linkTarget", e.linkTarget().get());
    }
    if (!e.xattrs().isEmpty()) {
      g.writeArrayFieldStart("xattrs");
      for (String k : e.xattrs().keySet()) {
        g.writeString(k);
      }
      g.writeEndArray();
    }
    Origin o = e.origin();
    g.writeObjectFieldStart("layer");
    g.writeNumberField("index", o.layerIndex());
    g.writeStringField("digest", o.layerDigest().toString());
    g.writeStringField("diffId", o.diffId().toString());
    if (o.historyStep().isPresent()) {
      g.writeNumberField("historyStep", o.historyStep().get());
    }
    if (o.createdBy().isPresent()) {
      g.writeStringField("createdBy", o.createdBy().get());
    }
    g.writeEndObject();
    g.writeEndObject();
  }
}
