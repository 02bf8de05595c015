package io.imagecheck.inspectors.packagemanager;

import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.ImagePaths;
import io.imagecheck.fs.Resolution;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import io.imagecheck.inspectors.executables.Executable;
import io.imagecheck.inspectors.executables.ExecutableIndex;
import io.imagecheck.inspectors.executables.MultiCallVisitor;
import io.imagecheck.inspectors.executables.Reach;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Finds package managers in an image: with one, anything running in the container can install
 * software in place, which the immutable-image model rules out (images are rebuilt, not patched).
 *
 * <p><b>What it looks at.</b>
 * <ul>
 *   <li>Executables named {@code apt}, {@code apt-get}, {@code dpkg}, {@code apk}, {@code rpm},
 *       {@code yum}, {@code dnf}, {@code dnf5}, {@code microdnf}, {@code tdnf}, {@code zypper},
 *       {@code pacman}, {@code pip}, {@code pip3}, {@code pip3.N}, {@code npm}, {@code yarn},
 *       {@code pnpm}, {@code gem}, {@code composer}, {@code conda}, {@code nix} in the search
 *       directories (the config's {@code PATH}, else the default one, then the usual bin directories),
 *       resolved through links, with an execute bit. One {@code package-manager.present} finding per
 *       distinct file ({@code yum} and {@code dnf} linked to one {@code dnf-3} give one finding naming
 *       both). A name that resolves to a BusyBox or toybox binary is an applet, not a package manager
 *       (BusyBox's {@code dpkg}/{@code rpm} applets only unpack archives, and there is no {@code apk}
 *       applet): it is listed in the {@code appletManagers} fact, not reported.
 *   <li>Package databases, by metadata only: dpkg {@code /var/lib/dpkg/status} and distroless's
 *       {@code /var/lib/dpkg/status.d/}, apk {@code /lib/apk/db/installed}, rpm {@code rpmdb.sqlite},
 *       {@code Packages.db} or {@code Packages} under {@code /var/lib/rpm} or
 *       {@code /usr/lib/sysimage/rpm}, pacman {@code /var/lib/pacman/local}, and Python
 *       {@code site-packages}/{@code dist-packages} directories holding {@code *.dist-info} or
 *       {@code *.egg-info}. A database is reported ({@code package-manager.database}, INFO) only when
 *       none of its managers is present: it is then inventory, which distroless images keep on purpose
 *       so scanners can see what is installed.
 * </ul>
 *
 * <p><b>Facts.</b>
 * <ul>
 *   <li>{@code managers}: one map per manager name found: {@code name}, {@code family} ({@code dpkg},
 *       {@code apk}, {@code rpm}, {@code pacman}, {@code python}, {@code npm}, {@code gem},
 *       {@code composer}, {@code conda}, {@code nix}), {@code path}, {@code resolvedPath},
 *       {@code layer} (0-based index of the layer that shipped the file), {@code paths}.
 *   <li>{@code appletManagers}: manager names that resolve to a multi-call binary: {@code name},
 *       {@code path}, {@code resolvedPath}.
 *   <li>{@code databases}: one map per database: {@code kind} (the family), {@code path},
 *       {@code layer}, {@code entries} (for directory databases: the number of package entries; -1 for
 *       single-file databases, which are counted by the {@code packages} inspector), {@code managed}
 *       (whether a manager of its family is present).
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class PackageManagerInspector implements Inspector {

  /** The inspector id. */
  public static final String ID = "package-manager";
  /** Rule: a package-manager executable is present. */
  public static final String PRESENT = "package-manager.present";
  /** Rule: a package database without its manager (inventory). */
  public static final String DATABASE = "package-manager.database";

  /** Package-manager command names and their family. */
  public static final Map<String, String> MANAGERS = managers();

  private static final Pattern PIP_VERSIONED = Pattern.compile("pip[23]\\.[0-9]+");
  private static final List<String> RPM_DIRS = List.of("/var/lib/rpm", "/usr/lib/sysimage/rpm");
  private static final List<String> RPM_FILES = List.of("rpmdb.sqlite", "Packages.db", "Packages");

  private final MultiCallVisitor visitor = new MultiCallVisitor();

  /** Creates the inspector. */
  public PackageManagerInspector() {
    // stateless
  }

  private static Map<String, String> managers() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String n : List.of("apt", "apt-get", "dpkg")) {
      m.put(n, "dpkg");
    }
    m.put("apk", "apk");
    for (String n : List.of("rpm", "yum", "dnf", "dnf5", "microdnf", "tdnf", "zypper")) {
      m.put(n, "rpm");
    }
    m.put("pacman", "pacman");
    m.put("pip", "python");
    m.put("pip3", "python");
    for (String n : List.of("npm", "yarn", "pnpm")) {
      m.put(n, "npm");
    }
    m.put("gem", "gem");
    m.put("composer", "composer");
    m.put("conda", "conda");
    m.put("nix", "nix");
    return java.util.Collections.unmodifiableMap(m);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Package-manager executables (apt, dpkg, apk, rpm, yum, dnf, zypper, pacman, pip, npm, gem, conda, nix"
        + " ...) reachable through PATH and the usual bin directories, and package databases without their"
        + " manager.";
  }

  @Override
  public List<Rule> rules() {
    return List.of(
        new Rule(PRESENT, Severity.HIGH, "Image contains a package manager",
            "A package-manager executable is reachable from the command search path. Anything that runs in the"
                + " container can then install or change software in place, so the image no longer describes"
                + " what runs; hardened images are rebuilt, never patched.",
            "Install packages in a build stage and copy only the result into the final image, or remove the"
                + " package manager (and its links) in the final stage."),
        new Rule(DATABASE, Severity.INFO, "Package database without a package manager",
            "A package database (dpkg status or status.d, apk installed, rpm database, Python dist-info) is"
                + " present but no manager that uses it is. This is inventory, not a risk: distroless images keep"
                + " it on purpose so that scanners can tell what is installed.",
            "Nothing to do; keep the database so vulnerability scanners can see the packages."));
  }

  @Override
  public ContentNeeds contentNeeds() {
    return new ContentNeeds(List.of(), List.of(visitor), false);
  }

  @Override
  public InspectorResult inspect(InspectionContext context) {
    FileSystemView fs = context.fileSystem();
    ExecutableIndex index = ExecutableIndex.build(fs, context.config(), fs.visits(visitor));
    List<Finding> findings = new ArrayList<>();
    List<Map<String, Object>> managers = new ArrayList<>();
    List<Map<String, Object>> applets = new ArrayList<>();
    Set<String> families = new HashSet<>();

    // file path -> manager names reaching it, in search order
    Map<String, Set<String>> namesByFile = new LinkedHashMap<>();
    for (String name : index.names()) {
      Optional<String> family = family(name);
      if (family.isEmpty()) {
        continue;
      }
      for (Reach r : index.reaches(name)) {
        Executable x = index.executable(r);
        if (x.multiCall().isPresent()) {
          applets.add(Map.of("name", name, "path", r.path(), "resolvedPath", x.path()));
          continue;
        }
        families.add(family.get());
        if (namesByFile.computeIfAbsent(x.path(), k -> new LinkedHashSet<>()).add(name)) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", name);
          m.put("family", family.get());
          m.put("path", r.path());
          m.put("resolvedPath", x.path());
          m.put("layer", x.origin().layerIndex());
          m.put("paths", x.paths(q -> q.name().equals(name)));
          managers.add(m);
        }
      }
    }
    for (Executable x : index.executables()) {
      Set<String> names = namesByFile.get(x.path());
      if (names != null) {
        findings.add(presentFinding(x, names));
      }
    }

    List<Map<String, Object>> databases = new ArrayList<>();
    for (Database db : databases(fs)) {
      boolean managed = families.contains(db.kind);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", db.kind);
      m.put("path", db.path);
      m.put("layer", db.entry.origin().layerIndex());
      m.put("entries", db.entries);
      m.put("managed", managed);
      databases.add(m);
      if (!managed) {
        findings.add(databaseFinding(db));
      }
    }

    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("managers", managers);
    facts.put("appletManagers", applets);
    facts.put("databases", databases);
    return InspectorResult.of(ID, facts, findings);
  }

  /**
   * The family of a package-manager command name.
   *
   * @param name a command name
   * @return e.g. {@code dpkg} for {@code apt-get}, {@code python} for {@code pip3.11}; empty for other names
   */
  public static Optional<String> family(String name) {
    String f = MANAGERS.get(name);
    if (f == null && PIP_VERSIONED.matcher(name).matches()) {
      f = "python";
    }
    return Optional.ofNullable(f);
  }

  private static Finding presentFinding(Executable x, Set<String> names) {
    Reach primary = x.firstReach(r -> names.contains(r.name())).orElseThrow();
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("names", String.join(",", names));
    evidence.put("family", family(primary.name()).orElse(""));
    evidence.put("resolvedTarget", x.path());
    if (!primary.via().isEmpty()) {
      evidence.put("via", primary.via());
    }
    List<String> paths = x.paths(r -> names.contains(r.name()));
    if (paths.size() > 1) {
      evidence.put("paths", String.join(",", paths));
    }
    String label = names.size() == 1 ? "Package manager " + primary.name()
        : "Package managers " + String.join(", ", names);
    String msg = label + " reachable at " + primary.path() + primary.leadsTo();
    return Finding.at(PRESENT, ID, Severity.HIGH, msg, primary.path(), x.origin(), evidence);
  }

  private static Finding databaseFinding(Database db) {
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("kind", db.kind);
    if (db.entries >= 0) {
      evidence.put("entries", Integer.toString(db.entries));
    }
    evidence.put("manager", "none");
    String count = db.entries >= 0 ? " (" + db.entries + (db.entries == 1 ? " entry" : " entries") + ")" : "";
    return Finding.at(DATABASE, ID, Severity.INFO, db.kind + " package database " + db.path + count
        + " is inventory only: no " + db.kind + " package manager is present", db.path, db.entry.origin(), evidence);
  }

  /** A package database found by metadata. */
  private record Database(String kind, String path, FileEntry entry, int entries) {}

  private static List<Database> databases(FileSystemView fs) {
    List<Database> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    regularFile(fs, "/var/lib/dpkg/status").ifPresent(e -> add(out, seen, new Database("dpkg", e.path(), e, -1)));
    directory(fs, "/var/lib/dpkg/status.d").ifPresent(d -> add(out, seen, new Database("dpkg", d.path(), d,
        (int) fs.list(d.path()).stream().filter(c -> !c.isDirectory() && !c.name().endsWith(".md5sums")).count())));
    regularFile(fs, "/lib/apk/db/installed").ifPresent(e -> add(out, seen, new Database("apk", e.path(), e, -1)));
    for (String dir : RPM_DIRS) {
      for (String file : RPM_FILES) {
        regularFile(fs, dir + "/" + file).ifPresent(e -> add(out, seen, new Database("rpm", e.path(), e, -1)));
      }
    }
    directory(fs, "/var/lib/pacman/local").ifPresent(d -> add(out, seen, new Database("pacman", d.path(), d,
        (int) fs.list(d.path()).stream().filter(FileEntry::isDirectory).count())));
    Map<String, Integer> python = new TreeMap<>();
    for (FileEntry e : fs.find("/**/{site,dist}-packages/*.{dist-info,egg-info}")) {
      python.merge(e.parent(), 1, Integer::sum);
    }
    python.forEach((dir, n) -> fs.entry(dir).ifPresent(d -> add(out, seen, new Database("python", dir, d, n))));
    return out;
  }

  private static void add(List<Database> out, Set<String> seen, Database db) {
    if (seen.add(db.path)) {
      out.add(db);
    }
  }

  /** The file a path resolves to, when it is a regular file (reported at its resolved path). */
  private static Optional<FileEntry> regularFile(FileSystemView fs, String path) {
    Resolution r = fs.resolve(path);
    return r.target().filter(e -> e.isRegularFile() || e.isHardlink());
  }

  private static Optional<FileEntry> directory(FileSystemView fs, String path) {
    return fs.resolve(ImagePaths.clean(path)).target().filter(FileEntry::isDirectory);
  }
}
