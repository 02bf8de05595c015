package io.imagecheck.inspectors.packages.npm;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.fs.ImagePaths;
import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An npm lockfile: {@code package-lock.json}, {@code npm-shrinkwrap.json} (same format) or the
 * hidden lockfile {@code node_modules/.package-lock.json}.
 *
 * <p><b>Versions.</b> Version 2 and 3 lockfiles list every installed package in the
 * {@code packages} map, keyed by its folder relative to the project
 * ({@code node_modules/a/node_modules/@s/b}); a version 2 file also carries the version 1
 * {@code dependencies} tree, which is then ignored. A version 1 file only has the nested
 * {@code dependencies} tree, each entry's {@code dependencies} being the packages in its own
 * {@code node_modules}.
 *
 * <p><b>What counts as a dependency.</b> The {@code ""} entry is the project itself, not a
 * dependency: its name and version go in {@link #name()} and {@link #version()}. Keys outside
 * {@code node_modules} are workspace folders (first-party code) and are not listed. A
 * {@code "link": true} entry (a symlink in {@code node_modules} to a workspace folder) is listed
 * under its {@code node_modules} path, with the version of the folder it resolves to; it is left out
 * when that folder has no version. An entry without a version (possible for a package that failed
 * to install) is left out and logged. The package name is the entry's {@code name} when present (an
 * aliased install), else the part of the key after the last {@code node_modules/}. {@code dev} is
 * true for {@code "dev": true} and {@code "devOptional": true} entries, false for the others.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param path the lockfile's image path
 * @param lockfileVersion {@code lockfileVersion} (1 when absent)
 * @param name the project's name, when the lockfile records it
 * @param version the project's version, when the lockfile records it
 * @param packages the dependencies, in file order (version 1: breadth-first)
 */
public record NpmLockfile(
    String path,
    int lockfileVersion,
    Optional<String> name,
    Optional<String> version,
    List<NpmPackage> packages) {

  private static final System.Logger LOG = System.getLogger(NpmLockfile.class.getName());
  private static final String NODE_MODULES = "node_modules/";

  /**
   * Checks the components and copies the list.
   *
   * @param path the lockfile's image path
   * @param lockfileVersion the lockfile version
   * @param name the project's name
   * @param version the project's version
   * @param packages the dependencies
   */
  public NpmLockfile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    packages = List.copyOf(packages);
  }

  /**
   * Reads a lockfile.
   *
   * @param path the image path, e.g. {@code /app/package-lock.json}
   * @param content the file content (the caller caps its size)
   * @return the lockfile
   * @throws PackageDatabaseException when the content is not a JSON object, nests deeper than the
   *     limit, or an entry or member has the wrong JSON type
   */
  public static NpmLockfile parse(String path, byte[] content) throws PackageDatabaseException {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    JsonNode root = NpmJson.readObject(path, content);
    JsonNode lv = root.get("lockfileVersion");
    int lockfileVersion = 1;
    if (lv != null && !lv.isNull()) {
      if (!lv.canConvertToInt() || !lv.isIntegralNumber()) {
        throw new PackageDatabaseException(path, "lockfileVersion is not an integer: " + lv);
      }
      lockfileVersion = lv.intValue();
    }
    String projectDir = projectDir(path);
    String name = NpmJson.text(path, root, "name", "lockfile");
    String version = NpmJson.text(path, root, "version", "lockfile");
    List<NpmPackage> packages = new ArrayList<>();
    JsonNode map = root.get("packages");
    if (map != null && !map.isNull()) {
      if (!map.isObject()) {
        throw new PackageDatabaseException(path, "\"packages\" is not an object");
      }
      JsonNode project = map.get("");
      if (project != null && project.isObject()) {
        String n = NpmJson.text(path, project, "name", "packages[\"\"]");
        String v = NpmJson.text(path, project, "version", "packages[\"\"]");
        name = n != null ? n : name;
        version = v != null ? v : version;
      }
      readPackagesMap(path, projectDir, map, packages);
    } else {
      readDependencyTree(path, projectDir, root.get("dependencies"), packages);
    }
    return new NpmLockfile(
        path,
        lockfileVersion,
        Optional.ofNullable(name).filter(s -> !s.isEmpty()),
        Optional.ofNullable(version).filter(s -> !s.isEmpty()),
        packages);
  }

  /** The directory the keys are relative to. */
  private static String projectDir(String path) {
    String clean = ImagePaths.clean(path);
    String dir = ImagePaths.parent(clean);
    if (ImagePaths.name(clean).equals(".package-lock.json")
        && ImagePaths.name(dir).equals("node_modules")) {
      return ImagePaths.parent(dir);
    }
    return dir;
  }

  private static void readPackagesMap(
      String path, String projectDir, JsonNode map, List<NpmPackage> out)
      throws PackageDatabaseException {
    Iterator<Map.Entry<String, JsonNode>> it = map.fields();
    int missingVersion = 0;
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode entry = e.getValue();
      String where = "packages[\"" + key + "\"]";
      if (!entry.isObject()) {
        throw new PackageDatabaseException(path, where + " is not an object");
      }
      int nm = key.lastIndexOf(NODE_MODULES);
      boolean underNodeModules = nm == 0 || (nm > 0 && key.charAt(nm - 1) == '/');
      if (key.isEmpty() || !underNodeModules) {
        continue; // the project itself, or a workspace folder
      }
      String name = NpmJson.text(path, entry, "name", where);
      if (name == null || name.isEmpty()) {
        name = key.substring(nm + NODE_MODULES.length());
      }
      String version = NpmJson.text(path, entry, "version", where);
      JsonNode link = entry.get("link");
      if (link != null && link.asBoolean(false)) {
        String resolved = NpmJson.text(path, entry, "resolved", where);
        JsonNode target = resolved == null ? null : map.get(resolved);
        version =
            target != null && target.isObject()
                ? NpmJson.text(path, target, "version", "packages[\"" + resolved + "\"]")
                : null;
      }
      if (name.isEmpty() || version == null || version.isEmpty()) {
        missingVersion++;
        continue;
      }
      boolean dev = flag(entry, "dev") || flag(entry, "devOptional");
      out.add(
          new NpmPackage(
              name,
              version,
              ImagePaths.resolveAgainst(projectDir, key),
              NpmPackageJsons.licenses(path, entry),
              false,
              Optional.of(dev)));
    }
    if (missingVersion > 0) {
      LOG.log(System.Logger.Level.DEBUG, "{0}: {1} entries without a version left out", path,
          missingVersion);
    }
  }

  private static void readDependencyTree(
      String path, String projectDir, JsonNode top, List<NpmPackage> out)
      throws PackageDatabaseException {
    if (top == null || top.isNull()) {
      return;
    }
    // Breadth-first with an explicit queue: no recursion, whatever the depth (which the parser
    // already bounds).
    Deque<Map.Entry<String, JsonNode>> queue = new ArrayDeque<>();
    queue.add(Map.entry(projectDir, top));
    int missingVersion = 0;
    while (!queue.isEmpty()) {
      Map.Entry<String, JsonNode> level = queue.poll();
      JsonNode deps = level.getValue();
      if (!deps.isObject()) {
        throw new PackageDatabaseException(
            path, "\"dependencies\" under " + level.getKey() + " is not an object");
      }
      Iterator<Map.Entry<String, JsonNode>> it = deps.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = e.getKey();
        JsonNode entry = e.getValue();
        String where = "dependencies[\"" + name + "\"]";
        if (!entry.isObject()) {
          throw new PackageDatabaseException(path, where + " is not an object");
        }
        String dir = ImagePaths.resolveAgainst(level.getKey(), NODE_MODULES + name);
        String version = NpmJson.text(path, entry, "version", where);
        if (name.isEmpty() || version == null || version.isEmpty()) {
          missingVersion++;
        } else {
          out.add(
              new NpmPackage(
                  name,
                  version,
                  dir,
                  NpmPackageJsons.licenses(path, entry),
                  false,
                  Optional.of(flag(entry, "dev"))));
        }
        JsonNode nested = entry.get("dependencies");
        if (nested != null && !nested.isNull()) {
          queue.add(Map.entry(dir, nested));
        }
      }
    }
    if (missingVersion > 0) {
      LOG.log(System.Logger.Level.DEBUG, "{0}: {1} entries without a version left out", path,
          missingVersion);
    }
  }

  private static boolean flag(JsonNode entry, String member) {
    JsonNode n = entry.get(member);
    return n != null && n.isBoolean() && n.booleanValue();
  }
}
