package io.imagecheck.inspectors.packages.apk;

import io.imagecheck.inspectors.packages.DatabaseTexts;
import io.imagecheck.inspectors.packages.PackageDatabaseWarnings;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the apk database, {@code /lib/apk/db/installed}.
 *
 * <p><b>Format.</b> Stanzas separated by blank lines; each line is a one-letter key, a colon and a
 * value ({@code P:busybox}). This reader uses {@code P} name, {@code V} version, {@code A} arch,
 * {@code o} origin, {@code L} license, {@code m} maintainer, {@code T} description, {@code U} URL,
 * {@code t} build time, {@code c} commit, {@code D} dependencies, {@code p} provides, and {@code F}
 * (directory) with the {@code R} (file) lines after it, which make the file list. {@code a} and
 * {@code M} (ownership and mode of the file and directory before them), checksums and other keys
 * are read past. The text is read as UTF-8; invalid bytes become U+FFFD with one warning.
 *
 * <p><b>Lenient, as apk, syft and trivy are.</b> A broken stanza is skipped and a warning recorded;
 * the others are still read. Broken means: a line that is not {@code X:value}, a second {@code P:}
 * or {@code V:} line, no {@code P:}, or no {@code V:} (trivy's test database has such a stanza). A
 * non-numeric build time is left out, with a warning. An {@code R:} line before any {@code F:}
 * names a file in the root directory.
 *
 * <p>Thread-safe (stateless).
 */
public final class ApkInstalled {

  private ApkInstalled() {}

  /**
   * Reads an apk database.
   *
   * @param path the path inside the image, e.g. {@code /lib/apk/db/installed}
   * @param content the file content (the caller caps its size)
   * @return the packages and the warnings
   */
  public static ApkDatabase parse(String path, byte[] content) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    PackageDatabaseWarnings warnings = new PackageDatabaseWarnings(path);
    String text = DatabaseTexts.decodeUtf8Leniently(content, warnings);
    List<ApkPackage> packages = new ArrayList<>();
    Stanza stanza = null;
    int length = text.length();
    int pos = 0;
    int lineNo = 0;
    while (pos < length) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = length;
      }
      int end = eol > pos && text.charAt(eol - 1) == '\r' ? eol - 1 : eol;
      lineNo++;
      if (isBlank(text, pos, end)) {
        if (stanza != null) {
          stanza.finish(packages, warnings);
          stanza = null;
        }
      } else {
        if (stanza == null) {
          stanza = new Stanza(lineNo);
        }
        stanza.line(text, pos, end, lineNo);
      }
      pos = eol + 1;
    }
    if (stanza != null) {
      stanza.finish(packages, warnings);
    }
    return new ApkDatabase(path, packages, warnings.toList());
  }

  private static boolean isBlank(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /** One stanza being read. */
  private static final class Stanza {
    private final int firstLine;
    private @Nullable String problem;
    private @Nullable String name;
    private @Nullable String version;
    private @Nullable String arch;
    private @Nullable String origin;
    private @Nullable String license;
    private @Nullable String maintainer;
    private @Nullable String description;
    private @Nullable String url;
    private @Nullable String buildTime;
    private @Nullable String commit;
    private final List<String> depends = new ArrayList<>();
    private final List<String> provides = new ArrayList<>();
    private final List<String> directories = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private String folder = "";

    Stanza(int firstLine) {
      this.firstLine = firstLine;
    }

    void line(String text, int start, int end, int lineNo) {
      if (problem != null) {
        return;
      }
      if (end - start < 2 || text.charAt(start + 1) != ':') {
        problem = "line " + lineNo + ": not a 'X:value' line";
        return;
      }
      char key = text.charAt(start);
      String value = text.substring(start + 2, end);
      switch (key) {
        case 'P' -> {
          if (name != null) {
            problem = "line " + lineNo + ": second P: line in one stanza";
          } else {
            name = value;
          }
        }
        case 'V' -> {
          if (version != null) {
            problem = "line " + lineNo + ": second V: line in one stanza";
          } else {
            version = value;
          }
        }
        case 'A' -> arch = value;
        case 'o' -> origin = value;
        case 'L' -> license = value;
        case 'm' -> maintainer = value;
        case 'T' -> description = value;
        case 'U' -> url = value;
        case 't' -> buildTime = value;
        case 'c' -> commit = value;
        case 'D' -> words(value, depends);
        case 'p' -> words(value, provides);
        case 'F' -> {
          folder = trimSlashes(value);
          directories.add("/" + folder);
        }
        case 'R' -> files.add(folder.isEmpty() ? "/" + value : "/" + folder + "/" + value);
        default -> {
          // a/M (owner and mode), Z/C (checksums), S/I (sizes), r/i/k/q/s and future keys.
        }
      }
    }

    void finish(List<ApkPackage> packages, PackageDatabaseWarnings warnings) {
      String what =
          name == null ? "stanza starting at line " + firstLine : "stanza of package " + name;
      if (problem != null) {
        warnings.add(problem + "; " + what + " skipped");
        return;
      }
      if (name == null || name.isEmpty()) {
        warnings.add("line " + firstLine + ": stanza has no P: (name) line, skipped");
        return;
      }
      if (version == null || version.isEmpty()) {
        warnings.add("line " + firstLine + ": " + what + " has no V: (version) line, skipped");
        return;
      }
      Optional<Instant> built = Optional.empty();
      if (buildTime != null && !buildTime.isEmpty()) {
        try {
          built = Optional.of(Instant.ofEpochSecond(Long.parseLong(buildTime.trim())));
        } catch (NumberFormatException | DateTimeException e) {
          warnings.add(
              "line " + firstLine + ": package " + name + " has build time t:'"
                  + (buildTime.length() > 64 ? buildTime.substring(0, 64) + "..." : buildTime)
                  + "', not seconds since the epoch; left out");
        }
      }
      packages.add(
          new ApkPackage(
              name,
              version,
              optional(arch),
              optional(origin),
              optional(license),
              optional(maintainer),
              optional(description),
              optional(url),
              built,
              optional(commit),
              depends,
              provides,
              directories,
              files));
    }

    private static void words(String value, List<String> into) {
      for (String w : value.trim().split("[ \t]+")) {
        if (!w.isEmpty()) {
          into.add(w);
        }
      }
    }

    private static Optional<String> optional(@Nullable String value) {
      return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String trimSlashes(String s) {
      int a = 0;
      int b = s.length();
      while (a < b && s.charAt(a) == '/') {
        a++;
      }
      while (b > a && s.charAt(b - 1) == '/') {
        b--;
      }
      return s.substring(a, b);
    }
  }
}
