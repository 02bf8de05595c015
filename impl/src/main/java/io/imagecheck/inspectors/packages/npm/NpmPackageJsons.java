package io.imagecheck.inspectors.packages.npm;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.fs.ImagePaths;
import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code package.json} of an installed npm package.
 *
 * <p>Thread-safe (stateless).
 */
public final class NpmPackageJsons {

  private NpmPackageJsons() {}

  /**
   * Tells whether a path is the manifest of an installed package:
   * {@code .../node_modules/<name>/package.json} or
   * {@code .../node_modules/@<scope>/<name>/package.json}. Other {@code package.json} files under
   * {@code node_modules} (in a package's sub-directories) describe no package.
   *
   * @param path an image path
   * @return true for the two shapes above
   */
  public static boolean isInstalledPackagePath(String path) {
    String clean = ImagePaths.clean(path);
    if (!ImagePaths.name(clean).equals("package.json")) {
      return false;
    }
    String dir = ImagePaths.parent(clean);
    String up = ImagePaths.parent(dir);
    if (ImagePaths.name(up).equals("node_modules")) {
      return !ImagePaths.name(dir).startsWith("@") && !ImagePaths.name(dir).startsWith(".");
    }
    return ImagePaths.name(up).startsWith("@")
        && ImagePaths.name(ImagePaths.parent(up)).equals("node_modules");
  }

  /**
   * Reads a {@code package.json}.
   *
   * @param path the image path, e.g. {@code /app/node_modules/ms/package.json}
   * @param content the file content
   * @return the package, or empty when the manifest has no {@code name} or no {@code version}
   *     (such a manifest describes no installable package)
   * @throws PackageDatabaseException when the content is not a JSON object, or {@code name},
   *     {@code version} or {@code license} has the wrong JSON type
   */
  public static Optional<NpmPackage> parse(String path, byte[] content)
      throws PackageDatabaseException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    JsonNode root = NpmJson.readObject(path, content);
    String name = NpmJson.text(path, root, "name", "package.json");
    String version = NpmJson.text(path, root, "version", "package.json");
    if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
      return Optional.empty();
    }
    JsonNode priv = root.get("private");
    return Optional.of(
        new NpmPackage(
            name,
            version,
            ImagePaths.parent(ImagePaths.clean(path)),
            licenses(path, root),
            priv != null && priv.isBoolean() && priv.booleanValue(),
            Optional.empty()));
  }

  /**
   * The licenses of a manifest or lockfile entry: {@code "license": "MIT"}, the legacy
   * {@code "license": {"type": "MIT"}}, or the legacy {@code "licenses": ["MIT", {"type": ...}]}.
   */
  static List<String> licenses(String path, JsonNode node) throws PackageDatabaseException {
    List<String> out = new ArrayList<>();
    addLicense(path, node.get("license"), out);
    JsonNode many = node.get("licenses");
    if (many != null && many.isArray()) {
      for (JsonNode l : many) {
        addLicense(path, l, out);
      }
    }
    return out;
  }

  private static void addLicense(String path, @Nullable JsonNode l,
      List<String> out) throws PackageDatabaseException {
    if (l == null || l.isNull()) {
      return;
    }
    if (l.isTextual()) {
      if (!l.asText().isEmpty()) {
        out.add(l.asText());
      }
    } else if (l.isObject()) {
      String type = NpmJson.text(path, l, "type", "license");
      if (type != null && !type.isEmpty()) {
        out.add(type);
      }
    } else {
      throw new PackageDatabaseException(
          path, "license is " + l.getNodeType() + ", expected a string or an object");
    }
  }
}
