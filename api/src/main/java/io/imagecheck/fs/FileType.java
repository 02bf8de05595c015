package io.imagecheck.fs;

/**
 * The type of a filesystem entry, as a tar header declares it.
 *
 * <p>Immutable and thread-safe (an enum).
 */
public enum FileType {
  /** A regular file. */
  REGULAR('-'),
  /** A directory. */
  DIRECTORY('d'),
  /** A symbolic link. */
  SYMLINK('l'),
  /** A hard link to another entry of the image (its content is the target's). */
  HARDLINK('h'),
  /** A character device. */
  CHAR_DEVICE('c'),
  /** A block device. */
  BLOCK_DEVICE('b'),
  /** A named pipe. */
  FIFO('p');

  private final char symbol;

  FileType(char symbol) {
    this.symbol = symbol;
  }

  /**
   * The type letter {@code ls -l} shows (hard links show as {@code h} here, as they would otherwise
   * be indistinguishable from regular files).
   *
   * @return one of {@code - d l h c b p}
   */
  public char symbol() {
    return symbol;
  }
}
