package io.imagecheck.inspectors.inventory;

import io.imagecheck.inspectors.packages.PackageUrl;
import io.imagecheck.fs.Capture;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.ContentVisitor;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.ImagePaths;
import io.imagecheck.fs.Origin;
import io.imagecheck.fs.Resolution;
import io.imagecheck.fs.Visit;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import io.imagecheck.inspectors.packages.apk.ApkPackage;
import io.imagecheck.inspectors.packages.dpkg.DpkgPackage;
import io.imagecheck.inspectors.packages.java.JavaPackage;
import io.imagecheck.inspectors.packages.npm.NpmLockfile;
import io.imagecheck.inspectors.packages.npm.NpmPackage;
import io.imagecheck.inspectors.packages.python.PythonPackage;
import io.imagecheck.inspectors.packages.rpm.RpmDatabaseFormat;
import io.imagecheck.inspectors.packages.rpm.RpmPackage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The installed-package inventory, read from the package databases and language manifests that are
 * in the image's final tree.
 *
 * <ul>
 *   <li>dpkg: {@code /var/lib/dpkg/status} (installed stanzas only: {@code install ok installed} or
 *       {@code hold ok installed}) and distroless {@code /var/lib/dpkg/status.d/<package>} files;
 *       versions as dpkg writes them, epochs kept ({@code 1:2.5.1-4}).
 *   <li>apk: {@code /lib/apk/db/installed} (and {@code /usr/lib/apk/db/installed}).
 *   <li>rpm: the SQLite, Berkeley DB and NDB databases at {@code /var/lib/rpm} and
 *       {@code /usr/lib/sysimage/rpm}; the version is {@code VERSION-RELEASE}, prefixed by
 *       {@code EPOCH:} when the header has an epoch.
 *   <li>Python: {@code *.dist-info/METADATA}, {@code *.egg-info/PKG-INFO} and {@code *.egg-info}
 *       files anywhere, with the {@code INSTALLER} beside them.
 *   <li>npm: {@code node_modules/<name>/package.json} (scoped names too) anywhere, and project
 *       lockfiles ({@code package-lock.json}, {@code npm-shrinkwrap.json},
 *       {@code node_modules/.package-lock.json}); a lockfile entry is listed only when no installed
 *       {@code package.json} is at its folder (metadata {@code evidence=lockfile}).
 *   <li>Java: {@code *.jar}, {@code *.war}, {@code *.ear}, {@code *.jpi}, {@code *.hpi} anywhere,
 *       streamed, nested archives included ({@code pom.properties}, else the manifest or file name).
 *       Archives that give no version are left out; without a group id the purl has no namespace.
 * </ul>
 *
 * <p><b>Which copy counts.</b> Only files of the final tree count: a database deleted (whited out)
 * or replaced by a later layer is not part of the inventory. Each package's {@code origin} is that
 * of the layer that wrote the file it was read from.
 *
 * <p><b>Content.</b> {@code /etc/os-release} and {@code /usr/lib/os-release} are captured. Package files
 * are parsed by a content visitor as each layer streams by, not captured: captures count against the
 * image-wide capture budget (64 MiB by default) for every layer that rewrites a database, which a few
 * {@code dnf}, {@code yum} or {@code apt} layers exhaust, failing the whole scan. The visitor keeps only
 * the parsed records. It reads one copy at a time into memory up to a cap per kind: rpm databases
 * 256 MiB, dpkg {@code status}, apk {@code installed} and npm lockfiles 64 MiB, Python metadata and
 * {@code package.json} 16 MiB, {@code status.d} files 4 MiB; Java archives are streamed whatever their
 * size (the Java reader bounds depth, entries and inflated bytes). A larger file is not read: it is
 * reported as unreadable.
 *
 * <p><b>Package URLs.</b> The namespace of {@code deb}, {@code apk} and {@code rpm} purls is the
 * {@code ID} of {@code os-release} (e.g. {@code debian}, {@code ubuntu}, {@code alpine}, {@code fedora},
 * {@code rhel}, {@code mariner}), left out when the image has no os-release; the {@code distro}
 * qualifier is {@code ID-VERSION_ID} (e.g. {@code debian-12}, {@code alpine-3.11.5}); {@code arch} is the
 * package's architecture; rpm epochs go in the {@code epoch} qualifier. Example:
 * {@code pkg:apk/alpine/musl@1.1.24-r2?arch=x86_64&distro=alpine-3.11.5}.
 *
 * <p><b>Rules.</b> {@code packages.database-unreadable} (LOW): a package database or manifest in the
 * final tree is malformed or too large; the finding carries the reader's message, and the rest of the
 * inventory is still built. No other findings: the inventory is facts. (Whether a package database
 * without a package manager is acceptable is for the {@code package-manager} inspector.)
 *
 * <p><b>Facts:</b>
 * <ul>
 *   <li>{@code packages}: {@code List<InstalledPackage>}, sorted by ecosystem, name, version and source
 *       path. Metadata: deb {@code source}, {@code sourceVersion}, {@code installedSizeKib}; apk
 *       {@code origin}, {@code maintainer}; rpm {@code epoch}, {@code release}, {@code sourceRpm},
 *       {@code vendor}, {@code size}; pypi {@code installer}; npm {@code evidence} ({@code package.json}
 *       or {@code lockfile}), {@code dev}, {@code private}; maven {@code groupId}, {@code artifactId},
 *       {@code evidence}.
 *   <li>{@code counts}: ecosystem to number of packages, sorted by ecosystem.
 *   <li>{@code databases}: one map per database read: {@code path}, {@code kind} ({@code dpkg-status},
 *       {@code dpkg-status.d}, {@code apk-installed}, {@code rpm-sqlite}, {@code rpm-bdb}, {@code rpm-ndb},
 *       {@code npm-lockfile}, {@code java-archive}), {@code packageCount}, {@code layer} (number, from 1),
 *       and {@code error} for an unreadable one. Python metadata and {@code package.json} files are one
 *       package each and are not listed.
 *   <li>{@code os}: {@code id}, {@code versionId}, {@code versionCodename}, {@code prettyName} when known.
 *   <li>{@code warnings}: what the lenient readers skipped (a broken stanza, a nested archive), as
 *       {@code path: problem}.
 * </ul>
 *
 * <p>No options. Stateless and thread-safe.
 */
public final class PackagesInspector implements Inspector {

  /** The inspector id. */
  public static final String ID = "packages";
  /** Rule id: a package database or manifest cannot be read. */
  public static final String DATABASE_UNREADABLE = "packages.database-unreadable";
  /** The os-release file. */
  public static final String OS_RELEASE = "/etc/os-release";
  /** The os-release file {@code /etc/os-release} usually links to. */
  public static final String USR_LIB_OS_RELEASE = "/usr/lib/os-release";

  private static final long OS_RELEASE_MAX_BYTES = 64L << 10;
  private static final ContentVisitor<ParsedPackageFile> VISITOR = new PackageFilesVisitor();
  private static final Comparator<InstalledPackage> ORDER = Comparator.comparing(InstalledPackage::ecosystem)
      .thenComparing(InstalledPackage::name).thenComparing(InstalledPackage::version)
      .thenComparing(InstalledPackage::sourcePath);

  private static final List<Rule> RULES = List.of(
      new Rule(DATABASE_UNREADABLE, Severity.LOW, "Package database cannot be read",
          "A package database or manifest in the image (dpkg status, apk installed, an rpm database, a Python "
              + "METADATA, a package.json or lockfile, a Java archive) is malformed, or larger than the inspector "
              + "reads; its packages are missing from the inventory.",
          "Check the file named in the finding; rebuild the image if the database is corrupt."));

  /** Creates the inspector. */
  public PackagesInspector() {
    // stateless
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "The installed-package inventory from dpkg, apk and rpm databases, Python metadata, npm manifests and "
        + "lockfiles, and Java archives in the final tree, with package URLs.";
  }

  @Override
  public List<Rule> rules() {
    return RULES;
  }

  @Override
  public ContentNeeds contentNeeds() {
    return new ContentNeeds(List.of(Capture.of(OS_RELEASE, OS_RELEASE_MAX_BYTES),
        Capture.of(USR_LIB_OS_RELEASE, OS_RELEASE_MAX_BYTES)), List.of(VISITOR), false);
  }

  @Override
  public InspectorResult inspect(InspectionContext context) {
    FileSystemView fs = context.fileSystem();
    OsRelease os = osRelease(fs);
    Inventory inventory = new Inventory(os);
    List<Visit<ParsedPackageFile>> current = new ArrayList<>();
    for (Visit<ParsedPackageFile> v : fs.visits(VISITOR)) {
      if (inFinalTree(fs, v.entry())) {
        current.add(v);
      }
    }
    // INSTALLER files first: a Python package takes its installer from the file beside its metadata.
    for (Visit<ParsedPackageFile> v : current) {
      if (v.result() instanceof ParsedPackageFile.Installer i) {
        i.installer().ifPresent(x -> inventory.installers.put(ImagePaths.parent(v.entry().path()), x));
      }
    }
    List<Visit<ParsedPackageFile>> lockfiles = new ArrayList<>();
    for (Visit<ParsedPackageFile> v : current) {
      if (v.result() instanceof ParsedPackageFile.NpmLock) {
        lockfiles.add(v);
      } else {
        inventory.add(v.entry(), v.result());
      }
    }
    // Lockfiles last: their entries only fill in folders no installed package.json was found at.
    for (Visit<ParsedPackageFile> v : lockfiles) {
      inventory.add(v.entry(), v.result());
    }
    List<InstalledPackage> packages = new ArrayList<>(inventory.packages);
    packages.sort(ORDER);
    Map<String, Integer> counts = new TreeMap<>();
    packages.forEach(p -> counts.merge(p.ecosystem(), 1, Integer::sum));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("packages", List.copyOf(packages));
    facts.put("counts", counts);
    facts.put("databases", inventory.databases);
    facts.put("os", osFact(os));
    facts.put("warnings", inventory.warnings);
    return InspectorResult.of(ID, facts, inventory.findings);
  }

  /** The final tree holds this very copy: the same literal path, written by the same layer. */
  private static boolean inFinalTree(FileSystemView fs, FileEntry layerEntry) {
    Optional<FileEntry> e = fs.entry(layerEntry.path());
    return e.isPresent() && e.get().path().equals(layerEntry.path()) && e.get().isRegularFile()
        && e.get().origin().layerIndex() == layerEntry.origin().layerIndex();
  }

  /** {@code /etc/os-release}, following its usual link to {@code /usr/lib/os-release}. */
  static OsRelease osRelease(FileSystemView fs) {
    for (String path : List.of(OS_RELEASE, USR_LIB_OS_RELEASE)) {
      Resolution r = fs.resolve(path);
      Optional<byte[]> bytes = r.resolvedPath().flatMap(fs::captured);
      if (bytes.isPresent()) {
        return OsRelease.parse(bytes.get());
      }
    }
    return OsRelease.NONE;
  }

  private static Map<String, Object> osFact(OsRelease os) {
    Map<String, Object> m = new LinkedHashMap<>();
    os.id().ifPresent(v -> m.put("id", v));
    os.versionId().ifPresent(v -> m.put("versionId", v));
    os.versionCodename().ifPresent(v -> m.put("versionCodename", v));
    os.prettyName().ifPresent(v -> m.put("prettyName", v));
    return m;
  }

  /** The inventory being built from the package files of the final tree; not thread-safe. */
  private static final class Inventory {
    final OsRelease os;
    final List<InstalledPackage> packages = new ArrayList<>();
    final List<Map<String, Object>> databases = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    final Map<String, String> installers = new HashMap<>();
    /** npm package folders found installed, and folders already listed from a lockfile. */
    final Set<String> npmFolders = new HashSet<>();

    Inventory(OsRelease os) {
      this.os = os;
    }

    void add(FileEntry entry, ParsedPackageFile parsed) {
      String path = entry.path();
      Origin origin = entry.origin();
      if (parsed instanceof ParsedPackageFile.Dpkg d) {
        for (DpkgPackage p : d.database().packages()) {
          packages.add(deb(p, path, origin));
        }
        d.database().warnings().forEach(w -> warnings.add(w.toString()));
        Map<String, Object> db = database(path, d.kind().label(), d.database().packages().size(), origin);
        if (!d.database().notInstalled().isEmpty()) {
          db.put("notInstalled", d.database().notInstalled().size());
        }
      } else if (parsed instanceof ParsedPackageFile.Apk a) {
        for (ApkPackage p : a.database().packages()) {
          packages.add(apk(p, path, origin));
        }
        a.database().warnings().forEach(w -> warnings.add(w.toString()));
        database(path, a.kind().label(), a.database().packages().size(), origin);
      } else if (parsed instanceof ParsedPackageFile.Rpm r) {
        for (RpmPackage p : r.packages()) {
          packages.add(rpm(p, path, origin));
        }
        database(path, rpmKind(r.format()), r.packages().size(), origin);
      } else if (parsed instanceof ParsedPackageFile.Python p) {
        packages.add(pypi(p.distribution(), path, origin));
      } else if (parsed instanceof ParsedPackageFile.NpmManifest m) {
        m.npmPackage().ifPresent(p -> {
          npmFolders.add(p.path());
          packages.add(npm(p, path, origin, "package.json"));
        });
      } else if (parsed instanceof ParsedPackageFile.NpmLock l) {
        NpmLockfile lock = l.lockfile();
        int listed = 0;
        for (NpmPackage p : lock.packages()) {
          if (npmFolders.add(p.path())) {
            packages.add(npm(p, path, origin, "lockfile"));
            listed++;
          }
        }
        database(path, l.kind().label(), lock.packages().size(), origin).put("listedFromLockfile", listed);
      } else if (parsed instanceof ParsedPackageFile.Java j) {
        int count = 0;
        for (JavaPackage p : j.scan().packages()) {
          if (p.version().isPresent()) {
            packages.add(maven(p, origin));
            count++;
          }
        }
        j.scan().warnings().forEach(w -> warnings.add(w.toString()));
        database(path, j.kind().label(), count, origin);
      } else if (parsed instanceof ParsedPackageFile.Unreadable u) {
        database(path, u.kind().label(), 0, origin).put("error", u.problem());
        findings.add(Finding.at(DATABASE_UNREADABLE, ID, Severity.LOW,
            u.kind().label() + " file " + path + " cannot be read: " + u.problem(), path, origin,
            Map.of("kind", u.kind().label(), "problem", u.problem())));
      }
      // ParsedPackageFile.Installer was read before the metadata files, see inspect().
    }

    private Map<String, Object> database(String path, String kind, int count, Origin origin) {
      Map<String, Object> db = new LinkedHashMap<>();
      db.put("path", path);
      db.put("kind", kind);
      db.put("packageCount", count);
      db.put("layer", origin.layerNumber());
      databases.add(db);
      return db;
    }

    private InstalledPackage deb(DpkgPackage p, String path, Origin origin) {
      String purl = PackageUrl.builder("deb").namespace(os.id().orElse(null)).name(p.name()).version(p.version())
          .qualifier("arch", p.architecture().orElse(null)).qualifier("distro", os.distro().orElse(null)).build()
          .toString();
      Map<String, String> meta = new TreeMap<>();
      if (!p.sourceName().equals(p.name()) || !p.sourceVersion().equals(p.version())) {
        meta.put("source", p.sourceName());
        meta.put("sourceVersion", p.sourceVersion());
      }
      p.installedSizeKib().ifPresent(s -> meta.put("installedSizeKib", Long.toString(s)));
      return new InstalledPackage("deb", p.name(), p.version(), p.architecture(), Optional.empty(), purl, path,
          Optional.of(origin), meta);
    }

    private InstalledPackage apk(ApkPackage p, String path, Origin origin) {
      String purl = PackageUrl.builder("apk").namespace(os.id().orElse(null)).name(p.name()).version(p.version())
          .qualifier("arch", p.architecture().orElse(null)).qualifier("distro", os.distro().orElse(null)).build()
          .toString();
      Map<String, String> meta = new TreeMap<>();
      p.origin().ifPresent(o -> meta.put("origin", o));
      p.maintainer().ifPresent(m -> meta.put("maintainer", m));
      return new InstalledPackage("apk", p.name(), p.version(), p.architecture(), p.license(), purl, path,
          Optional.of(origin), meta);
    }

    private InstalledPackage rpm(RpmPackage p, String path, Origin origin) {
      String versionRelease = p.release().isEmpty() ? p.version() : p.version() + "-" + p.release();
      String version = p.epoch().map(e -> e + ":" + versionRelease).orElse(versionRelease);
      Optional<String> arch = Optional.of(p.arch()).filter(s -> !s.isEmpty());
      String purl = PackageUrl.builder("rpm").namespace(os.id().orElse(null)).name(p.name()).version(versionRelease)
          .qualifier("arch", arch.orElse(null)).qualifier("epoch", p.epoch().map(String::valueOf).orElse(null))
          .qualifier("distro", os.distro().orElse(null)).build().toString();
      Map<String, String> meta = new TreeMap<>();
      p.epoch().ifPresent(e -> meta.put("epoch", String.valueOf(e)));
      meta.put("release", p.release());
      putIfNotEmpty(meta, "sourceRpm", p.sourceRpm());
      putIfNotEmpty(meta, "vendor", p.vendor());
      meta.put("size", Long.toString(p.size()));
      return new InstalledPackage("rpm", p.name(), version, arch, Optional.of(p.license()).filter(s -> !s.isEmpty()),
          purl, path, Optional.of(origin), meta);
    }

    private InstalledPackage pypi(PythonPackage p, String path, Origin origin) {
      Map<String, String> meta = new TreeMap<>();
      String installer = installers.get(ImagePaths.parent(path));
      if (installer != null) {
        meta.put("installer", installer);
      }
      return new InstalledPackage("pypi", p.name(), p.version(), Optional.empty(), p.license(), p.purl().toString(),
          path, Optional.of(origin), meta);
    }

    private InstalledPackage npm(NpmPackage p, String path, Origin origin, String evidence) {
      Map<String, String> meta = new TreeMap<>();
      meta.put("evidence", evidence);
      p.dev().ifPresent(d -> meta.put("dev", Boolean.toString(d)));
      if (p.privatePackage()) {
        meta.put("private", "true");
      }
      Optional<String> license = p.licenses().isEmpty() ? Optional.empty() : Optional.of(String.join(" OR ",
          p.licenses()));
      return new InstalledPackage("npm", p.name(), p.version(), Optional.empty(), license, p.purl().toString(), path,
          Optional.of(origin), meta);
    }

    private InstalledPackage maven(JavaPackage p, Origin origin) {
      String version = p.version().orElseThrow();
      String purl = p.purl().map(PackageUrl::toString).orElseGet(() -> PackageUrl.builder("maven")
          .name(p.artifactId()).version(version).build().toString());
      Map<String, String> meta = new TreeMap<>();
      p.groupId().ifPresent(g -> meta.put("groupId", g));
      meta.put("artifactId", p.artifactId());
      meta.put("evidence", p.evidence().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      return new InstalledPackage("maven", p.artifactId(), version, Optional.empty(), Optional.empty(), purl, p.archivePath(),
          Optional.of(origin), meta);
    }

    private static void putIfNotEmpty(Map<String, String> meta, String key, @Nullable String value) {
      if (value != null && !value.isEmpty()) {
        meta.put(key, value);
      }
    }

    private static String rpmKind(RpmDatabaseFormat format) {
      return switch (format) {
        case SQLITE -> "rpm-sqlite";
        case BERKELEY_DB -> "rpm-bdb";
        case NDB -> "rpm-ndb";
      };
    }
  }
}
