package io.imagecheck.cli;

import io.imagecheck.image.Image;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code imagecheck inspect SOURCE}: prints the resolved reference, the manifest, index and config
 * digests, the platform, user, entrypoint and command, and each layer with the history step that made
 * it. Reads only the manifest and config, never the layers' contents.
 */
@Command(name = "inspect",
    description = "Prints an image's reference, digests, platform, user, entrypoint and cmd, and each layer "
        + "with the history step that created it.",
    sortOptions = false)
final class InspectCommand implements Callable<Integer> {

  @ParentCommand
  ImageCheckCommand parent;

  @Mixin
  CommonOptions options;

  @Parameters(index = "0", paramLabel = "SOURCE", converter = CommonOptions.ReferenceConverter.class,
      description = CommonOptions.SOURCE_HELP)
  ImageReference source;

  /**
   * Reads the image and prints the report.
   *
   * @return {@link ExitCode#OK}
   * @throws IOException when the source cannot be opened or read (mapped to {@link ExitCode#ERROR})
   */
  @Override
  public Integer call() throws IOException {
    OutputFormat format = options.textOrJson();
    Progress progress = parent.progress();
    InspectReport report;
    progress.update("reading " + source);
    try (ImageSource opened = options.open(source, progress)) {
      Image image = opened.image();
      report = InspectReport.of(opened.reference(), image);
    } finally {
      progress.clear();
    }
    switch (format) {
      case JSON -> parent.out().println(Json.writer().writeValueAsString(report));
      case TEXT -> InspectText.write(report, parent.out());
      default -> throw new IllegalStateException("unhandled format " + format);
    }
    return ExitCode.OK.code();
  }
}
