package io.imagecheck.structure;

import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.ImagePaths;
import io.imagecheck.fs.LayerChanges;
import io.imagecheck.fs.Origin;
import io.imagecheck.fs.Resolution;
import io.imagecheck.image.Image;
import io.imagecheck.image.ImageConfig;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.report.Summary;
import io.imagecheck.report.Verdict;
import io.imagecheck.scan.Scanner;
import io.imagecheck.scan.ToolVersion;
import io.imagecheck.structure.HistoryInstructions.HistoryStep;
import io.imagecheck.structure.StructureTestConfig.CommandTest;
import io.imagecheck.structure.StructureTestConfig.FileContentTest;
import io.imagecheck.structure.StructureTestConfig.FileExistenceTest;
import io.imagecheck.structure.StructureTestConfig.KeyValue;
import io.imagecheck.structure.StructureTestConfig.LicenseTest;
import io.imagecheck.structure.StructureTestConfig.MetadataTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Runs container-structure-test configs against an image without a container: file existence, file
 * content, metadata and license tests on the merged filesystem and the config; command tests are
 * reported as skipped.
 *
 * <pre>{@code
 * Report report = StructureTestRunner.run(image, List.of(StructureTestConfig.load(Path.of("app.yaml"))));
 * report.verdict();        // PASS when every test passed (skipped command tests do not fail it)
 * }</pre>
 *
 * <p><b>The report.</b> One {@link InspectorResult} per test, in container-structure-test's order
 * (command, file existence, file content, license, metadata tests; configs in the order given), named as
 * it names them: {@code File Existence Test: NAME}, {@code File Content Test: NAME}, {@code Metadata Test},
 * {@code License Test}, {@code Command Test: NAME}; with several configs each name is prefixed by the
 * config's file name ({@code app.yaml: Metadata Test}). A passing test has status PASS; a failing one
 * FAIL with one {@link Finding} per error (severity HIGH; rule {@code structure.file-existence},
 * {@code structure.file-content}, {@code structure.metadata} or {@code structure.license}), each naming
 * the path and the layer and history step that wrote it, or the history step that set a config value; a
 * command test SKIPPED with the reason; a test that could not read the image ERROR. Facts: {@code kind},
 * {@code name}, {@code config} and, for file tests, {@code path} (after {@code $VAR} substitution). The
 * verdict is FAIL when a test failed, INCOMPLETE when one errored, else PASS; the policy is named
 * {@code structure-tests} and fails on HIGH.
 *
 * <p><b>Semantics</b> (container-structure-test's): paths follow symlinks ({@code stat}); permissions are
 * compared with Go's mode string (or {@code ls -l}'s); {@code isExecutableBy} looks at one execute bit
 * ({@code any}: any of the three); content patterns are searched anywhere in the file decoded as UTF-8;
 * env and label values are compared exactly unless {@code isRegex}; entrypoint and cmd exactly, element by
 * element; a bare port matches any protocol; license tests fail on copyright files that mention AGPL or
 * WTFPL (case-insensitive; {@code libgnutls30} is exempt, as there) and on packages under
 * {@code /usr/share/doc} without a copyright file.
 *
 * <p>Content tests read at most {@link #MAX_CONTENT_BYTES} bytes of a file. Thread-safe (stateless).
 */
public final class StructureTestRunner {

  /** Rule of file existence test errors. */
  public static final String FILE_EXISTENCE = "structure.file-existence";
  /** Rule of file content test errors. */
  public static final String FILE_CONTENT = "structure.file-content";
  /** Rule of metadata test errors. */
  public static final String METADATA = "structure.metadata";
  /** Rule of license test errors. */
  public static final String LICENSE = "structure.license";
  /** The name of the policy in structure-test reports. */
  public static final String POLICY_NAME = "structure-tests";
  /** The most bytes of one file a content or license test reads. */
  public static final int MAX_CONTENT_BYTES = 64 << 20;

  /** Where Debian keeps each package's copyright file. */
  static final String DEBIAN_DOC = "/usr/share/doc";
  private static final List<String> LICENSE_DENIED = List.of("AGPL", "WTFPL");
  private static final Set<String> LICENSE_EXEMPT = Set.of("libgnutls30");
  private static final String SKIP_REASON = "command tests run commands in a container; imagecheck reads images"
      + " without a container runtime";

  private StructureTestRunner() {}

  /**
   * The rules structure-test findings carry, for report writers that list rules.
   *
   * @return the four rules
   */
  public static List<Rule> rules() {
    return List.of(
        new Rule(FILE_EXISTENCE, Severity.HIGH, "File existence test failed",
            "A fileExistenceTests entry of a container-structure-test config did not hold: the path is missing or"
                + " present against expectation, or its permissions, owner or execute bits differ.",
            "Fix the image or the config; the finding names the layer and build step that wrote the file."),
        new Rule(FILE_CONTENT, Severity.HIGH, "File content test failed",
            "A fileContentTests entry did not hold: the file is missing, an expected pattern was not found or an"
                + " excluded pattern was found.", "Fix the file in the build step the finding names."),
        new Rule(METADATA, Severity.HIGH, "Metadata test failed",
            "The metadataTest did not hold: an environment variable, label, entrypoint, cmd, working directory, user,"
                + " exposed port or volume differs from the config.", "Fix the Dockerfile instruction named."),
        new Rule(LICENSE, Severity.HIGH, "License test failed",
            "A licenseTests entry did not hold: a copyright file is missing or mentions a denied license (AGPL,"
                + " WTFPL).", "Remove the package or review its license."));
  }

  /**
   * Reads the image's merged filesystem and runs the configs.
   *
   * @param image the image
   * @param configs the configs, run in order
   * @return the report
   * @throws IOException when the image's layers cannot be read
   */
  public static Report run(Image image, List<StructureTestConfig> configs) throws IOException {
    Objects.requireNonNull(image, "image");
    return run(FileSystemViews.read(image), configs);
  }

  /**
   * Runs the configs against a merged filesystem already read (and its image).
   *
   * @param fs the merged filesystem
   * @param configs the configs, run in order
   * @return the report
   */
  public static Report run(FileSystemView fs, List<StructureTestConfig> configs) {
    Objects.requireNonNull(fs, "fs");
    List<StructureTestConfig> all = List.copyOf(configs);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no structure-test config to run");
    }
    Image image = fs.image();
    List<InspectorResult> results = new ArrayList<>();
    List<String> notes = new ArrayList<>(fs.warnings());
    Set<String> names = new LinkedHashSet<>();
    for (StructureTestConfig config : all) {
      Run run = new Run(fs, config, all.size() > 1);
      for (String ignored : config.ignored()) {
        notes.add(config.file() + ": " + ignored + " ignored: it applies to command tests and containers only");
      }
      for (CommandTest t : config.commandTests()) {
        results.add(run.skipped(t));
      }
      config.fileExistenceTests().forEach(t -> results.add(run.existence(t)));
      config.fileContentTests().forEach(t -> results.add(run.content(t)));
      config.licenseTests().forEach(t -> results.add(run.license(t)));
      config.metadataTest().ifPresent(t -> results.add(run.metadata(t)));
    }
    // Names key the results (Report.result): keep them unique, as two tests of a config may share a name.
    List<InspectorResult> unique = new ArrayList<>();
    for (InspectorResult r : results) {
      String name = r.inspector();
      for (int n = 2; !names.add(name); n++) {
        name = r.inspector() + " #" + n;
      }
      unique.add(name.equals(r.inspector()) ? r
          : new InspectorResult(name, r.status(), r.facts(), r.findings(), r.error()));
    }
    return report(image, unique, notes, all);
  }

  private static Report report(Image image, List<InspectorResult> results, List<String> notes,
      List<StructureTestConfig> configs) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    int run = 0;
    int failed = 0;
    int errored = 0;
    int skipped = 0;
    for (InspectorResult r : results) {
      switch (r.status()) {
        case PASS -> run++;
        case FAIL -> {
          run++;
          failed++;
        }
        case ERROR -> errored++;
        case SKIPPED -> skipped++;
        default -> throw new IllegalStateException("unknown status " + r.status());
      }
      r.findings().forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    }
    Verdict verdict = errored > 0 ? Verdict.INCOMPLETE : failed > 0 ? Verdict.FAIL : Verdict.PASS;
    Policy policy = Policy.builder(POLICY_NAME)
        .option(POLICY_NAME, "configs", configs.stream().map(StructureTestConfig::file).toList())
        .failOn(Severity.HIGH).build();
    return new Report(Report.SCHEMA_VERSION, ToolVersion.get(), Scanner.identity(image), policy, results, List.of(),
        notes, new Summary(counts, 0, run, failed, errored, skipped), verdict);
  }

  /** The tests of one config against one image. */
  private static final class Run {
    private final FileSystemView fs;
    private final ImageConfig imageConfig;
    private final StructureTestConfig config;
    private final boolean prefix;

    Run(FileSystemView fs, StructureTestConfig config, boolean prefix) {
      this.fs = fs;
      this.imageConfig = fs.image().config();
      this.config = config;
      this.prefix = prefix;
    }

    String name(String logName) {
      return prefix ? config.file() + ": " + logName : logName;
    }

    private Map<String, Object> facts(String kind, String name) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("kind", kind);
      f.put("name", name);
      f.put("config", config.file());
      return f;
    }

    private InspectorResult result(String name, Map<String, Object> facts, List<Finding> findings) {
      return new InspectorResult(name, findings.isEmpty() ? InspectorResult.Status.PASS : InspectorResult.Status.FAIL,
          facts, findings, Optional.empty());
    }

    InspectorResult skipped(CommandTest t) {
      Map<String, Object> facts = facts("command", t.name());
      facts.put("skipReason", SKIP_REASON);
      return new InspectorResult(name("Command Test: " + t.name()), InspectorResult.Status.SKIPPED, facts, List.of(),
          Optional.empty());
    }

    InspectorResult existence(FileExistenceTest t) {
      String name = name("File Existence Test: " + t.name());
      String path = Expansions.expand(t.path(), imageConfig.envMap());
      Map<String, Object> facts = facts("fileExistence", t.name());
      facts.put("path", path);
      List<Finding> out = new ArrayList<>();
      Resolution r = fs.resolve(path);
      FileEntry target = r.target().orElse(null);
      if (target == null) {
        if (t.shouldExist()) {
          Optional<FileEntry> link = fs.entry(path);
          String why = problem(r) + deletedBy(path);
          out.add(finding(FILE_EXISTENCE, name, "File " + path + " should exist but does not" + why, path,
              link.map(FileEntry::origin).orElse(null), Map.of("expected", "exists", "actual", "missing")));
        }
        return result(name, facts, out);
      }
      String at = r.describe();
      Origin origin = target.origin();
      if (!t.shouldExist()) {
        Origin seen = fs.entry(path).map(FileEntry::origin).orElse(origin);
        out.add(finding(FILE_EXISTENCE, name, "File " + at + " should not exist but does", path, seen,
            Map.of("expected", "missing", "actual", "exists")));
      }
      String actualMode = FileModes.go(target);
      if (t.permissions() != null && !FileModes.matches(target, t.permissions())) {
        out.add(finding(FILE_EXISTENCE, name, at + " has incorrect permissions. Expected: " + t.permissions()
            + ", Actual: " + actualMode, path, origin, Map.of("expected", t.permissions(), "actual", actualMode)));
      }
      if (t.isExecutableBy() != null) {
        int bits = switch (t.isExecutableBy()) {
          case "owner" -> 0100;
          case "group" -> 0010;
          case "other" -> 0001;
          default -> 0111;
        };
        if ((target.mode() & bits) == 0) {
          out.add(finding(FILE_EXISTENCE, name, at + " has incorrect executable bit. Expected to be executable by "
              + t.isExecutableBy() + ", Actual: " + actualMode, path, origin,
              Map.of("expected", "executable by " + t.isExecutableBy(), "actual", actualMode)));
        }
      }
      if (t.uid() != null && target.uid() != t.uid()) {
        out.add(finding(FILE_EXISTENCE, name, at + " has incorrect user ownership. Expected: " + t.uid() + ", Actual: "
            + target.uid(), path, origin, Map.of("expected", "uid " + t.uid(), "actual", "uid " + target.uid())));
      }
      if (t.gid() != null && target.gid() != t.gid()) {
        out.add(finding(FILE_EXISTENCE, name, at + " has incorrect group ownership. Expected: " + t.gid() + ", Actual: "
            + target.gid(), path, origin, Map.of("expected", "gid " + t.gid(), "actual", "gid " + target.gid())));
      }
      return result(name, facts, out);
    }

    InspectorResult content(FileContentTest t) {
      String name = name("File Content Test: " + t.name());
      Map<String, Object> facts = facts("fileContent", t.name());
      facts.put("path", t.path());
      List<Finding> out = new ArrayList<>();
      Read read;
      try {
        read = read(t.path());
      } catch (IOException e) {
        return new InspectorResult(name, InspectorResult.Status.ERROR, facts, List.of(),
            Optional.of("cannot read " + t.path() + ": " + e.getMessage()));
      }
      if (read.problem != null) {
        out.add(finding(FILE_CONTENT, name, "Failed to open " + t.path() + ". Error: " + read.problem, t.path(),
            read.origin, Map.of()));
        return result(name, facts, out);
      }
      String text = read.text;
      for (String regex : t.expectedContents()) {
        if (!Regexes.compile(regex).matcher(text).find()) {
          out.add(finding(FILE_CONTENT, name, "Expected string '" + regex + "' not found in file content of "
              + read.at + " (" + read.size + " bytes" + start(text) + ")", t.path(), read.origin,
              Map.of("expected", regex)));
        }
      }
      for (String regex : t.excludedContents()) {
        Matcher m = Regexes.compile(regex).matcher(text);
        if (m.find()) {
          int line = lineOf(text, m.start());
          out.add(finding(FILE_CONTENT, name, "Excluded string '" + regex + "' found in file content of " + read.at
              + " at line " + line + ": '" + Texts.printable(lineText(text, m.start()), 120) + "'", t.path(),
              read.origin, Map.of("excluded", regex, "line", Integer.toString(line))));
        }
      }
      return result(name, facts, out);
    }

    InspectorResult license(LicenseTest t) {
      String name = name("License Test");
      Map<String, Object> facts = facts("license", "License Test");
      List<Finding> out = new ArrayList<>();
      List<String> checked = new ArrayList<>();
      try {
        if (t.debian()) {
          if (!fs.resolve(DEBIAN_DOC).target().filter(FileEntry::isDirectory).isPresent()) {
            out.add(finding(LICENSE, name, "Error reading directory: " + DEBIAN_DOC + " does not exist", DEBIAN_DOC,
                null, Map.of()));
          }
          for (FileEntry p : fs.list(DEBIAN_DOC)) {
            Optional<FileEntry> dir = fs.resolve(p.path()).target();
            if (dir.isEmpty() || !dir.get().isDirectory() || LICENSE_EXEMPT.contains(p.name())) {
              continue;
            }
            String file = DEBIAN_DOC + "/" + p.name() + "/copyright";
            checked.add(file);
            Read read = read(file);
            if (read.problem != null) {
              out.add(finding(LICENSE, name, "Error reading license file for " + p.name() + ": " + read.problem, file,
                  p.origin(), Map.of("package", p.name())));
            } else {
              checkLicense(name, file, read, out);
            }
          }
        }
        for (String file : t.files()) {
          checked.add(file);
          Read read = read(file);
          if (read.problem != null) {
            out.add(finding(LICENSE, name, "Error reading license file for " + file + ": " + read.problem, file,
                read.origin, Map.of()));
          } else {
            checkLicense(name, file, read, out);
          }
        }
      } catch (IOException e) {
        return new InspectorResult(name, InspectorResult.Status.ERROR, facts, List.of(),
            Optional.of("cannot read license files: " + e.getMessage()));
      }
      facts.put("filesChecked", checked.size());
      return result(name, facts, out);
    }

    private void checkLicense(String name, String file, Read read, List<Finding> out) {
      String upper = read.text.toUpperCase(Locale.ROOT);
      for (String denied : LICENSE_DENIED) {
        if (upper.contains(denied)) {
          out.add(finding(LICENSE, name, "Invalid license for " + file + ", license contains " + denied, file,
              read.origin, Map.of("license", denied)));
        }
      }
    }

    InspectorResult metadata(MetadataTest t) {
      String name = name("Metadata Test");
      Map<String, Object> facts = facts("metadata", "Metadata Test");
      List<Finding> out = new ArrayList<>();
      Map<String, String> env = imageConfig.envMap();
      for (KeyValue kv : t.env()) {
        String actual = env.get(kv.key());
        if (actual == null) {
          out.add(meta(name, "variable " + kv.key() + " not found in image env", step("ENV", kv.key()),
              Map.of("env", kv.key())));
        } else if (!valueMatches(kv, actual)) {
          out.add(meta(name, "env var " + kv.key() + " value " + actual + " does not match expected value: "
              + kv.value(), step("ENV", kv.key()), Map.of("env", kv.key(), "expected", kv.value(), "actual", actual)));
        }
      }
      for (KeyValue kv : t.unboundEnv()) {
        if (env.containsKey(kv.key())) {
          out.add(meta(name, "env variable " + kv.key() + " should not be present in image metadata",
              step("ENV", kv.key()), Map.of("env", kv.key())));
        }
      }
      Map<String, String> labels = imageConfig.labels();
      for (KeyValue kv : t.labels()) {
        String actual = labels.get(kv.key());
        if (actual == null) {
          out.add(meta(name, "label " + kv.key() + " not found in image metadata", step("LABEL", kv.key()),
              Map.of("label", kv.key())));
        } else if (!valueMatches(kv, actual)) {
          out.add(meta(name, "label " + kv.key() + " value " + actual + " does not match expected value: "
              + kv.value(), step("LABEL", kv.key()),
              Map.of("label", kv.key(), "expected", kv.value(), "actual", actual)));
        }
      }
      if (t.cmd() != null && !t.cmd().equals(imageConfig.cmd())) {
        out.add(meta(name, "Image Cmd " + goList(imageConfig.cmd()) + " does not match expected Cmd: "
            + goList(t.cmd()), step("CMD", null), Map.of("expected", goList(t.cmd()))));
      }
      if (t.entrypoint() != null && !t.entrypoint().equals(imageConfig.entrypoint())) {
        out.add(meta(name, "Image entrypoint " + goList(imageConfig.entrypoint()) + " does not match expected"
            + " entrypoint: " + goList(t.entrypoint()), step("ENTRYPOINT", null),
            Map.of("expected", goList(t.entrypoint()))));
      }
      if (!t.workdir().isEmpty() && !t.workdir().equals(imageConfig.workingDir())) {
        out.add(meta(name, "Image workdir " + imageConfig.workingDir() + " does not match config workdir: "
            + t.workdir(), step("WORKDIR", null), Map.of("expected", t.workdir())));
      }
      if (!t.user().isEmpty() && !t.user().equals(imageConfig.user())) {
        out.add(meta(name, "Image user " + imageConfig.user() + " does not match config user: " + t.user(),
            step("USER", null), Map.of("expected", t.user())));
      }
      for (String port : t.exposedPorts()) {
        if (!portInList(port, imageConfig.exposedPorts())) {
          out.add(meta(name, "Port " + port + " not found in config", step("EXPOSE", null), Map.of("port", port)));
        }
      }
      for (String port : t.unexposedPorts()) {
        if (portInList(port, imageConfig.exposedPorts())) {
          out.add(meta(name, "Port " + port + " should not be exposed", step("EXPOSE", port), Map.of("port", port)));
        }
      }
      for (String volume : t.volumes()) {
        if (!imageConfig.volumes().contains(volume)) {
          out.add(meta(name, "Volume " + volume + " not found in config", step("VOLUME", null),
              Map.of("volume", volume)));
        }
      }
      for (String volume : t.unmountedVolumes()) {
        if (imageConfig.volumes().contains(volume)) {
          out.add(meta(name, "Volume " + volume + " should not be mounted", step("VOLUME", volume),
              Map.of("volume", volume)));
        }
      }
      return result(name, facts, out);
    }

    /** Which layer deleted a missing path (a whiteout or an opaque directory), for messages. */
    private String deletedBy(String path) {
      String clean = ImagePaths.clean(path);
      List<LayerChanges> changes = fs.layerChanges();
      for (int i = changes.size() - 1; i >= 0; i--) {
        LayerChanges c = changes.get(i);
        for (FileEntry deleted : c.deleted()) {
          if (deleted.path().equals(clean)) {
            List<Origin> origins = Scanner.origins(fs.image());
            String by = c.layerIndex() < origins.size() ? " by " + origins.get(c.layerIndex()).describe() : "";
            return " (added by " + deleted.origin().describe() + ", deleted" + by + ")";
          }
        }
      }
      return "";
    }

    private Optional<HistoryStep> step(String instruction, @Nullable String key) {
      return HistoryInstructions.last(imageConfig, instruction, key);
    }

    private Finding meta(String name, String message, Optional<HistoryStep> step, Map<String, String> evidence) {
      Map<String, String> ev = new LinkedHashMap<>(evidence);
      step.ifPresent(s -> {
        ev.put("historyStep", Integer.toString(s.number()));
        ev.put("createdBy", Texts.printable(s.createdBy().strip(), 200));
      });
      String where = step.map(s -> " (set by " + s.describe() + ")").orElse("");
      return new Finding(METADATA, name, Severity.HIGH, message + where, Optional.empty(), Optional.empty(), ev);
    }

    private Finding finding(String rule, String name, String message, String path, @Nullable Origin origin,
        Map<String, String> evidence) {
      String where = origin == null ? "" : " (" + origin.describe() + ")";
      return Finding.at(rule, name, Severity.HIGH, message + where, path, origin, evidence);
    }

    /** A file's content for a content or license test, or why it cannot be read. */
    private record Read(String at, String text, long size, @Nullable Origin origin, @Nullable String problem) {}

    private Read read(String path) throws IOException {
      Resolution r = fs.resolve(path);
      Optional<FileEntry> target = r.target();
      Origin linkOrigin = fs.entry(path).map(FileEntry::origin).orElse(null);
      if (target.isEmpty()) {
        return new Read(path, "", 0, linkOrigin, "no such file" + problem(r) + deletedBy(path));
      }
      FileEntry e = target.get();
      if (e.isDirectory()) {
        return new Read(path, "", 0, e.origin(), "is a directory");
      }
      if (!e.isRegularFile() && !e.isHardlink()) {
        return new Read(path, "", 0, e.origin(), "is not a regular file (" + FileModes.go(e) + ")");
      }
      if (e.size() > MAX_CONTENT_BYTES) {
        return new Read(path, "", e.size(), e.origin(), "is " + e.size() + " bytes; tests read at most "
            + MAX_CONTENT_BYTES);
      }
      byte[] bytes;
      try (InputStream in = fs.open(path)) {
        bytes = in.readNBytes(MAX_CONTENT_BYTES);
      }
      return new Read(r.describe(), decode(bytes), bytes.length, e.origin(), null);
    }
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder does not throw", e);
    }
  }

  /** Why a path did not resolve, beyond its absence: a dangling or looping link. */
  private static String problem(Resolution r) {
    return r.problem().filter(p -> !p.startsWith("no such file")).map(p -> " (" + p + ")").orElse("");
  }

  private static boolean valueMatches(KeyValue kv, String actual) {
    return kv.isRegex() ? Regexes.compile(kv.value()).matcher(actual).find()
        : kv.value().equals(actual);
  }

  /** container-structure-test's port match: a bare port matches any protocol, {@code 53/udp} only udp. */
  static boolean portInList(String port, List<String> exposed) {
    int slash = port.indexOf('/');
    String number = slash < 0 ? port : port.substring(0, slash);
    String protocol = slash < 0 ? "" : port.substring(slash + 1);
    for (String e : exposed) {
      int s = e.indexOf('/');
      String n = s < 0 ? e : e.substring(0, s);
      String p = s < 0 ? "" : e.substring(s + 1);
      if (n.equals(number) && (protocol.isEmpty() || protocol.equals(p))) {
        return true;
      }
    }
    return false;
  }

  /** Go's {@code %v} of a string slice: {@code [a b c]}. */
  private static String goList(List<String> values) {
    return "[" + String.join(" ", values) + "]";
  }

  private static String start(String text) {
    if (text.isEmpty()) {
      return "";
    }
    return ", starting '" + Texts.printable(text, 60) + "'";
  }

  private static int lineOf(String text, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String lineText(String text, int index) {
    int start = text.lastIndexOf('\n', Math.max(0, index - 1)) + 1;
    if (index == 0) {
      start = 0;
    }
    int end = text.indexOf('\n', index);
    return text.substring(start, end < 0 ? text.length() : end);
  }
}
