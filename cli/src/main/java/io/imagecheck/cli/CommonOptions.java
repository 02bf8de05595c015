package io.imagecheck.cli;

import io.imagecheck.image.Platform;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.ImageSourceException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.sources.SourceOptions;
import io.imagecheck.writers.ReportWriters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options every image-reading subcommand shares, added to each with {@code @Mixin}:
 * {@code --platform}, {@code --format}, {@code --limit}, {@code --debug} and the registry flags of
 * {@link RegistryFlags}. The converters turn the
 * library's {@link IllegalArgumentException}s into picocli usage errors, so a bad value exits with
 * {@link ExitCode#ERROR} and a one-line message before anything is read.
 */
final class CommonOptions {

  /** The help text of every command's SOURCE parameter. */
  static final String SOURCE_HELP = "The image: docker-archive:PATH[:TAG], oci:DIR[:REF], oci-archive:PATH[:REF], "
      + "dir:DIR, docker://HOST[:PORT]/REPO[:TAG|@DIGEST], or a path whose kind is detected.";

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = PlatformConverter.class,
      description = "Which image of a multi-platform index to read, e.g. linux/arm64 or linux/arm/v7 "
          + "(default: the host's platform, else the only one).")
  @Nullable Platform platform;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatConverter.class,
      description = "Output format: text or json (default: ${DEFAULT-VALUE}); scan also writes sarif, junit, "
          + "spdx, cyclonedx, markdown and html.")
  String format = "text";

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(names = "--limit", paramLabel = "NAME=VALUE", converter = LimitConverter.class,
      description = "Raise or lower a read limit, e.g. manifest-bytes=16m or layers=4096 (repeatable; "
          + "suffixes k, m, g). Limits: manifest-bytes, json-depth, index-depth, layers, entries-per-layer, "
          + "entries-per-image, path-length, symlink-hops, layer-bytes, image-bytes, capture-bytes, "
          + "metadata-bytes, pax-bytes, referrers, http-header-bytes, http-error-bytes, redirects.")
  List<String> limits = new ArrayList<>();

  // Main reads --debug before parsing (Main.debugRequested), so that usage errors and logging honour it;
  // the option is declared so that picocli accepts and documents it.
  @Option(names = "--debug",
      description = "Print stack traces for errors and the library's DEBUG log lines on stderr.")
  boolean debug;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Mixin
  RegistryFlags registry = new RegistryFlags();

  /**
   * The {@code --format} of a command that writes only text or JSON.
   *
   * @return the format
   * @throws ParameterException when {@code --format} names a report format only {@code scan} writes
   */
  OutputFormat textOrJson() {
    for (OutputFormat f : OutputFormat.values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(format)) {
        return f;
      }
    }
    throw new ParameterException(mixee.commandLine(), "--format " + format + " is a scan report format; "
        + mixee.name() + " writes text or json");
  }

  /**
   * The source options these flags ask for.
   *
   * @return the platform (if given) and the limits with every {@code --limit} applied in order
   */
  SourceOptions sourceOptions() {
    return sourceOptions(Progress.disabled());
  }

  /**
   * The source options these flags ask for, with blob download progress drawn on a display.
   *
   * @param progress the progress display
   * @return the platform, limits and registry options
   */
  SourceOptions sourceOptions(Progress progress) {
    ReadLimits readLimits = ReadLimits.defaults();
    for (String assignment : limits) {
      readLimits = readLimits.with(assignment);
    }
    return SourceOptions.builder().platform(platform).limits(readLimits).registry(registry.options(progress))
        .build();
  }

  /**
   * Opens a source with these options. Every I/O failure names the source: the library's
   * {@link ImageSourceException}s already do, and any other {@link IOException} (a file that cannot be
   * read, say) is wrapped in one.
   *
   * @param reference the source
   * @return the opened source; the caller closes it
   * @throws IOException when it cannot be opened
   */
  ImageSource open(ImageReference reference) throws IOException {
    return open(reference, Progress.disabled());
  }

  /**
   * Opens a source with these options, drawing blob downloads on a progress display.
   *
   * @param reference the source
   * @param progress the progress display
   * @return the opened source; the caller closes it
   * @throws IOException when it cannot be opened
   */
  ImageSource open(ImageReference reference, Progress progress) throws IOException {
    SourceOptions sourceOptions = sourceOptions(progress);
    try {
      return ImageSources.open(reference, sourceOptions);
    } catch (ImageSourceException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageSourceException(reference.toString(), describe(e), e);
    }
  }

  /**
   * Describes an I/O failure that is not one of the library's: the JDK's messages are often just a
   * path ({@code NoSuchFileException: /x}), so the exception's kind is spelled out.
   *
   * @param e the failure
   * @return e.g. {@code cannot read: AccessDeniedException: /data/app.tar}
   */
  static String describe(IOException e) {
    return "cannot read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** {@code --platform}: {@link Platform#parse(String)}. */
  static final class PlatformConverter implements ITypeConverter<Platform> {
    @Override
    public Platform convert(String value) {
      try {
        return Platform.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }

  /** {@code --format}: a report format name ({@link ReportWriters#formats()}) in any case, kept lower-case. */
  static final class FormatConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String name = value.toLowerCase(Locale.ROOT);
      List<String> names = ReportWriters.formats();
      if (!names.contains(name)) {
        throw new TypeConversionException("expected one of " + String.join(", ", names) + ", got \"" + value + "\"");
      }
      return name;
    }
  }

  /** {@code --limit}: checked with {@link ReadLimits#with(String)}, kept as written. */
  static final class LimitConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        ReadLimits.defaults().with(value);
        return value;
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }

  /** A {@code SOURCE} argument: {@link ImageReference#parse(String)}. */
  static final class ReferenceConverter implements ITypeConverter<ImageReference> {
    @Override
    public ImageReference convert(String value) {
      try {
        return ImageReference.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(String.valueOf(e.getMessage()));
      }
    }
  }
}
