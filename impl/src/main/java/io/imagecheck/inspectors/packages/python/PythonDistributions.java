package io.imagecheck.inspectors.packages.python;

import io.imagecheck.fs.ImagePaths;
import io.imagecheck.inspectors.packages.DatabaseTexts;
import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads installed Python distributions: the core metadata file ({@code *.dist-info/METADATA} or
 * {@code *.egg-info/PKG-INFO}, or a {@code *.egg-info} file), {@code INSTALLER}, and the file list
 * ({@code RECORD} or {@code installed-files.txt}).
 *
 * <p><b>Metadata.</b> The core metadata format is email headers: {@code Name: value} lines, a
 * line starting with whitespace continuing the previous one, and a body (the long description)
 * after the first blank line, which is not read. Like Python's {@code email} parser (which
 * {@code importlib.metadata} uses), a line that is not a header ends the headers. The first
 * occurrence of a header wins. The file must be UTF-8, as the core metadata specification says
 * (and {@code importlib.metadata} reads it so): invalid UTF-8 raises an exception.
 *
 * <p>Thread-safe (stateless).
 */
public final class PythonDistributions {

  private static final Set<String> HEADERS =
      Set.of("name", "version", "summary", "license", "license-expression", "author");

  private PythonDistributions() {}

  /**
   * Tells whether a path is a Python core metadata file: {@code <dir>.dist-info/METADATA},
   * {@code <dir>.egg-info/PKG-INFO}, or a {@code *.egg-info} regular file (the single-file form
   * some distribution packages install).
   *
   * @param path an image path
   * @return true for the three shapes above
   */
  public static boolean isMetadataPath(String path) {
    String clean = ImagePaths.clean(path);
    String name = ImagePaths.name(clean);
    String parent = ImagePaths.name(ImagePaths.parent(clean));
    return (name.equals("METADATA") && parent.endsWith(".dist-info"))
        || (name.equals("PKG-INFO") && parent.endsWith(".egg-info"))
        || (name.endsWith(".egg-info") && name.length() > ".egg-info".length());
  }

  /**
   * Reads a core metadata file into a package without installer and files.
   *
   * @param path the image path, e.g. {@code /usr/lib/python3/site-packages/x-1.0.dist-info/METADATA}
   * @param content the file content
   * @return the package
   * @throws PackageDatabaseException when the content is not UTF-8 or has no {@code Name} or
   *     {@code Version}
   */
  public static PythonPackage parseMetadata(String path, byte[] content)
      throws PackageDatabaseException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    Map<String, String> h = headers(DatabaseTexts.decodeUtf8(path, content));
    String name = h.get("name");
    if (name == null || name.isEmpty()) {
      throw new PackageDatabaseException(path, "core metadata has no Name header");
    }
    String version = h.get("version");
    if (version == null || version.isEmpty()) {
      throw new PackageDatabaseException(path, "core metadata of " + name + " has no Version header");
    }
    Optional<String> license = known(h.get("license-expression"));
    if (license.isEmpty()) {
      license = known(h.get("license"));
    }
    return new PythonPackage(
        name,
        version,
        known(h.get("summary")),
        license,
        known(h.get("author")),
        Optional.empty(),
        ImagePaths.clean(path),
        List.of());
  }

  /**
   * Reads an {@code INSTALLER} file: the name of the tool that installed the distribution.
   *
   * @param path the image path
   * @param content the file content
   * @return the first line, trimmed (e.g. {@code pip}), or empty when there is none
   * @throws PackageDatabaseException when the content is not UTF-8
   */
  public static Optional<String> parseInstaller(String path, byte[] content)
      throws PackageDatabaseException {
    String text = DatabaseTexts.decodeUtf8(path, content);
    int eol = text.indexOf('\n');
    String first = (eol < 0 ? text : text.substring(0, eol)).trim();
    return first.isEmpty() ? Optional.empty() : Optional.of(first);
  }

  /**
   * Reads a file list: a {@code RECORD} file (CSV rows {@code path,hash,size}, paths relative to
   * the directory holding the {@code .dist-info} directory) or an {@code installed-files.txt} (one
   * path per line, relative to the {@code .egg-info} directory).
   *
   * @param path the image path of the list; its name ({@code RECORD} or anything else) selects the
   *     format
   * @param content the file content
   * @return the listed files as absolute, clean image paths, in file order, without duplicates
   * @throws PackageDatabaseException when the content is not UTF-8 or a CSV quote is not closed
   */
  public static List<String> parseFileList(String path, byte[] content)
      throws PackageDatabaseException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    String clean = ImagePaths.clean(path);
    String infoDir = ImagePaths.parent(clean);
    boolean record = ImagePaths.name(clean).equals("RECORD");
    String base = record ? ImagePaths.parent(infoDir) : infoDir;
    Set<String> files = new LinkedHashSet<>();
    int lineNo = 0;
    for (String raw : DatabaseTexts.decodeUtf8(path, content).split("\n")) {
      lineNo++;
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.isBlank()) {
        continue;
      }
      String file = record ? firstCsvField(path, line, lineNo) : line.trim();
      if (!file.isEmpty()) {
        files.add(ImagePaths.resolveAgainst(base, file));
      }
    }
    return List.copyOf(files);
  }

  /**
   * Reads one installed distribution from its metadata file and the files beside it.
   *
   * @param metadataPath the image path of {@code METADATA}, {@code PKG-INFO} or a {@code *.egg-info}
   *     file
   * @param metadata its content
   * @param installer the content of {@code INSTALLER} beside it, or null when there is none
   * @param fileList the content of the file list beside it ({@code RECORD} for a
   *     {@code .dist-info}, {@code installed-files.txt} for an {@code .egg-info}), or null
   * @return the package
   * @throws PackageDatabaseException when one of the files is malformed
   */
  public static PythonPackage read(
      String metadataPath, byte[] metadata, byte @Nullable [] installer,
      byte @Nullable [] fileList) throws PackageDatabaseException {
    PythonPackage p = parseMetadata(metadataPath, metadata);
    String dir = ImagePaths.parent(p.metadataPath());
    Optional<String> by =
        installer == null ? Optional.empty() : parseInstaller(dir + "/INSTALLER", installer);
    List<String> files = List.of();
    if (fileList != null) {
      String listName =
          ImagePaths.name(p.metadataPath()).equals("METADATA") ? "RECORD" : "installed-files.txt";
      files = parseFileList(dir + "/" + listName, fileList);
    }
    return new PythonPackage(
        p.name(), p.version(), p.summary(), p.license(), p.author(), by, p.metadataPath(), files);
  }

  private static Map<String, String> headers(String text) {
    Map<String, StringBuilder> values = new HashMap<>();
    StringBuilder current = null;
    boolean inHeader = false;
    int pos = 0;
    while (pos < text.length()) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = text.length();
      }
      int end = eol > pos && text.charAt(eol - 1) == '\r' ? eol - 1 : eol;
      String line = text.substring(pos, end);
      pos = eol + 1;
      if (line.isEmpty()) {
        break; // the body starts
      }
      char first = line.charAt(0);
      if (first == ' ' || first == '\t') {
        if (!inHeader) {
          break; // as email.parser: not a header, so the headers have ended
        }
        if (current != null) {
          current.append('\n').append(line.strip());
        }
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        break; // as email.parser: a line that is not a header ends the headers
      }
      inHeader = true;
      String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      if (HEADERS.contains(key) && !values.containsKey(key)) {
        current = new StringBuilder(line.substring(colon + 1).strip());
        values.put(key, current);
      } else {
        current = null;
      }
    }
    Map<String, String> out = new HashMap<>();
    values.forEach((k, v) -> out.put(k, v.toString().strip()));
    return out;
  }

  private static Optional<String> known(@Nullable String value) {
    return value == null || value.isEmpty() || value.equals("UNKNOWN")
        ? Optional.empty()
        : Optional.of(value);
  }

  private static String firstCsvField(String path, String line, int lineNo)
      throws PackageDatabaseException {
    if (!line.startsWith("\"")) {
      int comma = line.indexOf(',');
      return comma < 0 ? line : line.substring(0, comma);
    }
    StringBuilder field = new StringBuilder();
    for (int i = 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          return field.toString();
        }
      } else {
        field.append(c);
      }
    }
    throw new PackageDatabaseException(path, "line " + lineNo + ": unclosed quote in CSV row");
  }
}
