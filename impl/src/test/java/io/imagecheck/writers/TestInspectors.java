package io.imagecheck.writers;

import io.imagecheck.fs.Capture;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.PathGlob;
import io.imagecheck.fs.Resolution;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import io.imagecheck.inspectors.Inspectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Small stand-ins for the real inspectors, so the writers are tested through {@code Scanner} on real and
 * synthetic images before (and independently of) the built-in inspectors: each looks at a few fixed
 * paths only. Their ids and rule areas match the built-in ones the writers treat specially ({@code shell},
 * {@code package-manager}, {@code secrets}, {@code packages}).
 */
public final class TestInspectors {

  private TestInspectors() {}

  /**
   * The stand-ins: shell, package-manager, secrets, packages, hygiene, tools.
   *
   * @return new instances
   */
  public static List<Inspector> fakes() {
    return List.of(new ShellFake(), new PackageManagerFake(), new SecretsFake(), new PackagesFake(), new HygieneFake(),
        new ToolsFake());
  }

  /**
   * The built-in inspectors plus every stand-in whose id no built-in inspector has (so tests on real images
   * use the real inspectors as they arrive).
   *
   * @return the inspectors
   */
  public static List<Inspector> builtInPlusFakes() {
    List<Inspector> all = new ArrayList<>(Inspectors.builtIn());
    Set<String> ids = all.stream().map(Inspector::id).collect(Collectors.toSet());
    for (Inspector f : fakes()) {
      if (!ids.contains(f.id())) {
        all.add(f);
      }
    }
    return all;
  }

  /**
   * An inspector that always fails to run.
   *
   * @return the inspector, id {@code broken}
   */
  public static Inspector broken() {
    return new Fake("broken", List.of(rule("broken.check", Severity.HIGH, "Never runs"))) {
      @Override
      public InspectorResult inspect(InspectionContext context) throws IOException {
        throw new IOException("cannot read </script> database \u0007 at /var/lib/x");
      }
    };
  }

  /**
   * An inspector with many findings of one rule, for size tests.
   *
   * @param count how many findings
   * @return the inspector, id {@code bulk}
   */
  public static Inspector bulk(int count) {
    return new Fake("bulk", List.of(rule("bulk.item", Severity.MEDIUM, "A bulk finding"))) {
      @Override
      public InspectorResult inspect(InspectionContext context) {
        List<Finding> out = new ArrayList<>(count);
        FileEntry any = context.fileSystem().entries().get(0);
        for (int i = 0; i < count; i++) {
          Severity s = Severity.values()[i % Severity.values().length];
          out.add(Finding.at("bulk.item", "bulk", s, "bulk finding number " + i + " with a longish message | pipes | "
              + "and *stars* and <tags> to escape " + "x".repeat(40), "/data/item-" + i + "/file_" + i + ".txt",
              any.origin(), Map.of("index", Integer.toString(i))));
        }
        return InspectorResult.of("bulk", Map.of(), out);
      }
    };
  }

  /**
   * A {@code packages} inspector reporting many made-up packages (and, as facts, nothing else), for size tests.
   *
   * @param count how many packages
   * @return the inspector, id {@code packages}
   */
  public static Inspector manyPackages(int count) {
    return new Fake("packages", List.of()) {
      @Override
      public InspectorResult inspect(InspectionContext context) {
        List<InstalledPackage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          String eco = i % 3 == 0 ? "deb" : i % 3 == 1 ? "npm" : "pypi";
          out.add(new InstalledPackage(eco, "package-" + i, "1." + i, Optional.empty(), Optional.of("MIT"),
              "pkg:" + eco + "/package-" + i + "@1." + i, "/var/lib/db-" + eco, Optional.empty(), Map.of()));
        }
        return InspectorResult.of("packages", Map.of("packages", out), List.of());
      }
    };
  }

  /**
   * An inspector with fixed facts, for the package-inventory readers.
   *
   * @param id the inspector id
   * @param facts the facts it reports
   * @return the inspector
   */
  public static Inspector withFacts(String id, Map<String, Object> facts) {
    return new Fake(id, List.of()) {
      @Override
      public InspectorResult inspect(InspectionContext context) {
        return InspectorResult.of(id, facts, List.of());
      }
    };
  }

  static Rule rule(String id, Severity s, String title) {
    return new Rule(id, s, title, title + ": the full description of what " + id + " checks and why it matters.",
        "Remove what " + id + " found, or waive it with a reason.");
  }

  /** A stand-in inspector. */
  abstract static class Fake implements Inspector {
    private final String id;
    private final List<Rule> rules;

    Fake(String id, List<Rule> rules) {
      this.id = id;
      this.rules = rules;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String description() {
      return "test stand-in for " + id;
    }

    @Override
    public List<Rule> rules() {
      return rules;
    }
  }

  /** Reports shells at the usual paths, with their resolved target. */
  static final class ShellFake extends Fake {
    ShellFake() {
      super("shell", List.of(rule("shell.present", Severity.HIGH, "Image contains a shell")));
    }

    @Override
    public InspectorResult inspect(InspectionContext context) {
      FileSystemView fs = context.fileSystem();
      List<Finding> out = new ArrayList<>();
      List<Map<String, Object>> shells = new ArrayList<>();
      for (String p : List.of("/bin/sh", "/bin/bash", "/bin/ash", "/usr/bin/bash")) {
        Resolution r = fs.resolve(p);
        Optional<FileEntry> e = fs.entry(p);
        if (r.exists() && e.isPresent()) {
          String target = r.resolvedPath().orElse(p);
          out.add(Finding.at("shell.present", "shell", Severity.HIGH, "shell " + p + " -> " + target, p,
              e.get().origin(), Map.of("resolvedTarget", target)));
          shells.add(Map.of("path", p, "resolvedTarget", target));
        }
      }
      return InspectorResult.of("shell", Map.of("shells", shells), out);
    }
  }

  /** Reports package-manager executables at the usual paths. */
  static final class PackageManagerFake extends Fake {
    PackageManagerFake() {
      super("package-manager", List.of(rule("package-manager.present", Severity.HIGH,
          "Image contains a package manager")));
    }

    @Override
    public InspectorResult inspect(InspectionContext context) {
      List<Finding> out = new ArrayList<>();
      for (String p : List.of("/sbin/apk", "/usr/bin/apt", "/usr/bin/apt-get", "/usr/bin/dpkg", "/usr/bin/rpm")) {
        context.fileSystem().entry(p).ifPresent(e -> out.add(Finding.at("package-manager.present",
            "package-manager", Severity.HIGH, "package manager " + p, p, e.origin(), Map.of())));
      }
      return InspectorResult.of("package-manager", Map.of(), out);
    }
  }

  /** Reports files named id_rsa and secret-looking ENV names. */
  static final class SecretsFake extends Fake {
    SecretsFake() {
      super("secrets", List.of(rule("secrets.private-key", Severity.CRITICAL, "Image contains a private key"),
          rule("secrets.env", Severity.HIGH, "Image config sets a secret-looking variable")));
    }

    @Override
    public InspectorResult inspect(InspectionContext context) {
      List<Finding> out = new ArrayList<>();
      for (FileEntry e : context.fileSystem().find(PathGlob.of("**/id_rsa"))) {
        out.add(Finding.at("secrets.private-key", "secrets", Severity.CRITICAL, "private key " + e.path(), e.path(),
            e.origin(), Map.of("kind", "openssh", "hint", "-----BEGIN OPENSSH…")));
      }
      for (String name : context.image().config().envMap().keySet()) {
        if (name.contains("SECRET")) {
          out.add(new Finding("secrets.env", "secrets", Severity.HIGH, "ENV " + name + " looks like a secret",
              Optional.empty(), Optional.empty(), Map.of("name", name)));
        }
      }
      return InspectorResult.of("secrets", Map.of(), out);
    }
  }

  /** Reads apk and dpkg databases (a few fields only) into the package inventory. */
  static final class PackagesFake extends Fake {
    PackagesFake() {
      super("packages", List.of());
    }

    @Override
    public ContentNeeds contentNeeds() {
      return new ContentNeeds(List.of(Capture.of("/lib/apk/db/installed"), Capture.of("/var/lib/dpkg/status"),
          Capture.of("/var/lib/dpkg/status.d/*")), List.of(), false);
    }

    @Override
    public InspectorResult inspect(InspectionContext context) {
      FileSystemView fs = context.fileSystem();
      List<InstalledPackage> packages = new ArrayList<>();
      for (String path : fs.capturedPaths()) {
        byte[] bytes = fs.captured(path).orElseThrow();
        boolean apk = path.equals("/lib/apk/db/installed");
        for (String stanza : new String(bytes, StandardCharsets.UTF_8).split("\n\n")) {
          Map<String, String> f = new LinkedHashMap<>();
          for (String line : stanza.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith(" ")) {
              f.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
            }
          }
          String name = f.get(apk ? "P" : "Package");
          String version = f.get(apk ? "V" : "Version");
          String status = f.get("Status");
          if (name == null || version == null || (status != null && !status.endsWith(" installed"))) {
            continue;
          }
          Optional<String> arch = Optional.ofNullable(f.get(apk ? "A" : "Architecture"));
          String purl = "pkg:" + (apk ? "apk/alpine/" : "deb/debian/") + name + "@" + purlEncode(version)
              + arch.map(a -> "?arch=" + a).orElse("");
          packages.add(new InstalledPackage(apk ? "apk" : "deb", name, version, arch,
              Optional.ofNullable(f.get(apk ? "L" : "License")), purl, path,
              fs.entry(path).map(FileEntry::origin), new TreeMap<>()));
        }
      }
      Map<String, Object> counts = new TreeMap<>();
      packages.forEach(p -> counts.merge(p.ecosystem(), 1, (a, b) -> (Integer) a + (Integer) b));
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("packages", packages);
      facts.put("counts", counts);
      return InspectorResult.of("packages", facts, List.of());
    }

    private static String purlEncode(String s) {
      return s.replace("%", "%25").replace("+", "%2B").replace(":", "%3A").replace("~", "%7E");
    }
  }

  /** Reports regular files in /tmp and a missing health check. */
  static final class HygieneFake extends Fake {
    HygieneFake() {
      super("hygiene", List.of(rule("hygiene.stray-file", Severity.LOW, "Stray file in /tmp"),
          rule("hygiene.no-healthcheck", Severity.INFO, "No HEALTHCHECK")));
    }

    @Override
    public InspectorResult inspect(InspectionContext context) {
      List<Finding> out = new ArrayList<>();
      context.fileSystem().walk(e -> {
        if (e.isRegularFile() && e.path().startsWith("/tmp/")) {
          out.add(Finding.at("hygiene.stray-file", "hygiene", Severity.LOW, "stray file " + e.path() + " left behind",
              e.path(), e.origin(), Map.of("name", e.name())));
        }
      });
      if (context.image().config().healthcheck().isEmpty()) {
        out.add(Finding.of("hygiene.no-healthcheck", "hygiene", Severity.INFO, "the image has no HEALTHCHECK"));
      }
      return InspectorResult.of("hygiene", Map.of(), out);
    }
  }

  /** Reports curl and wget. */
  static final class ToolsFake extends Fake {
    ToolsFake() {
      super("tools", List.of(rule("tools.network", Severity.HIGH, "Image contains a network tool")));
    }

    @Override
    public InspectorResult inspect(InspectionContext context) {
      List<Finding> out = new ArrayList<>();
      for (String p : List.of("/usr/bin/curl", "/usr/bin/wget")) {
        context.fileSystem().entry(p).ifPresent(e -> out.add(Finding.at("tools.network", "tools", Severity.HIGH,
            "network tool " + p, p, e.origin(), Map.of())));
      }
      return InspectorResult.of("tools", Map.of(), out);
    }
  }
}
