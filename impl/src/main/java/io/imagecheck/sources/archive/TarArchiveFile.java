package io.imagecheck.sources.archive;

import io.imagecheck.fs.ImagePaths;
import io.imagecheck.image.Compression;
import io.imagecheck.internal.blob.BoundedReads;
import io.imagecheck.internal.blob.Decompressors;
import io.imagecheck.internal.fs.BoundedTarInputStream;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.ImageNotFoundException;
import io.imagecheck.source.ImageSourceException;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.jspecify.annotations.Nullable;

/**
 * A tar file on the host opened for reading members by name: a plain tar is read with random access
 * (positional reads on a {@link FileChannel}, so members can be open concurrently); a gzip- or
 * zstd-compressed tar ({@code docker save | gzip}) is scanned from the start for each member opened.
 *
 * <p>Headers are read with {@link BoundedTarInputStream}, so the tar metadata of one member (PAX
 * headers, GNU long names) is bounded by {@code pax-bytes} and every header block must have a valid
 * checksum; a plain tar is listed one header at a time without reading member content. Member names
 * and link targets are bounded by {@code path-length} and the number of members by
 * {@code entries-per-layer}. A plain tar with a sparse member is refused (image archives have none, and
 * its layout could not be followed without reading it).
 *
 * <p>Member names are cleaned ({@code ./a}, {@code /a} and {@code a} are the same member); names
 * that climb out of the archive with {@code ..} are refused. Symlink and hardlink members are followed
 * inside the archive only.
 *
 * <p>Thread-safe.
 */
public final class TarArchiveFile implements Closeable {

  /** A member's metadata. */
  public record Member(String name, long size, boolean directory, @Nullable String linkTarget, boolean symlink) {}

  private final String source;
  private final Path path;
  private final Compression compression;
  private final @Nullable FileChannel channel;
  private final ReadLimits limits;
  private final Map<String, Member> members;
  /** Where each member's content starts in a plain tar. */
  private final Map<String, Long> offsets;

  private TarArchiveFile(String source, Path path, Compression compression, @Nullable FileChannel channel,
      ReadLimits limits, Map<String, Member> members, Map<String, Long> offsets) {
    this.source = source;
    this.path = path;
    this.compression = compression;
    this.channel = channel;
    this.limits = limits;
    this.members = members;
    this.offsets = offsets;
  }

  /**
   * Opens a tar file and reads its member list, with the default limits.
   *
   * @param path the file
   * @param source the source, for messages
   * @return the opened archive
   * @throws IOException when the file is missing, empty, or not a (compressed) tar
   */
  public static TarArchiveFile open(Path path, String source) throws IOException {
    return open(path, source, ReadLimits.defaults());
  }

  /**
   * Opens a tar file and reads its member list.
   *
   * @param path the file
   * @param source the source, for messages
   * @param limits the limits: {@code pax-bytes} for the metadata of a member, {@code path-length} for its
   *     name and link target, {@code entries-per-layer} for the number of members
   * @return the opened archive
   * @throws IOException when the file is missing, empty, or not a (compressed) tar, or passes a limit
   */
  public static TarArchiveFile open(Path path, String source, ReadLimits limits) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new ImageNotFoundException(source, "no such file: " + path, List.of());
    }
    if (Files.size(path) == 0) {
      throw new ImageFormatException(source, "the file is empty");
    }
    Compression c;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
      c = Decompressors.detect(in);
    }
    if (c == Compression.NONE) {
      FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
      try {
        Map<String, Member> members = new LinkedHashMap<>();
        Map<String, Long> offsets = new HashMap<>();
        listPlain(ch, source, limits, members, offsets);
        if (members.isEmpty()) {
          throw new ImageFormatException(source, "not a tar archive (no members found)");
        }
        return new TarArchiveFile(source, path, c, ch, limits, Collections.unmodifiableMap(members), offsets);
      } catch (IOException | RuntimeException e) {
        ch.close();
        if (e instanceof ImageSourceException ise) {
          throw ise;
        }
        throw new ImageFormatException(source, "not a readable tar archive: " + e.getMessage(), e);
      }
    }
    // Compressed archive: scan once for the member list; members are re-read sequentially on open.
    Map<String, Member> members = new LinkedHashMap<>();
    try (BoundedTarInputStream tin = compressedTar(path, c, source, limits)) {
      TarArchiveEntry e;
      long count = 0;
      while ((e = tin.getNextEntry()) != null) {
        add(source, e, ++count, limits, members);
      }
    } catch (ImageSourceException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ImageFormatException(source, "not a readable " + c.name().toLowerCase(java.util.Locale.ROOT)
          + "-compressed tar archive: " + e.getMessage(), e);
    }
    if (members.isEmpty()) {
      throw new ImageFormatException(source, "not a tar archive (no members found)");
    }
    return new TarArchiveFile(source, path, c, null, limits, Collections.unmodifiableMap(members), Map.of());
  }

  /**
   * Lists a plain tar one header at a time: each header (with its PAX and GNU records) is read by a
   * bounded tar stream starting at that header, and the next header is found from the member's size,
   * so member content is never read.
   */
  private static void listPlain(FileChannel ch, String source, ReadLimits limits, Map<String, Member> members,
      Map<String, Long> offsets) throws IOException {
    long size = ch.size();
    long pos = 0;
    long count = 0;
    while (pos < size) {
      ChannelSliceInputStream slice = new ChannelSliceInputStream(ch, pos, size - pos);
      TarArchiveEntry e;
      try (BoundedTarInputStream tin = BoundedTarInputStream.of(slice, limits, source, "archive (header at byte "
          + pos + ")", holes -> { })) {
        e = tin.getNextEntry();
      }
      if (e == null) {
        return;
      }
      String name = add(source, e, ++count, limits, members);
      if (e.isSparse()) {
        throw new ImageFormatException(source, "archive member " + printable(e.getName()) + " is a sparse file");
      }
      long data = slice.position();
      long length = e.isDirectory() ? 0 : e.getSize();
      if (length < 0 || length > size - data) {
        throw new ImageFormatException(source, "archive member " + printable(e.getName()) + " of " + length
            + " bytes extends past the end of the file (" + size + " bytes)");
      }
      if (name != null) {
        offsets.put(name, data);
      }
      pos = data + (length + 511) / 512 * 512;
    }
  }

  /**
   * Records a member.
   *
   * @return its cleaned name, or null when it is never looked up (it climbs out of the archive)
   */
  private static @Nullable String add(String source, TarArchiveEntry e, long count, ReadLimits limits,
      Map<String, Member> members) throws IOException {
    if (count > limits.entriesPerLayer()) {
      throw new LimitExceededException(source, "archive with more than " + limits.entriesPerLayer() + " members",
          "entries-per-layer", limits.entriesPerLayer());
    }
    if (e.getName().getBytes(StandardCharsets.UTF_8).length > limits.pathLength()) {
      throw new LimitExceededException(source, "archive member name " + printable(e.getName()), "path-length",
          limits.pathLength());
    }
    Optional<String> clean = ImagePaths.cleanEntryName(e.getName());
    if (clean.isEmpty()) {
      // A member that climbs out of the archive is never looked up; keep going.
      return null;
    }
    String name = clean.get().substring(1);
    String link = null;
    if (e.isSymbolicLink() || e.isLink()) {
      link = e.getLinkName();
      if (link.getBytes(StandardCharsets.UTF_8).length > limits.pathLength()) {
        throw new LimitExceededException(source, "link target of archive member " + printable(name), "path-length",
            limits.pathLength());
      }
    }
    members.put(name, new Member(name, e.isDirectory() ? 0 : e.getSize(), e.isDirectory(), link, e.isSymbolicLink()));
    return name;
  }

  private static BoundedTarInputStream compressedTar(Path path, Compression c, String source, ReadLimits limits)
      throws IOException {
    InputStream raw = Files.newInputStream(path);
    InputStream plain = Decompressors.decompress(new BufferedInputStream(raw, 65536), c, source, "archive");
    // Sparse holes are only counted when content is read: a member read whole is bounded by its caller.
    return BoundedTarInputStream.of(plain, limits, source, "archive", holes -> { });
  }

  /**
   * The source this archive belongs to.
   *
   * @return the source
   */
  public String source() {
    return source;
  }

  /**
   * The file on the host.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * The members, by cleaned relative name, in archive order.
   *
   * @return the members
   */
  public Map<String, Member> members() {
    return members;
  }

  /**
   * Tells whether a member exists (after following links).
   *
   * @param name a member name
   * @return true when it exists
   */
  public boolean exists(String name) {
    return resolve(name).isPresent();
  }

  /**
   * Follows symlink and hardlink members inside the archive.
   *
   * @param name a member name
   * @return the regular member it leads to, if any
   */
  public Optional<Member> resolve(String name) {
    Optional<String> clean = ImagePaths.cleanEntryName(name);
    if (clean.isEmpty()) {
      return Optional.empty();
    }
    String current = clean.get().substring(1);
    for (int hops = 0; hops < 40; hops++) {
      Member m = members.get(current);
      if (m == null) {
        return Optional.empty();
      }
      if (m.linkTarget() == null) {
        return Optional.of(m);
      }
      String target = m.symlink()
          ? ImagePaths.resolveAgainst("/" + ImagePaths.parent("/" + current).substring(1), m.linkTarget())
          : "/" + m.linkTarget();
      Optional<String> next = ImagePaths.cleanEntryName(target);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      current = next.get().substring(1);
    }
    return Optional.empty();
  }

  /**
   * Opens a member's content, following links inside the archive.
   *
   * @param name the member name
   * @return a new stream; the caller closes it
   * @throws IOException when the member is missing or cannot be read
   */
  public InputStream open(String name) throws IOException {
    Member m = resolve(name).orElseThrow(() -> new ImageNotFoundException(source, "archive has no member "
        + printable(name), List.of()));
    if (m.directory()) {
      throw new ImageFormatException(source, "archive member " + printable(name) + " is a directory");
    }
    if (channel != null) {
      return new ChannelSliceInputStream(channel, offsets.get(m.name()), m.size());
    }
    BoundedTarInputStream tin = compressedTar(path, compression, source, limits);
    try {
      TarArchiveEntry e;
      while ((e = tin.getNextEntry()) != null) {
        Optional<String> clean = ImagePaths.cleanEntryName(e.getName());
        if (clean.isPresent() && clean.get().substring(1).equals(m.name())) {
          return new FilterInputStream(tin) {
            @Override
            public void close() throws IOException {
              tin.close();
            }
          };
        }
      }
    } catch (IOException | RuntimeException e) {
      tin.close();
      throw new ImageFormatException(source, "reading archive member " + printable(name) + ": " + e.getMessage(), e);
    }
    tin.close();
    throw new ImageFormatException(source, "archive member " + printable(name) + " vanished on a second read");
  }

  /**
   * Reads a small member whole.
   *
   * @param name the member name
   * @param max the largest accepted size
   * @param limitName the limit's name, for the error
   * @return the bytes
   * @throws IOException when missing, unreadable or too large
   */
  public byte[] read(String name, long max, String limitName) throws IOException {
    try (InputStream in = open(name)) {
      return BoundedReads.readAll(in, max, source, "archive member " + printable(name), limitName);
    }
  }

  /**
   * Reads a small member whole with the manifest-size limit.
   *
   * @param name the member name
   * @param limits the read limits
   * @return the bytes
   * @throws IOException when missing, unreadable or too large
   */
  public byte[] readDocument(String name, ReadLimits limits) throws IOException {
    return read(name, limits.manifestBytes(), "manifest-bytes");
  }

  /**
   * Names of members matching a prefix, in archive order.
   *
   * @param prefix e.g. {@code blobs/sha256/}
   * @return matching member names
   */
  public List<String> names(String prefix) {
    List<String> out = new ArrayList<>();
    for (String n : members.keySet()) {
      if (n.startsWith(prefix)) {
        out.add(n);
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  /**
   * Quotes a name for a message, escaping control characters.
   *
   * @param s the name
   * @return the quoted name
   */
  static String printable(String s) {
    StringBuilder b = new StringBuilder("\"");
    int n = Math.min(s.length(), 200);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
        b.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append(s.length() > n ? "...\"" : "\"").toString();
  }
}
