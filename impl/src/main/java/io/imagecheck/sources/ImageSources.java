package io.imagecheck.sources;

import io.imagecheck.image.Compression;
import io.imagecheck.internal.blob.Decompressors;
import io.imagecheck.source.DockerReference;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageNotFoundException;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.source.Transport;
import io.imagecheck.sources.archive.DockerArchiveSource;
import io.imagecheck.sources.archive.TarArchiveFile;
import io.imagecheck.sources.layout.DirTransportSource;
import io.imagecheck.sources.layout.OciLayoutSource;
import io.imagecheck.sources.registry.RegistrySource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Opens image sources by reference.
 *
 * <pre>{@code
 * try (ImageSource source = ImageSources.open("oci-archive:build/app.tar")) {
 *   Image image = source.image();
 * }
 * }</pre>
 *
 * <p>A reference without a transport prefix is detected from what exists at the path: a directory
 * with {@code index.json} is an OCI layout, one with {@code manifest.json} a {@code dir:} image; a
 * file is a docker-archive when it has a {@code manifest.json} member, else an OCI archive when it has
 * {@code index.json} (both may be gzip-compressed). A path that does not exist is read from a
 * registry only when its first component is clearly a registry host (it contains a dot or a colon,
 * or is {@code localhost}); otherwise it is an error that suggests the right prefix, so a mistyped
 * path never turns into a network pull. {@code docker://} references are read from registries
 * ({@link RegistrySource}).
 *
 * <p>Thread-safe (stateless).
 */
public final class ImageSources {

  private ImageSources() {}

  /**
   * Opens a source with default options.
   *
   * @param reference e.g. {@code docker-archive:app.tar}, {@code oci:build/image:latest}, or a path
   * @return the opened source; the caller closes it
   * @throws IOException when the source cannot be opened
   * @throws IllegalArgumentException when the reference string is malformed
   */
  public static ImageSource open(String reference) throws IOException {
    return open(ImageReference.parse(reference), SourceOptions.defaults());
  }

  /**
   * Opens a source.
   *
   * @param reference e.g. {@code docker-archive:app.tar}
   * @param options platform and limits
   * @return the opened source; the caller closes it
   * @throws IOException when the source cannot be opened
   * @throws IllegalArgumentException when the reference string is malformed
   */
  public static ImageSource open(String reference, SourceOptions options) throws IOException {
    return open(ImageReference.parse(reference), options);
  }

  /**
   * Opens a source.
   *
   * @param reference the reference
   * @param options platform and limits
   * @return the opened source; the caller closes it
   * @throws IOException when the source cannot be opened
   */
  public static ImageSource open(ImageReference reference, SourceOptions options) throws IOException {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(options, "options");
    return switch (reference.transport()) {
      case DOCKER_ARCHIVE -> DockerArchiveSource.open(reference, options);
      case OCI -> OciLayoutSource.openDirectory(reference, options);
      case OCI_ARCHIVE -> OciLayoutSource.openArchive(reference, options);
      case DIR -> DirTransportSource.open(reference, options);
      case DOCKER -> RegistrySource.open(reference, options);
      case UNSPECIFIED -> open(detect(reference.path(), options.limits()), options);
    };
  }

  /**
   * Detects the transport of an unprefixed path from what exists there.
   *
   * @param path a local path, or a registry reference without {@code docker://}
   * @return the reference with its transport
   * @throws IOException when nothing usable is at the path
   */
  public static ImageReference detect(String path) throws IOException {
    return detect(path, ReadLimits.defaults());
  }

  private static ImageReference detect(String path, ReadLimits limits) throws IOException {
    Path p = Path.of(path);
    if (Files.isDirectory(p)) {
      if (Files.exists(p.resolve("index.json"))) {
        return ImageReference.local(Transport.OCI, path, null);
      }
      if (Files.exists(p.resolve("manifest.json"))) {
        return ImageReference.local(Transport.DIR, path, null);
      }
      throw new ImageFormatException(path, "directory is neither an OCI layout (no index.json) nor a dir: image "
          + "(no manifest.json)");
    }
    if (Files.isRegularFile(p)) {
      return ImageReference.local(detectArchive(p, limits), path, null);
    }
    int slash = path.indexOf('/');
    if (slash > 0 && DockerReference.isRegistryHost(path.substring(0, slash))) {
      return ImageReference.docker(DockerReference.parse(path));
    }
    throw new ImageNotFoundException(path, "no such file or directory; to read from a registry, write docker://"
        + path + ", or use a transport prefix (docker-archive:, oci:, oci-archive:, dir:)", List.of());
  }

  private static Transport detectArchive(Path p, ReadLimits limits) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(p))) {
      Compression c = Decompressors.detect(in);
      if (c == Compression.NONE) {
        byte[] head = in.readNBytes(512);
        if (head.length < 512 || !new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
          throw new ImageFormatException(p.toString(), "not an image archive (not a tar file, nor gzip/zstd)");
        }
      }
    }
    try (TarArchiveFile tar = TarArchiveFile.open(p, p.toString(), limits)) {
      if (tar.exists("manifest.json") || tar.exists("repositories")) {
        return Transport.DOCKER_ARCHIVE;
      }
      if (tar.exists("index.json")) {
        return Transport.OCI_ARCHIVE;
      }
    }
    throw new ImageFormatException(p.toString(), "tar archive is neither a docker-archive (no manifest.json) nor an "
        + "OCI archive (no index.json)");
  }
}
