package io.imagecheck.structure;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileType;
import java.util.regex.Pattern;

/**
 * Mode strings as container-structure-test compares them: Go's {@code os.FileMode.String()} of the file
 * ({@code -rw-r--r--}, {@code drwxr-xr-x}, {@code urwxr-xr-x} for setuid, {@code dtrwxrwxrwx} for a
 * sticky directory, {@code Dcrw-rw-rw-} for a character device), and the {@code ls -l} form
 * ({@code -rwsr-xr-x}) people also write.
 */
final class FileModes {

  /** Go's type and special-bit letters, in the order Go prints them (set bits only). */
  private static final Pattern GO = Pattern.compile("(?:-|d?a?l?T?L?D?p?S?u?g?c?t?\\??)[r-][w-][x-][r-][w-][x-][r-][w-][x-]");
  private static final Pattern LS = Pattern.compile("[-dlcbps][r-][w-][xsS-][r-][w-][xsS-][r-][w-][xtT-]");

  private FileModes() {}

  /**
   * Tells whether a string is a mode string in Go's or in {@code ls -l}'s form.
   *
   * @param s the string from a config
   * @return true when it can be compared with a file's mode
   */
  static boolean isModeString(String s) {
    return GO.matcher(s).matches() || LS.matcher(s).matches();
  }

  /**
   * Go's {@code os.FileMode.String()} of an entry, as container-structure-test prints it.
   *
   * @param e the entry (already resolved through symlinks: {@code os.Stat})
   * @return e.g. {@code -rwxr-xr-x}, {@code urwxr-xr-x}, {@code dtrwxrwxrwx}
   */
  static String go(FileEntry e) {
    StringBuilder b = new StringBuilder();
    FileType t = e.type();
    if (t == FileType.DIRECTORY) {
      b.append('d');
    }
    if (t == FileType.SYMLINK) {
      b.append('L');
    }
    if (t == FileType.CHAR_DEVICE || t == FileType.BLOCK_DEVICE) {
      b.append('D');
    }
    if (t == FileType.FIFO) {
      b.append('p');
    }
    if (e.isSetuid()) {
      b.append('u');
    }
    if (e.isSetgid()) {
      b.append('g');
    }
    if (t == FileType.CHAR_DEVICE) {
      b.append('c');
    }
    if (e.isSticky()) {
      b.append('t');
    }
    if (b.length() == 0) {
      b.append('-');
    }
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      b.append((e.mode() & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
    }
    return b.toString();
  }

  /**
   * Tells whether an entry's mode is the one a config expects, in Go's form or {@code ls -l}'s.
   *
   * @param e the entry
   * @param expected the config's string
   * @return true when either form equals it
   */
  static boolean matches(FileEntry e, String expected) {
    return go(e).equals(expected) || e.modeString().equals(expected);
  }
}
