package io.imagecheck.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imagecheck.diff.ImageDiff;
import io.imagecheck.diff.ImageDiffs;
import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.filesystems.ViewOptions;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code imagecheck diff SOURCE-A SOURCE-B}: the drift between two images (usually two builds of the
 * same one): paths added, removed and changed (content digest, type, mode, owner, link target), and
 * config changes (user, env, entrypoint, cmd, working directory, labels, exposed ports, volumes).
 * Modification times are ignored. Exits 0 when the images are the same, 1 when they differ (as
 * {@code diff(1)} does), 2 on errors.
 */
@Command(name = "diff",
    description = "Shows files added, removed and changed, and config changes, between two images. "
        + "Exit 0 when identical, 1 when different.",
    sortOptions = false)
final class DiffCommand implements Callable<Integer> {

  private static final ContentNeeds DIGESTS = new ContentNeeds(List.of(), List.of(), true);

  @ParentCommand
  ImageCheckCommand parent;

  @Mixin
  CommonOptions options;

  @Parameters(index = "0", paramLabel = "SOURCE-A", converter = CommonOptions.ReferenceConverter.class,
      description = "The first image (the \"before\").")
  ImageReference sourceA;

  @Parameters(index = "1", paramLabel = "SOURCE-B", converter = CommonOptions.ReferenceConverter.class,
      description = "The second image (the \"after\").")
  ImageReference sourceB;

  /**
   * Compares the images.
   *
   * @return {@link ExitCode#OK} when identical, {@link ExitCode#DIFFERENT} when different
   * @throws IOException when an image cannot be read
   */
  @Override
  public Integer call() throws IOException {
    OutputFormat format = options.textOrJson();
    Progress progress = parent.progress();
    ImageDiff diff;
    ViewOptions viewOptions = ViewOptions.defaults().withLimits(options.sourceOptions().limits());
    try (ImageSource a = options.open(sourceA); ImageSource b = options.open(sourceB)) {
      progress.update("reading " + sourceA);
      FileSystemView fa = FileSystemViews.read(a.image(), DIGESTS, viewOptions);
      progress.update("reading " + sourceB);
      FileSystemView fb = FileSystemViews.read(b.image(), DIGESTS, viewOptions);
      diff = ImageDiffs.compare(fa, fb);
    } finally {
      progress.clear();
    }
    switch (format) {
      case JSON -> json(diff, parent.out());
      case TEXT -> text(diff, parent.out());
      default -> throw new IllegalStateException("unhandled format " + format);
    }
    return diff.identical() ? ExitCode.OK.code() : ExitCode.DIFFERENT.code();
  }

  private void text(ImageDiff d, PrintStream out) {
    if (d.identical()) {
      out.println("identical: same files and config");
      return;
    }
    for (FileEntry e : d.removed()) {
      out.println("- " + Terminal.escape(e.path()) + "  " + LsCommand.origin(e.origin(), false) + " (in A)");
    }
    for (FileEntry e : d.added()) {
      out.println("+ " + Terminal.escape(e.path()) + "  " + LsCommand.origin(e.origin(), false) + " (in B)");
    }
    for (ImageDiff.FileChange c : d.changed()) {
      StringBuilder b = new StringBuilder("~ ").append(Terminal.escape(c.path())).append("  ");
      for (String f : c.fields()) {
        b.append(f).append(": ").append(describe(f, c.before())).append(" -> ").append(describe(f, c.after())).append("; ");
      }
      b.setLength(b.length() - 2);
      b.append("  ").append(LsCommand.origin(c.after().origin(), false)).append(" (in B)");
      out.println(b);
    }
    for (ImageDiff.ConfigChange c : d.config()) {
      out.println("config " + c.field() + c.key().map(k -> " " + Terminal.escape(k)).orElse("") + ": "
          + value(c.before()) + " -> " + value(c.after()));
    }
    out.println(d.added().size() + " added, " + d.removed().size() + " removed, " + d.changed().size()
        + " changed, " + d.config().size() + " config changes");
  }

  private static String value(Optional<String> v) {
    return v.map(s -> "\"" + Terminal.escape(s) + "\"").orElse("(none)");
  }

  private static String describe(String field, FileEntry e) {
    return switch (field) {
      case "type" -> e.type().name().toLowerCase(java.util.Locale.ROOT);
      case "content" -> e.contentDigest().map(d -> d.shortForm()).orElse(e.size() + " bytes");
      case "mode" -> e.octalMode();
      case "owner" -> e.uid() + ":" + e.gid();
      case "linkTarget" -> Terminal.escape(e.linkTarget().orElse(""));
      case "xattrs" -> String.join(",", e.xattrs().keySet());
      default -> "?";
    };
  }

  private void json(ImageDiff d, PrintStream out) throws IOException {
    try (JsonGenerator g = Json.writer().getFactory().createGenerator(Terminal.unclosable(out))) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("schemaVersion", 1);
      g.writeStringField("a", sourceA.toString());
      g.writeStringField("b", sourceB.toString());
      g.writeBooleanField("identical", d.identical());
      paths(g, "added", d.added());
      paths(g, "removed", d.removed());
      g.writeArrayFieldStart("changed");
      for (ImageDiff.FileChange c : d.changed()) {
        g.writeStartObject();
        g.writeStringField("path", c.path());
        g.writeArrayFieldStart("fields");
        for (String f : c.fields()) {
          g.writeString(f);
        }
        g.writeEndArray();
        side(g, "before", c.before());
        side(g, "after", c.after());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("config");
      for (ImageDiff.ConfigChange c : d.config()) {
        g.writeStartObject();
        g.writeStringField("field", c.field());
        if (c.key().isPresent()) {
          g.writeStringField("key", c.key().get());
        }
        if (c.before().isPresent()) {
          g.writeStringField("before", c.before().get());
        }
        if (c.after().isPresent()) {
          g.writeStringField("after", c.after().get());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.println();
  }

  private static void paths(JsonGenerator g, String name, List<FileEntry> entries) throws IOException {
    g.writeArrayFieldStart(name);
    for (FileEntry e : entries) {
      g.writeStartObject();
      g.writeStringField("path", e.path());
      g.writeStringField("type", e.type().name().toLowerCase(java.util.Locale.ROOT));
      g.writeNumberField("layer", e.origin().layerIndex());
      if (e.origin().historyStep().isPresent()) {
        g.writeNumberField("historyStep", e.origin().historyStep().get());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void side(JsonGenerator g, String name, FileEntry e) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeStringField("type", e.type().name().toLowerCase(java.util.Locale.ROOT));
    g.writeStringField("mode", e.octalMode());
    g.writeNumberField("uid", e.uid());
    g.writeNumberField("gid", e.gid());
    g.writeNumberField("size", e.size());
    if (e.contentDigest().isPresent()) {
      g.writeStringField("contentDigest", e.contentDigest().get().toString());
    }
    if (e.linkTarget().isPresent()) {
      g.writeStringField("linkTarget", e.linkTarget().get());
    }
    g.writeNumberField("layer", e.origin().layerIndex());
    g.writeEndObject();
  }
}
