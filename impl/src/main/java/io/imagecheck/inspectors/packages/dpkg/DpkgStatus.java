package io.imagecheck.inspectors.packages.dpkg;

import io.imagecheck.fs.ImagePaths;
import io.imagecheck.inspectors.packages.DatabaseTexts;
import io.imagecheck.inspectors.packages.PackageDatabaseWarnings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads dpkg status databases: {@code /var/lib/dpkg/status}, the per-package files of distroless
 * images ({@code /var/lib/dpkg/status.d/<package>}), and the opkg status file of OpenWrt
 * ({@code /usr/lib/opkg/status}), which has the same stanza format.
 *
 * <p><b>Format.</b> Stanzas of {@code Field: value} lines separated by blank lines; a line starting
 * with a space or a tab continues the previous field. Field names are matched without regard to
 * case. The text is read as UTF-8; invalid bytes become U+FFFD and one warning is recorded (dpkg
 * itself treats the file as bytes).
 *
 * <p><b>Installed or not.</b> In a status file, a package counts as installed when its
 * {@code Status:} is {@code install ok installed} or {@code hold ok installed}; every other status
 * ({@code deinstall ok config-files}, {@code install ok half-installed}, ...) puts the stanza in
 * {@link DpkgDatabase#notInstalled()}. A distroless {@code status.d} file has no {@code Status:}: its
 * package is installed (that is how distroless images record what they contain); a {@code Status:}
 * there is honoured all the same. opkg writes a comma-separated list of flags in place of dpkg's
 * single {@code ok} ({@code install user installed}); for opkg a package is installed when the
 * wanted state is {@code install} or {@code hold}, the state is {@code installed} and the flags do
 * not include {@code reinstreq}.
 *
 * <p><b>Lenient, as dpkg, syft and trivy are.</b> A broken stanza is skipped and a warning
 * recorded; the others are still read. Broken means: a line that is neither a field nor a
 * continuation, a continuation before the first field, a field name with whitespace, a duplicate
 * field this reader uses, a used field longer than 1 Mi characters, no {@code Package:}, or an
 * installed package without {@code Version:}. A missing or malformed {@code Status:} in a status
 * file makes the package not installed, with a warning; a non-numeric {@code Installed-Size:} is
 * left out, with a warning. Memory stays proportional to the input and to the fields kept: long
 * values of other fields (descriptions, conffiles) are never copied.
 *
 * <p>Thread-safe (stateless).
 */
public final class DpkgStatus {

  private static final Set<String> FIELDS =
      Set.of(
          "Package",
          "Status",
          "Version",
          "Source",
          "Architecture",
          "Multi-Arch",
          "Depends",
          "Pre-Depends",
          "Provides",
          "Maintainer",
          "Installed-Size");

  /** File name suffixes in {@code status.d} that are not control paragraphs. */
  private static final List<String> STATUS_D_NON_CONTROL =
      List.of(
          ".md5sums",
          ".preinst",
          ".postinst",
          ".prerm",
          ".postrm",
          ".conffiles",
          ".list",
          ".shlibs",
          ".symbols",
          ".triggers",
          ".templates",
          ".config");

  private static final ControlParagraphs READER = new ControlParagraphs(FIELDS);

  private enum Dialect {
    STATUS,
    STATUS_D,
    OPKG
  }

  private DpkgStatus() {}

  /**
   * Reads a dpkg status file.
   *
   * @param path the path inside the image, e.g. {@code /var/lib/dpkg/status}
   * @param content the file content (the caller caps its size)
   * @return the installed and not-installed packages, and the warnings
   */
  public static DpkgDatabase parse(String path, byte[] content) {
    return parse(path, content, Dialect.STATUS);
  }

  /**
   * Reads one file of a distroless {@code /var/lib/dpkg/status.d/} directory: a control paragraph
   * without {@code Status:}, whose package counts as installed. Use {@link #isStatusDEntry(String)}
   * to leave out the {@code .md5sums} and maintainer-script files that sit beside it.
   *
   * @param path the path inside the image, e.g. {@code /var/lib/dpkg/status.d/libsqlite3-0}
   * @param content the file content
   * @return the packages (normally one), and the warnings
   */
  public static DpkgDatabase parseStatusD(String path, byte[] content) {
    return parse(path, content, Dialect.STATUS_D);
  }

  /**
   * Reads an opkg status file (OpenWrt, Yocto), the dpkg stanza format with opkg's status flags.
   *
   * @param path the path inside the image, e.g. {@code /usr/lib/opkg/status}
   * @param content the file content
   * @return the installed and not-installed packages, and the warnings
   */
  public static DpkgDatabase parseOpkg(String path, byte[] content) {
    return parse(path, content, Dialect.OPKG);
  }

  /**
   * Tells whether a file of a {@code status.d} directory holds a control paragraph, i.e. is not one
   * of the files that sit beside them ({@code *.md5sums}, maintainer scripts, {@code *.conffiles},
   * ...). Package names may contain dots ({@code libpython3.11-minimal}), so only those known
   * suffixes are left out.
   *
   * @param path a path such as {@code /var/lib/dpkg/status.d/libsqlite3-0.md5sums}
   * @return false for the known non-control suffixes and hidden files, true otherwise
   */
  public static boolean isStatusDEntry(String path) {
    Objects.requireNonNull(path, "path");
    String name = ImagePaths.name(ImagePaths.clean(path));
    if (name.isEmpty() || name.startsWith(".")) {
      return false;
    }
    for (String suffix : STATUS_D_NON_CONTROL) {
      if (name.endsWith(suffix)) {
        return false;
      }
    }
    return true;
  }

  private static DpkgDatabase parse(String path, byte[] content, Dialect dialect) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    PackageDatabaseWarnings warnings = new PackageDatabaseWarnings(path);
    String text = DatabaseTexts.decodeUtf8Leniently(content, warnings);
    List<DpkgPackage> installed = new ArrayList<>();
    List<DpkgPackage> notInstalled = new ArrayList<>();
    READER.read(
        text,
        warnings,
        p -> {
          DpkgPackage pkg = toPackage(p, dialect, warnings);
          if (pkg != null) {
            (pkg.installed() ? installed : notInstalled).add(pkg);
          }
        });
    return new DpkgDatabase(path, installed, notInstalled, warnings.toList());
  }

  private static @Nullable DpkgPackage toPackage(
      ControlParagraphs.Paragraph p, Dialect dialect, PackageDatabaseWarnings warnings) {
    String name = p.get("Package");
    if (name == null || name.isEmpty() || name.indexOf('\n') >= 0) {
      warnings.add("line " + p.line() + ": stanza without a Package field, skipped");
      return null;
    }
    String status = oneLine(p.get("Status"));
    boolean installed = isInstalled(name, p.line(), status, dialect, warnings);
    String version = oneLine(p.get("Version"));
    if (version == null || version.isEmpty()) {
      if (installed) {
        warnings.add(
            "line " + p.line() + ": installed package " + name + " has no Version field, skipped");
        return null;
      }
      version = "";
    }
    String sourceName = name;
    String sourceVersion = version;
    String source = oneLine(p.get("Source"));
    if (source != null && !source.isEmpty()) {
      int open = source.indexOf('(');
      if (open < 0) {
        sourceName = source.trim();
      } else {
        sourceName = source.substring(0, open).trim();
        int close = source.indexOf(')', open);
        String v = source.substring(open + 1, close < 0 ? source.length() : close).trim();
        if (!v.isEmpty()) {
          sourceVersion = v;
        }
      }
      if (sourceName.isEmpty()) {
        sourceName = name;
      }
    }
    OptionalLong installedSize = OptionalLong.empty();
    String size = oneLine(p.get("Installed-Size"));
    if (size != null && !size.isEmpty()) {
      try {
        long kib = Long.parseLong(size);
        if (kib < 0) {
          throw new NumberFormatException("negative");
        }
        installedSize = OptionalLong.of(kib);
      } catch (NumberFormatException e) {
        warnings.add(
            "line " + p.line() + ": package " + name + " has Installed-Size '" + clip(size)
                + "', not a size in KiB; left out");
      }
    }
    return new DpkgPackage(
        name,
        version,
        optional(p.get("Architecture")),
        optional(p.get("Multi-Arch")),
        sourceName,
        sourceVersion,
        optional(p.get("Maintainer")),
        installedSize,
        relations(p.get("Depends")),
        relations(p.get("Pre-Depends")),
        relations(p.get("Provides")),
        Optional.ofNullable(status),
        installed);
  }

  private static boolean isInstalled(
      String name, int line, @Nullable String status, Dialect dialect,
      PackageDatabaseWarnings warnings) {
    if (status == null) {
      if (dialect == Dialect.STATUS_D) {
        return true;
      }
      warnings.add("line " + line + ": package " + name + " has no Status field; not installed");
      return false;
    }
    String[] words = status.trim().split("[ \t]+");
    if (words.length != 3) {
      warnings.add(
          "line " + line + ": package " + name + " has Status '" + clip(status)
              + "', expected 'want flag state'; not installed");
      return false;
    }
    boolean wanted = words[0].equals("install") || words[0].equals("hold");
    boolean flagsOk =
        dialect == Dialect.OPKG
            ? !List.of(words[1].split(",")).contains("reinstreq")
            : words[1].equals("ok");
    return wanted && flagsOk && words[2].equals("installed");
  }

  private static List<String> relations(@Nullable String value) {
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String r : value.replace('\n', ' ').split(",")) {
      String t = r.trim().replaceAll("[ \t]+", " ");
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static @Nullable String oneLine(@Nullable String value) {
    return value == null ? null : value.replace('\n', ' ').trim();
  }

  private static Optional<String> optional(@Nullable String value) {
    String v = oneLine(value);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  private static String clip(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
