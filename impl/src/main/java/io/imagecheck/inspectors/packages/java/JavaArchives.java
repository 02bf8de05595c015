package io.imagecheck.inspectors.packages.java;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import io.imagecheck.inspectors.packages.PackageDatabaseWarnings;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the packages of a Java archive (JAR, WAR, EAR, Jenkins {@code .jpi}/{@code .hpi}) from a
 * stream, and of the archives nested in it, however they are laid out ({@code BOOT-INF/lib/},
 * {@code WEB-INF/lib/}, EAR modules, shaded jars): an entry whose name ends in {@code .jar},
 * {@code .war}, {@code .ear}, {@code .jpi} or {@code .hpi} is opened as an archive, straight from
 * the enclosing stream.
 *
 * <p><b>What makes a package.</b> Each {@code META-INF/maven/<groupId>/<artifactId>/pom.properties}
 * gives one package (its {@code groupId}, {@code artifactId}, {@code version}; group and artifact
 * fall back to the path segments; one without a version is skipped with a warning). A shaded jar
 * thus lists the packages shaded into it. An archive without any {@code pom.properties} gets one
 * package from {@code META-INF/MANIFEST.MF}: the version is {@code Implementation-Version}, else
 * {@code Bundle-Version}, else the file name's; the artifact id is the file name's name part when
 * the file is named {@code <name>-<version>.<ext>} (which is how Maven names artifacts), else
 * {@code Implementation-Title} (when it has no spaces), {@code Bundle-SymbolicName} (without its
 * directives), {@code Automatic-Module-Name}, or the file name; the group id is
 * {@code Implementation-Vendor-Id} when present. Without a usable manifest, a file named
 * {@code <name>-<version>.<ext>} still gives a package; otherwise the archive has none.
 *
 * <p><b>Errors.</b> A top-level stream that is not a zip archive, or that is corrupt, raises a
 * {@link PackageDatabaseException}. A nested archive that is corrupt, or deeper than the limit,
 * gives a warning and reading goes on with the enclosing archive. Reaching the entry or inflated-byte
 * limit stops reading, with a warning, and returns what was found. Two limits of reading zips as
 * streams: {@link ZipInputStream} cannot read a {@code STORED} entry whose sizes are only in a
 * trailing data descriptor (such an entry ends the reading of its archive), and an archive cut
 * exactly between two entries reads as the entries before the cut (a cut inside an entry or inside
 * the first header is reported).
 *
 * <p>Thread-safe (stateless).
 */
public final class JavaArchives {

  private static final Pattern POM_PROPERTIES =
      Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");
  private static final Pattern NAME_VERSION =
      Pattern.compile("(.+?)-(\\d[^-]*(?:-[^-]*)*)");
  private static final List<String> ARCHIVE_SUFFIXES =
      List.of(".jar", ".war", ".ear", ".jpi", ".hpi");
  private static final List<String> MANIFEST_ATTRIBUTES =
      List.of(
          "Implementation-Title",
          "Implementation-Version",
          "Implementation-Vendor",
          "Implementation-Vendor-Id",
          "Specification-Title",
          "Specification-Version",
          "Specification-Vendor",
          "Bundle-SymbolicName",
          "Bundle-Name",
          "Bundle-Version",
          "Automatic-Module-Name",
          "Main-Class",
          "Start-Class");

  private JavaArchives() {}

  /**
   * Reads an archive with the {@link JavaArchiveLimits#defaults() default limits}.
   *
   * @param path the archive's image path, e.g. {@code /app/app.jar}
   * @param in the archive's bytes; read up to the end of the zip entries, not closed
   * @return the archives opened, their packages, and the warnings
   * @throws PackageDatabaseException when the stream is not a zip archive or is corrupt
   * @throws IOException when reading the stream fails
   */
  public static JavaArchiveScan read(String path, InputStream in) throws IOException {
    return read(path, in, JavaArchiveLimits.defaults());
  }

  /**
   * Reads an archive.
   *
   * @param path the archive's image path, e.g. {@code /app/app.jar}
   * @param in the archive's bytes; read up to the end of the zip entries, not closed
   * @param limits the bounds on depth, entries, inflated bytes and metadata size
   * @return the archives opened, their packages, and the warnings
   * @throws PackageDatabaseException when the stream is not a zip archive or is corrupt
   * @throws IOException when reading the stream fails
   */
  public static JavaArchiveScan read(String path, InputStream in, JavaArchiveLimits limits)
      throws IOException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(limits, "limits");
    Scan scan = new Scan(path, limits);
    try {
      scan.archive(path, in, 0);
    } catch (LimitReachedException e) {
      scan.warnings.add(e.getMessage() + "; reading stopped, the packages found so far are kept");
    } catch (NotAZipException e) {
      throw new PackageDatabaseException(path, "not a zip archive: " + e.getMessage(), e);
    } catch (BadZipException e) {
      throw new PackageDatabaseException(path, "corrupt archive: " + e.getMessage(), e);
    }
    return new JavaArchiveScan(path, scan.archives, scan.warnings.toList());
  }

  /** The state of one read. */
  private static final class Scan {
    private final JavaArchiveLimits limits;
    private final PackageDatabaseWarnings warnings;
    private final List<JavaArchive> archives = new ArrayList<>();
    private long entries;
    private long inflated;

    Scan(String path, JavaArchiveLimits limits) {
      this.limits = limits;
      this.warnings = new PackageDatabaseWarnings(path);
    }

    void archive(String path, InputStream raw, int depth) throws IOException {
      PushbackInputStream in = new PushbackInputStream(new NonClosing(raw), 4);
      byte[] magic = in.readNBytes(4);
      in.unread(magic);
      boolean local = magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3
          && magic[3] == 4;
      boolean empty = magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 5
          && magic[3] == 6;
      if (!local && !empty) {
        throw new NotAZipException(
            magic.length < 4 ? "shorter than a zip header" : "no zip local header signature");
      }
      int index = archives.size();
      archives.add(null); // keeps the order: an archive before the archives nested in it
      List<JavaPackage> packages = new ArrayList<>();
      Map<String, String> manifest = new HashMap<>();
      try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
        Counting entry = new Counting(zip, this);
        boolean first = true;
        while (true) {
          ZipEntry e = nextEntry(zip);
          if (e == null) {
            if (first && local) {
              // ZipInputStream returns null, not an error, for a header cut short.
              throw new BadZipException("truncated in the first entry header", null);
            }
            break;
          }
          first = false;
          if (++entries > limits.maxEntries()) {
            throw new LimitReachedException("more than " + limits.maxEntries() + " zip entries");
          }
          String name = e.getName();
          try {
            if (!e.isDirectory()) {
              entry(path, depth, name, entry, packages, manifest);
            }
            entry.drain();
          } catch (ZipException | EOFException x) {
            throw new BadZipException(name + ": " + x.getMessage(), x);
          } catch (IOException x) {
            if (x.getClass() != IOException.class) {
              throw x;
            }
            // the JDK's zip reader fails on some corrupt data with a plain IOException ("Push back buffer is full")
            throw new BadZipException(name + ": " + x.getMessage(), x);
          }
        }
      } finally {
        archives.set(index, new JavaArchive(path, depth, manifest, packages));
        // If reading failed before the manifest fallback ran, the archive keeps what it had.
      }
      if (packages.isEmpty()) {
        fallback(path, manifest).ifPresent(packages::add);
        archives.set(index, new JavaArchive(path, depth, manifest, packages));
      }
    }

    private void entry(
        String path,
        int depth,
        String name,
        Counting entry,
        List<JavaPackage> packages,
        Map<String, String> manifest)
        throws IOException {
      Matcher pom = POM_PROPERTIES.matcher(name);
      if (pom.matches()) {
        byte[] bytes = metadata(path, name, entry);
        if (bytes != null) {
          pomProperties(path, name, pom.group(1), pom.group(2), bytes).ifPresent(packages::add);
        }
      } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
        byte[] bytes = metadata(path, name, entry);
        if (bytes != null) {
          manifest.putAll(manifest(path, bytes));
        }
      } else if (isArchiveName(name)) {
        String nested = path + "!/" + name;
        if (depth + 1 > limits.maxDepth()) {
          warnings.add(
              nested,
              "nested archive deeper than " + limits.maxDepth() + " levels, not opened");
          return;
        }
        try {
          archive(nested, entry, depth + 1);
        } catch (NotAZipException e) {
          warnings.add(nested, "not a zip archive (" + e.getMessage() + "), skipped");
        } catch (BadZipException e) {
          warnings.add(nested, "corrupt nested archive (" + e.getMessage()
              + "), the rest of it skipped");
        }
      }
    }

    private @Nullable ZipEntry nextEntry(ZipInputStream zip) throws IOException {
      try {
        return zip.getNextEntry();
      } catch (IllegalArgumentException e) {
        // ZipInputStream throws this for an entry name that is not valid UTF-8.
        throw new BadZipException("entry name is not valid UTF-8", e);
      } catch (ZipException | EOFException e) {
        throw new BadZipException(String.valueOf(e.getMessage()), e);
      } catch (IOException e) {
        if (e.getClass() != IOException.class) {
          throw e;
        }
        throw new BadZipException(String.valueOf(e.getMessage()), e);
      }
    }

    private byte @Nullable [] metadata(String path, String name, Counting entry)
        throws IOException {
      byte[] bytes = entry.readNBytes(limits.maxMetadataBytes() + 1);
      if (bytes.length > limits.maxMetadataBytes()) {
        warnings.add(
            path + "!/" + name,
            "larger than " + limits.maxMetadataBytes() + " bytes, not read");
        return null;
      }
      return bytes;
    }

    private Optional<JavaPackage> pomProperties(
        String path, String name, String pathGroup, String pathArtifact, byte[] bytes) {
      Properties p = new Properties();
      try {
        p.load(new ByteArrayInputStream(bytes));
      } catch (IOException | IllegalArgumentException e) {
        warnings.add(path + "!/" + name, "not a properties file (" + e.getMessage() + "), skipped");
        return Optional.empty();
      }
      String group = nonEmpty(p.getProperty("groupId"), pathGroup);
      String artifact = nonEmpty(p.getProperty("artifactId"), pathArtifact);
      String version = p.getProperty("version", "").trim();
      if (version.isEmpty()) {
        warnings.add(path + "!/" + name, "no version, skipped");
        return Optional.empty();
      }
      return Optional.of(
          new JavaPackage(
              Optional.of(group),
              artifact,
              Optional.of(version),
              path,
              JavaPackage.Evidence.POM_PROPERTIES));
    }

    private Map<String, String> manifest(String path, byte[] bytes) {
      Map<String, String> out = new HashMap<>();
      try {
        Attributes main = new Manifest(new ByteArrayInputStream(bytes)).getMainAttributes();
        for (String a : MANIFEST_ATTRIBUTES) {
          String v = main.getValue(a);
          if (v != null && !v.isBlank()) {
            out.put(a, v.trim());
          }
        }
      } catch (IOException | IllegalArgumentException e) {
        warnings.add(path + "!/META-INF/MANIFEST.MF", "unreadable manifest (" + e.getMessage()
            + "), ignored");
      }
      return out;
    }
  }

  private static Optional<JavaPackage> fallback(String path, Map<String, String> manifest) {
    String file = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
    int dot = file.lastIndexOf('.');
    String stem = dot > 0 ? file.substring(0, dot) : file;
    Matcher nv = NAME_VERSION.matcher(stem);
    String fileName = nv.matches() ? nv.group(1) : null;
    String fileVersion = nv.matches() ? nv.group(2) : null;
    String version =
        first(manifest.get("Implementation-Version"), manifest.get("Bundle-Version"), null);
    String title = manifest.get("Implementation-Title");
    if (title != null && title.chars().anyMatch(Character::isWhitespace)) {
      title = null;
    }
    String symbolic = manifest.get("Bundle-SymbolicName");
    if (symbolic != null) {
      int semi = symbolic.indexOf(';');
      symbolic = (semi < 0 ? symbolic : symbolic.substring(0, semi)).trim();
    }
    boolean fromManifest =
        version != null
            || title != null
            || (symbolic != null && !symbolic.isEmpty())
            || manifest.containsKey("Automatic-Module-Name");
    if (!fromManifest && fileName == null) {
      return Optional.empty();
    }
    String artifact =
        first(fileName, title, first(symbolic, manifest.get("Automatic-Module-Name"), stem));
    if (artifact.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new JavaPackage(
            Optional.ofNullable(manifest.get("Implementation-Vendor-Id")),
            artifact,
            Optional.ofNullable(first(version, fileVersion, null)),
            path,
            fromManifest ? JavaPackage.Evidence.MANIFEST : JavaPackage.Evidence.FILE_NAME));
  }

  private static boolean isArchiveName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String s : ARCHIVE_SUFFIXES) {
      if (lower.endsWith(s) && lower.length() > s.length() && !lower.endsWith("/" + s)) {
        return true;
      }
    }
    return false;
  }

  private static String nonEmpty(@Nullable String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static <T> @Nullable T first(@Nullable T a, @Nullable T b, @Nullable T c) {
    if (a != null && !"".equals(a)) {
      return a;
    }
    if (b != null && !"".equals(b)) {
      return b;
    }
    return c;
  }

  /**
   * Counts the bytes read through it (the inflated bytes of one zip level) against the limit, and
   * lets a nested zip stream read it without closing it.
   */
  private static final class Counting extends FilterInputStream {
    private final byte[] skipBuffer = new byte[8192];
    private final Scan scan;

    Counting(InputStream in, Scan scan) {
      super(in);
      this.scan = scan;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        charge(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        charge(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Read instead of skip, so that every inflated byte is counted.
      long left = n;
      while (left > 0) {
        int r = read(skipBuffer, 0, (int) Math.min(skipBuffer.length, left));
        if (r < 0) {
          break;
        }
        left -= r;
      }
      return n - left;
    }

    /** Reads the rest of the current entry. */
    void drain() throws IOException {
      while (read(skipBuffer, 0, skipBuffer.length) >= 0) {
        // counted by read
      }
    }

    @Override
    public void close() {
      // The zip stream belongs to the caller of Scan.archive.
    }

    private void charge(int n) throws LimitReachedException {
      Scan s = scan;
      s.inflated += n;
      if (s.inflated > s.limits.maxInflatedBytes()) {
        throw new LimitReachedException(
            "more than " + s.limits.maxInflatedBytes() + " bytes inflated");
      }
    }
  }

  /** Keeps a stream open when a zip stream around it is closed. */
  private static final class NonClosing extends FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // Closing a nested zip stream must not close its parent's entry stream.
    }
  }

  /** A limit of {@link JavaArchiveLimits} was reached. */
  private static final class LimitReachedException extends IOException {
    private static final long serialVersionUID = 1L;

    LimitReachedException(String message) {
      super(message);
    }
  }

  /** The stream does not start like a zip archive. */
  private static final class NotAZipException extends IOException {
    private static final long serialVersionUID = 1L;

    NotAZipException(String message) {
      super(message);
    }
  }

  /** The zip stream is corrupt. */
  private static final class BadZipException extends IOException {
    private static final long serialVersionUID = 1L;

    BadZipException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
