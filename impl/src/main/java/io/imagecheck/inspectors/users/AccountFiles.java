package io.imagecheck.inspectors.users;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Tolerant parsers of {@code /etc/passwd}, {@code /etc/group} and {@code /etc/shadow} as the C library
 * reads them: one colon-separated record per line, blank lines and {@code #} comments skipped. A line
 * that does not have the expected fields, or whose ids are not decimal numbers in {@code 0..2^32-1}, is
 * skipped with a warning naming the file, the line number and the account, never the line itself (it
 * may hold a password hash). NIS compatibility lines ({@code +}/{@code -}) are skipped with a warning.
 *
 * <p>Thread-safe (stateless).
 */
final class AccountFiles {

  /** Warnings kept per file; more are counted. */
  static final int MAX_WARNINGS = 50;
  private static final long MAX_ID = 0xFFFF_FFFFL;

  private AccountFiles() {}

  /**
   * One {@code /etc/passwd} record.
   *
   * @param name the login name
   * @param password the password field ({@code x} when the hash is in {@code /etc/shadow})
   * @param uid the user id
   * @param gid the primary group id
   * @param home the home directory
   * @param shell the login shell
   * @param line the 1-based line number
   */
  record Account(String name, String password, long uid, long gid, String home, String shell, int line) {}

  /**
   * One {@code /etc/group} record.
   *
   * @param name the group name
   * @param gid the group id
   * @param members the supplementary members
   * @param line the 1-based line number
   */
  record Group(String name, long gid, List<String> members, int line) {
    Group {
      members = List.copyOf(members);
    }
  }

  /**
   * One {@code /etc/shadow} record (only the fields this inspector uses).
   *
   * @param name the login name
   * @param password the password field: a hash, empty (no password), or a lock marker ({@code !}, {@code *})
   * @param line the 1-based line number
   */
  record Shadow(String name, String password, int line) {}

  /**
   * Records parsed from one file and the problems met.
   *
   * @param records the well-formed records, in file order
   * @param warnings the problems, e.g. {@code /etc/passwd:3: expected 7 fields, got 5}
   * @param <T> the record type
   */
  record Parsed<T>(List<T> records, List<String> warnings) {
    Parsed {
      records = List.copyOf(records);
      warnings = List.copyOf(warnings);
    }
  }

  static Parsed<Account> passwd(String text, String file) {
    Lines<Account> p = new Lines<>(file);
    for (Line l : lines(text, p)) {
      if (l.problem != null) {
        p.warn(l.number, "", l.problem);
        continue;
      }
      String[] f = l.fields;
      if (f.length != 7) {
        p.warn(l.number, f[0], "expected 7 fields, got " + f.length);
        continue;
      }
      long uid = id(f[2]);
      long gid = id(f[3]);
      if (uid < 0 || gid < 0) {
        p.warn(l.number, f[0], (uid < 0 ? "uid" : "gid") + " is not a number in 0.." + MAX_ID);
        continue;
      }
      p.records.add(new Account(f[0], f[1], uid, gid, f[5], f[6], l.number));
    }
    return p.done();
  }

  static Parsed<Group> group(String text, String file) {
    Lines<Group> p = new Lines<>(file);
    for (Line l : lines(text, p)) {
      if (l.problem != null) {
        p.warn(l.number, "", l.problem);
        continue;
      }
      String[] f = l.fields;
      if (f.length != 4 && f.length != 3) {
        p.warn(l.number, f[0], "expected 4 fields, got " + f.length);
        continue;
      }
      long gid = id(f[2]);
      if (gid < 0) {
        p.warn(l.number, f[0], "gid is not a number in 0.." + MAX_ID);
        continue;
      }
      List<String> members = f.length < 4 || f[3].isEmpty() ? List.of()
          : Arrays.stream(f[3].split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
      p.records.add(new Group(f[0], gid, members, l.number));
    }
    return p.done();
  }

  static Parsed<Shadow> shadow(String text, String file) {
    Lines<Shadow> p = new Lines<>(file);
    for (Line l : lines(text, p)) {
      if (l.problem != null) {
        p.warn(l.number, "", l.problem);
        continue;
      }
      String[] f = l.fields;
      if (f.length < 2) {
        p.warn(l.number, f[0], "expected 9 fields, got " + f.length);
        continue;
      }
      p.records.add(new Shadow(f[0], f[1], l.number));
    }
    return p.done();
  }

  /** A decimal id in {@code 0..2^32-1}, or -1. */
  static long id(String s) {
    if (s.isEmpty() || s.length() > 10) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v <= MAX_ID ? v : -1;
  }

  /** One non-blank, non-comment line split into fields, or why it is ignored whatever the file. */
  private record Line(int number, String[] fields, @Nullable String problem) {}

  /** The records' lines; lines that are ignored in every file are warned about here, in line order. */
  private static List<Line> lines(String text, Lines<?> p) {
    List<Line> out = new ArrayList<>();
    String[] raw = text.split("\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(":", -1);
      if (line.startsWith("+") || line.startsWith("-")) {
        out.add(new Line(i + 1, fields, "NIS compatibility entry"));
      } else if (fields[0].isEmpty()) {
        out.add(new Line(i + 1, fields, "empty name"));
      } else {
        out.add(new Line(i + 1, fields, null));
      }
    }
    return out;
  }

  /** Collects records and bounded warnings for one file. */
  private static final class Lines<T> {
    final String file;
    final List<T> records = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    int dropped;

    Lines(String file) {
      this.file = Objects.requireNonNull(file, "file");
    }

    void warn(int line, String name, String problem) {
      if (warnings.size() < MAX_WARNINGS) {
        String who = name.isEmpty() ? "" : " (" + printable(name) + ")";
        warnings.add(file + ":" + line + who + ": " + problem + "; line ignored");
      } else {
        dropped++;
      }
    }

    Parsed<T> done() {
      if (dropped > 0) {
        warnings.add(file + ": " + dropped + " more malformed lines ignored");
      }
      return new Parsed<>(records, warnings);
    }
  }

  /** A name shortened and stripped of control characters, for warnings. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return s.length() > 64 ? b + "..." : b.toString();
  }
}
