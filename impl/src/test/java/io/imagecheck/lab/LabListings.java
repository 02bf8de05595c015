package io.imagecheck.lab;

import io.imagecheck.fs.FileType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the TSV listings {@code lab/make-images.sh} writes: {@code <image>.tree.tsv} (from {@code find}
 * over the {@code umoci raw unpack} tree) and {@code <image>.layer<N>.tsv} (from GNU {@code tar -tv}).
 * Each has a header line; a different header means the script changed and this reader must follow.
 */
final class LabListings {

  /** The header of a tree listing. */
  static final String TREE_HEADER = "path\ttype\tmode\tuid\tgid\tsize\tnlink\tlink_target";
  /** The header of a layer listing. */
  static final String LAYER_HEADER = "path\ttype\tmode\tuid\tgid\tsize\tmtime\tlink_target\tdevice";

  private LabListings() {}

  /**
   * Reads a tree listing.
   *
   * @param file an {@code <image>.tree.tsv}
   * @return its entries, sorted by path as the file is
   * @throws IOException when the file cannot be read or a line is malformed
   */
  static List<TreeEntry> readTree(Path file) throws IOException {
    List<String> lines = lines(file, TREE_HEADER);
    List<TreeEntry> entries = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      entries.add(parseTreeLine(lines.get(i), file + ":" + (i + 2)));
    }
    return List.copyOf(entries);
  }

  /**
   * Reads a layer listing.
   *
   * @param file an {@code <image>.layer<N>.tsv}
   * @return its entries, in tar order
   * @throws IOException when the file cannot be read or a line is malformed
   */
  static List<LayerEntry> readLayer(Path file) throws IOException {
    List<String> lines = lines(file, LAYER_HEADER);
    List<LayerEntry> entries = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      entries.add(parseLayerLine(lines.get(i), file + ":" + (i + 2)));
    }
    return List.copyOf(entries);
  }

  /**
   * Parses one tree line: path, {@code find %y} type letter, octal mode, uid, gid, size, link count, target.
   *
   * @param line the line without its newline
   * @param where the file and line number, for messages
   * @return the entry
   * @throws IOException when the line is malformed
   */
  static TreeEntry parseTreeLine(String line, String where) throws IOException {
    String[] f = split(line, 8, where);
    FileType type = switch (f[1]) {
      case "f" -> FileType.REGULAR;
      case "d" -> FileType.DIRECTORY;
      case "l" -> FileType.SYMLINK;
      case "c" -> FileType.CHAR_DEVICE;
      case "b" -> FileType.BLOCK_DEVICE;
      case "p" -> FileType.FIFO;
      default -> throw new IOException(where + ": unexpected find type '" + f[1] + "' for " + f[0]);
    };
    try {
      return new TreeEntry(
          f[0], type, Integer.parseInt(f[2], 8), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
          Long.parseLong(f[5]), Integer.parseInt(f[6]), optional(f[7]));
    } catch (IllegalArgumentException e) {
      throw new IOException(where + ": malformed tree line: " + e.getMessage(), e);
    }
  }

  /**
   * Parses one layer line: name, {@code tar -tv} type letter, octal mode, uid, gid, size, ISO mtime,
   * link target, device.
   *
   * @param line the line without its newline
   * @param where the file and line number, for messages
   * @return the entry
   * @throws IOException when the line is malformed
   */
  static LayerEntry parseLayerLine(String line, String where) throws IOException {
    String[] f = split(line, 9, where);
    FileType type = switch (f[1]) {
      case "-" -> FileType.REGULAR;
      case "h" -> FileType.HARDLINK;
      case "d" -> FileType.DIRECTORY;
      case "l" -> FileType.SYMLINK;
      case "c" -> FileType.CHAR_DEVICE;
      case "b" -> FileType.BLOCK_DEVICE;
      case "p" -> FileType.FIFO;
      default -> throw new IOException(where + ": unexpected tar type '" + f[1] + "' for " + f[0]);
    };
    try {
      return new LayerEntry(
          f[0], type, Integer.parseInt(f[2], 8), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
          Long.parseLong(f[5]), Instant.parse(f[6]), optional(f[7]), optional(f[8]));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IOException(where + ": malformed layer line: " + e.getMessage(), e);
    }
  }

  private static List<String> lines(Path file, String header) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(header)) {
      throw new IOException(file + ": expected the header '" + header.replace('\t', ' ') + "', got "
          + (lines.isEmpty() ? "an empty file" : "'" + lines.get(0).replace('\t', ' ') + "'"));
    }
    return lines.subList(1, lines.size());
  }

  private static String[] split(String line, int columns, String where) throws IOException {
    String[] f = line.split("\t", -1);
    if (f.length != columns) {
      throw new IOException(where + ": expected " + columns + " tab-separated columns, got " + f.length);
    }
    return f;
  }

  private static Optional<String> optional(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
