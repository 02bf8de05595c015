package io.imagecheck.testimage;

import io.imagecheck.fs.FileType;
import io.imagecheck.image.Compression;
import io.imagecheck.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One filesystem layer: an uncompressed tar stream written entry by entry, in the order given.
 *
 * <p>Build one inside {@link TestImage.Builder#layer(String, java.util.function.Consumer)}, or on
 * its own with {@link #builder()} to get tar bytes for a tar reader's tests:
 *
 * <pre>{@code
 * TestLayer layer = TestLayer.builder()
 *     .directory("/bin")
 *     .file("/bin/busybox", elfBytes, 0755)
 *     .symlink("/bin/sh", "busybox")
 *     .whiteout("/etc/motd")
 *     .build();
 * byte[] tar = layer.tar();
 * }</pre>
 *
 * <p>Entries get the defaults of {@link FileSpec#builder(String, io.imagecheck.fs.FileType)}: owner
 * 0:0 without names and the fixed time {@link FileSpec#DEFAULT_MODIFIED}. Parent directories are
 * not added unless {@link Builder#parents(boolean)} asks for them (real layers often lack them).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TestLayer {

  private final byte[] tar;
  private final Digest diffId;
  private final @Nullable Compression compression;

  private TestLayer(byte[] tar, @Nullable Compression compression) {
    this.tar = tar;
    this.diffId = Digest.sha256(tar);
    this.compression = compression;
  }

  /**
   * Starts an empty layer.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The uncompressed tar stream.
   *
   * @return a copy of the bytes
   */
  public byte[] tar() {
    return tar.clone();
  }

  /**
   * The size of the uncompressed tar stream.
   *
   * @return the number of bytes
   */
  public int size() {
    return tar.length;
  }

  /**
   * The diff_id: the sha256 of the uncompressed tar stream.
   *
   * @return the digest
   */
  public Digest diffId() {
    return diffId;
  }

  /**
   * The compression chosen for this layer, overriding the image's
   * {@link TestImage.Builder#layerCompression(Compression)}.
   *
   * @return the compression, if set for this layer
   */
  public Optional<Compression> compression() {
    return Optional.ofNullable(compression);
  }

  /** The uncompressed bytes without a copy, for this package's writers. */
  byte[] tarBytes() {
    return tar;
  }

  /**
   * A mutable builder for a {@link TestLayer}; not thread-safe. Every path is an absolute, clean
   * image path ({@code /usr/bin/env}); use {@link #rawEntry(RawTarEntry)} for anything else.
   */
  public static final class Builder {
    private final List<Object> entries = new ArrayList<>();
    private boolean parents;
    private boolean endOfArchive = true;
    private @Nullable Compression compression;

    private Builder() {}

    /**
     * Adds a directory with mode 0755.
     *
     * @param path the directory, e.g. {@code /usr/bin} ({@code /} is written as {@code ./})
     * @return this builder
     */
    public Builder directory(String path) {
      return entry(FileSpec.builder(path, FileType.DIRECTORY).build());
    }

    /**
     * Adds a directory.
     *
     * @param path the directory
     * @param mode its mode, e.g. {@code 01777} for {@code /tmp}
     * @return this builder
     */
    public Builder directory(String path, int mode) {
      return entry(FileSpec.builder(path, FileType.DIRECTORY).mode(mode).build());
    }

    /**
     * Adds a regular file with UTF-8 text content and mode 0644.
     *
     * @param path the file
     * @param content the text
     * @return this builder
     */
    public Builder file(String path, String content) {
      return file(path, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    /**
     * Adds a regular file with UTF-8 text content, e.g. an executable script.
     *
     * @param path the file
     * @param content the text
     * @param mode its mode, e.g. {@code 0755}
     * @return this builder
     */
    public Builder file(String path, String content, int mode) {
      return file(path, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    /**
     * Adds a regular file with mode 0644.
     *
     * @param path the file
     * @param content the bytes
     * @return this builder
     */
    public Builder file(String path, byte[] content) {
      return file(path, content, 0644);
    }

    /**
     * Adds a regular file.
     *
     * @param path the file
     * @param content the bytes
     * @param mode its mode, e.g. {@code 0755} or {@code 04755} (setuid)
     * @return this builder
     */
    public Builder file(String path, byte[] content, int mode) {
      return entry(FileSpec.builder(path, FileType.REGULAR).content(content).mode(mode).build());
    }

    /**
     * Adds an entry with full control over its header (owner, names, time, xattrs ...).
     *
     * @param spec the entry
     * @return this builder
     */
    public Builder entry(FileSpec spec) {
      entries.add(Objects.requireNonNull(spec, "spec"));
      return this;
    }

    /**
     * Adds a symbolic link.
     *
     * @param path the link
     * @param target the target as written, relative ({@code busybox}) or absolute
     * @return this builder
     */
    public Builder symlink(String path, String target) {
      return entry(FileSpec.builder(path, FileType.SYMLINK).linkTarget(target).build());
    }

    /**
     * Adds a hard link to an entry written earlier (in this layer or a lower one).
     *
     * @param path the link
     * @param target the absolute path of the linked entry, e.g. {@code /bin/busybox}
     * @return this builder
     */
    public Builder hardlink(String path, String target) {
      return entry(FileSpec.builder(path, FileType.HARDLINK).linkTarget(target).build());
    }

    /**
     * Adds a whiteout: an empty file {@code .wh.<name>} beside the path, which hides the path of
     * lower layers. Written with mode 0, as Docker writes whiteouts.
     *
     * @param path the path to delete, e.g. {@code /etc/old} (written as {@code etc/.wh.old})
     * @return this builder
     * @throws IllegalArgumentException for {@code /}
     */
    public Builder whiteout(String path) {
      FileSpec.checkPath(path, "whiteout path");
      if (path.equals("/")) {
        throw new IllegalArgumentException("cannot white out /; use opaque(\"/\")");
      }
      int slash = path.lastIndexOf('/');
      return entry(marker(path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1)));
    }

    /**
     * Adds an opaque-directory marker {@code .wh..wh..opq}, which hides everything lower layers put
     * inside the directory. Written with mode 0.
     *
     * @param directory the directory, e.g. {@code /var/cache} (written as
     *     {@code var/cache/.wh..wh..opq})
     * @return this builder
     */
    public Builder opaque(String directory) {
      FileSpec.checkPath(directory, "opaque directory");
      return entry(marker((directory.equals("/") ? "" : directory) + "/.wh..wh..opq"));
    }

    private static FileSpec marker(String path) {
      return FileSpec.builder(path, FileType.REGULAR).mode(0).build();
    }

    /**
     * Adds a character device with mode 0666.
     *
     * @param path the device, e.g. {@code /dev/null}
     * @param major the major number
     * @param minor the minor number
     * @return this builder
     */
    public Builder charDevice(String path, int major, int minor) {
      return entry(FileSpec.builder(path, FileType.CHAR_DEVICE).device(major, minor).build());
    }

    /**
     * Adds a block device with mode 0666.
     *
     * @param path the device, e.g. {@code /dev/sda}
     * @param major the major number
     * @param minor the minor number
     * @return this builder
     */
    public Builder blockDevice(String path, int major, int minor) {
      return entry(FileSpec.builder(path, FileType.BLOCK_DEVICE).device(major, minor).build());
    }

    /**
     * Adds a named pipe with mode 0644.
     *
     * @param path the FIFO, e.g. {@code /run/pipe}
     * @return this builder
     */
    public Builder fifo(String path) {
      return entry(FileSpec.builder(path, FileType.FIFO).build());
    }

    /**
     * Adds an entry written exactly as described, for hostile tests. It is never given parent
     * directories.
     *
     * @param entry the raw entry
     * @return this builder
     */
    public Builder rawEntry(RawTarEntry entry) {
      entries.add(Objects.requireNonNull(entry, "entry"));
      return this;
    }

    /**
     * Sets whether missing parent directories are written (mode 0755, owner 0:0) just before the
     * first entry below them. A directory added explicitly anywhere in the layer is never added
     * again. Off by default.
     *
     * @param value true to add parents
     * @return this builder
     */
    public Builder parents(boolean value) {
      parents = value;
      return this;
    }

    /**
     * Sets whether the two zero blocks that end a tar archive are written (default true). umoci
     * 0.4.7, for one, omits them; readers should stop at the end of the stream.
     *
     * @param value false to omit the end-of-archive marker
     * @return this builder
     */
    public Builder endOfArchive(boolean value) {
      endOfArchive = value;
      return this;
    }

    /**
     * Compresses this layer differently from the image's default.
     *
     * @param value {@link Compression#NONE}, {@link Compression#GZIP} or {@link Compression#ZSTD}
     *     (a frame of raw blocks, see {@link TestImage.Builder#layerCompression(Compression)})
     * @return this builder
     * @throws IllegalArgumentException for {@link Compression#UNKNOWN}
     */
    public Builder compression(Compression value) {
      compression = checkCompression(value);
      return this;
    }

    /**
     * Writes the tar stream.
     *
     * @return the layer
     */
    public TestLayer build() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      TarWriter tar = new TarWriter(out);
      Set<String> explicitDirectories = new HashSet<>();
      for (Object e : entries) {
        if (e instanceof FileSpec spec && spec.type() == FileType.DIRECTORY) {
          explicitDirectories.add(spec.path());
        }
      }
      Set<String> added = new HashSet<>();
      try {
        for (Object e : entries) {
          if (e instanceof FileSpec spec) {
            if (parents) {
              for (String dir : ancestors(spec.path())) {
                if (!explicitDirectories.contains(dir) && added.add(dir)) {
                  tar.write(FileSpec.builder(dir, FileType.DIRECTORY).build());
                }
              }
            }
            tar.write(spec);
          } else {
            tar.write((RawTarEntry) e);
          }
        }
        tar.finish(endOfArchive);
      } catch (IOException ex) {
        throw new UncheckedIOException("writing a tar into memory failed", ex);
      }
      return new TestLayer(out.toByteArray(), compression);
    }

    /** The proper ancestors of a path, outermost first, excluding {@code /}. */
    private static List<String> ancestors(String path) {
      List<String> result = new ArrayList<>();
      int slash = path.indexOf('/', 1);
      while (slash > 0) {
        result.add(path.substring(0, slash));
        slash = path.indexOf('/', slash + 1);
      }
      return result;
    }
  }

  static Compression checkCompression(Compression value) {
    Objects.requireNonNull(value, "compression");
    if (value == Compression.UNKNOWN) {
      throw new IllegalArgumentException("layer compression must be NONE, GZIP or ZSTD, not UNKNOWN");
    }
    return value;
  }
}
