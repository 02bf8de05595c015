package io.imagecheck.inspectors.shell;

import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.Visit;
import io.imagecheck.image.ImageConfig;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import io.imagecheck.inspectors.executables.Executable;
import io.imagecheck.inspectors.executables.ExecutableIndex;
import io.imagecheck.inspectors.executables.MultiCall;
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
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Finds shells in an image: a shell lets anyone who gets a process in the container run arbitrary
 * commands, which the hardened-image model rules out.
 *
 * <p><b>What it looks at.</b> Every name in the search directories (the config's {@code PATH}, or the
 * default {@code /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin} when unset, then those
 * usual directories), resolved through the image's symlinks and hard links; only names that end at a
 * regular file with an execute bit count. A file is a shell when its name or a name that reaches it is
 * one of {@link #SHELL_NAMES} (plus the {@code extraShells} option), or when it is a multi-call binary
 * that provides one:
 * <ul>
 *   <li>BusyBox (recognised by content, {@code BusyBox v...}, or by the name {@code busybox}) counts
 *       whether or not a link named {@code sh} exists, because {@code busybox sh} always works; when its
 *       applet table was read and lists none of {@code sh}, {@code ash}, {@code hush}, it does not
 *       count. Official BusyBox images ship it as {@code /bin/[} with {@code /bin/sh} a hard link to it.
 *   <li>toybox counts only when a shell name links to it: its shell ({@code toysh}) is not in default
 *       builds.
 * </ul>
 * Each distinct file (one inode: usrmerge's {@code /bin/sh} and {@code /usr/bin/sh}, or BusyBox's hard
 * links, count once) gives one {@code shell.present} finding, at the path a user would recognise:
 * {@code /bin/sh} when it leads there, else the first path named {@code sh}, else the first shell-named
 * path in search order; every other shell-named path is listed in the evidence. Then the whole tree is
 * searched for executables named like shells, and BusyBox or toybox binaries recognised by content,
 * outside the search directories ({@code shell.off-path}): they still run by absolute path. Finally the
 * config's {@code ENTRYPOINT}/{@code CMD} is checked for a shell (see {@code shell.form-command} and
 * {@code shell.command}), and whether that shell exists.
 *
 * <p><b>Facts.</b>
 * <ul>
 *   <li>{@code searchPath}: the search directories, in order (list of strings).
 *   <li>{@code shells}: one map per shell file found in the search directories: {@code path} (as
 *       reported), {@code resolvedPath} (the file), {@code kind} ({@code sh}, {@code bash},
 *       {@code dash}, ..., {@code busybox}, {@code toybox}), {@code via} (how {@code path} leads to the
 *       file; empty when it is the file), {@code layer} (0-based index of the layer that shipped the
 *       file), {@code paths} (every shell-named path that reaches it), {@code provides} (for multi-call
 *       binaries: the shell applets it is reached as, or {@code sh} when it is reached by no shell
 *       name) and {@code onPath} (whether {@code path} is on {@code PATH}).
 *   <li>{@code offPathShells}: the same maps for shells outside the search directories.
 *   <li>{@code multiCallBinaries}: one map per multi-call binary reached: {@code path}, {@code kind},
 *       {@code version} (empty when unknown), {@code detectedBy} ({@code content} or {@code name}),
 *       {@code applets} (the number of applets compiled in, 0 when unknown), {@code links} (the number
 *       of names that reach it), {@code providesShell}, {@code layer}.
 *   <li>{@code notExecutable}: shell-named paths in the search directories that resolve to a file
 *       without an execute bit (not reported).
 *   <li>{@code shellCommand}, when the command runs a shell: {@code instruction}, {@code shell},
 *       {@code commandString} (true for {@code -c}), {@code shellPresent}, {@code resolvedPath} (when
 *       present).
 * </ul>
 *
 * <p><b>Options.</b> {@code extraShells}: a list of further command names to treat as shells (e.g.
 * {@code busybox-extras}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ShellInspector implements Inspector {

  /** The inspector id. */
  public static final String ID = "shell";
  /** Rule: a shell is reachable from the command search path. */
  public static final String PRESENT = "shell.present";
  /** Rule: a shell lies outside the search path. */
  public static final String OFF_PATH = "shell.off-path";
  /** Rule: the entrypoint or command is in shell form ({@code sh -c}). */
  public static final String FORM_COMMAND = "shell.form-command";
  /** Rule: the entrypoint or command runs a shell directly. */
  public static final String COMMAND = "shell.command";

  /** Names of shells (multi-call binaries are recognised separately). */
  public static final Set<String> SHELL_NAMES = Set.of("sh", "bash", "rbash", "dash", "ash", "hush", "zsh", "ksh",
      "ksh93", "mksh", "lksh", "pdksh", "oksh", "csh", "tcsh", "fish", "yash", "posh");

  private static final Set<String> BUSYBOX_SHELL_APPLETS = Set.of("sh", "ash", "hush");
  private static final int ALSO_LISTED = 5;

  private final MultiCallVisitor visitor = new MultiCallVisitor();

  /** Creates the inspector. */
  public ShellInspector() {
    // stateless
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Shells (sh, bash, dash, ash, zsh, ksh, csh, fish, BusyBox, toybox ...) reachable on PATH, in the usual"
        + " bin directories or elsewhere, resolved through links, and ENTRYPOINT/CMD values that need a shell.";
  }

  @Override
  public List<Rule> rules() {
    return List.of(
        new Rule(PRESENT, Severity.HIGH, "Image contains a shell",
            "A shell (or a BusyBox/toybox binary that provides one) is reachable from the command search path"
                + " (PATH and the usual bin directories), through symlinks and hard links. A shell lets anyone"
                + " who gets a process in the container run arbitrary commands, and it is what most exploit"
                + " chains and 'docker exec' debugging rely on.",
            "Build from a distroless or scratch base, or remove the shell and its links in the final stage; run"
                + " debugging from an ephemeral debug container instead."),
        new Rule(OFF_PATH, Severity.HIGH, "Image contains a shell outside the search path",
            "An executable named like a shell, or a BusyBox/toybox binary, exists outside the command search"
                + " path. It is not found by name, but anyone can still run it by its absolute path.",
            "Remove the file in the final stage, or waive it if it is data that merely has a shell's name."),
        new Rule(FORM_COMMAND, Severity.MEDIUM, "ENTRYPOINT or CMD is in shell form",
            "The entrypoint or command runs a shell with a -c command string, as Docker writes a shell-form"
                + " instruction (ENTRYPOINT cmd / CMD cmd becomes [\"/bin/sh\", \"-c\", \"cmd\"]). The image"
                + " then needs a shell at run time; without one the container cannot start. Shell form also"
                + " makes the shell PID 1, so signals do not reach the application.",
            "Use the exec (JSON array) form: ENTRYPOINT [\"/app\", \"--flag\"]."),
        new Rule(COMMAND, Severity.MEDIUM, "ENTRYPOINT or CMD runs a shell",
            "The entrypoint or command starts a shell (interactively, or to run a script). The image needs a"
                + " shell at run time; without one the container cannot start.",
            "Run the application binary directly; replace entrypoint scripts with a small binary or with"
                + " configuration the application reads."));
  }

  @Override
  public ContentNeeds contentNeeds() {
    return new ContentNeeds(List.of(), List.of(visitor), false);
  }

  @Override
  public InspectorResult inspect(InspectionContext context) {
    FileSystemView fs = context.fileSystem();
    ImageConfig config = context.config();
    Set<String> shellNames = new HashSet<>(SHELL_NAMES);
    shellNames.addAll(stringList(context, "extraShells"));
    List<Visit<MultiCall>> visits = fs.visits(visitor);
    ExecutableIndex index = ExecutableIndex.build(fs, config, visits);

    List<Finding> findings = new ArrayList<>();
    List<Map<String, Object>> shells = new ArrayList<>();
    List<Map<String, Object>> multiCalls = new ArrayList<>();
    for (Executable x : index.executables()) {
      Optional<Shell> shell = classify(x, shellNames);
      shell.ifPresent(s -> {
        shells.add(s.fact());
        findings.add(s.finding(PRESENT, "Shell"));
      });
      x.multiCall().ifPresent(m -> multiCalls.add(multiCallFact(x, m, shell.isPresent())));
    }

    List<Map<String, Object>> offPath = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    index.executables().forEach(x -> seen.add(x.path()));
    for (String candidate : offPathCandidates(fs, visits, shellNames)) {
      Optional<Executable> x = index.executableAt(candidate);
      if (x.isEmpty() || !seen.add(x.get().path())) {
        continue;
      }
      classify(x.get(), shellNames).ifPresent(s -> {
        offPath.add(s.fact());
        findings.add(s.finding(OFF_PATH, "Shell outside the search path"));
      });
    }

    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("searchPath", index.searchDirectories());
    facts.put("shells", shells);
    facts.put("offPathShells", offPath);
    facts.put("multiCallBinaries", multiCalls);
    facts.put("notExecutable", index.notExecutable().stream().filter(r -> shellNames.contains(r.name()))
        .map(Reach::path).toList());
    ShellInvocation.of(config, shellNames).ifPresent(inv -> {
      Optional<Found> present = shellFor(inv.shell(), index, config);
      facts.put("shellCommand", commandFact(inv, present));
      findings.add(commandFinding(inv, present));
    });
    return InspectorResult.of(ID, facts, findings);
  }

  /** A shell file and the reach to report it at. */
  private record Shell(Executable file, String kind, Reach primary, List<String> paths, List<String> provides,
      boolean appletOnly) {

    Map<String, Object> fact() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", primary.path());
      m.put("resolvedPath", file.path());
      m.put("kind", kind);
      m.put("via", primary.via());
      m.put("layer", file.origin().layerIndex());
      m.put("paths", paths);
      m.put("provides", provides);
      m.put("onPath", primary.onPath());
      return m;
    }

    Finding finding(String rule, String what) {
      Map<String, String> evidence = new LinkedHashMap<>();
      evidence.put("kind", kind);
      evidence.put("resolvedTarget", file.path());
      if (!primary.via().isEmpty()) {
        evidence.put("via", primary.via());
      }
      if (!provides.isEmpty()) {
        evidence.put("provides", String.join(",", provides) + (appletOnly ? " (applet)" : ""));
      }
      file.multiCall().flatMap(MultiCall::version).ifPresent(v -> evidence.put("version", v));
      if (paths.size() > 1) {
        evidence.put("paths", String.join(",", paths));
      }
      if (!primary.onPath()) {
        evidence.put("onPath", "false");
      }
      StringBuilder msg = new StringBuilder(what).append(' ').append(kind);
      file.multiCall().filter(m -> m.version().isPresent()).ifPresent(m -> msg.append(" (").append(m.describe())
          .append(')'));
      msg.append(" is reachable at ").append(primary.path());
      msg.append(primary.leadsTo());
      if (appletOnly) {
        msg.append(", which runs a shell as '").append(kind).append(" sh'");
      }
      List<String> also = paths.stream().filter(p -> !p.equals(primary.path())).toList();
      if (!also.isEmpty()) {
        msg.append("; also at ").append(String.join(", ", also.subList(0, Math.min(ALSO_LISTED, also.size()))));
        if (also.size() > ALSO_LISTED) {
          msg.append(" and ").append(also.size() - ALSO_LISTED).append(" more");
        }
      }
      return Finding.at(rule, ID, Severity.HIGH, msg.toString(), primary.path(), file.origin(), evidence);
    }
  }

  private static Optional<Shell> classify(Executable x, Set<String> shellNames) {
    Predicate<Reach> shellNamed = r -> shellNames.contains(r.name()) || r.name().equals(MultiCall.BUSYBOX)
        || r.name().equals(MultiCall.TOYBOX);
    List<String> paths = x.paths(shellNamed);
    if (x.isMultiCall(MultiCall.BUSYBOX)) {
      MultiCall m = x.multiCall().orElseThrow();
      if (m.appletsKnown() && BUSYBOX_SHELL_APPLETS.stream().noneMatch(m::hasApplet)) {
        return Optional.empty();
      }
      Set<String> provides = new TreeSet<>();
      for (Reach r : x.reaches()) {
        if (shellNames.contains(r.name()) && (!m.appletsKnown() || m.hasApplet(r.name()))) {
          provides.add(r.name());
        }
      }
      boolean appletOnly = provides.isEmpty();
      if (appletOnly) {
        provides.add("sh");
      }
      return Optional.of(new Shell(x, MultiCall.BUSYBOX, primary(x, shellNamed), paths, List.copyOf(provides),
          appletOnly));
    }
    if (x.isMultiCall(MultiCall.TOYBOX)) {
      Set<String> provides = new TreeSet<>();
      x.reaches().stream().filter(r -> shellNames.contains(r.name())).forEach(r -> provides.add(r.name()));
      if (provides.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Shell(x, MultiCall.TOYBOX, primary(x, shellNamed), paths, List.copyOf(provides),
          false));
    }
    String kind = shellNames.contains(x.name()) ? x.name()
        : x.reaches().stream().map(Reach::name).filter(shellNames::contains).findFirst().orElse(null);
    if (kind == null) {
      return Optional.empty();
    }
    return Optional.of(new Shell(x, kind, primary(x, shellNamed), paths, List.of(), false));
  }

  private static Reach primary(Executable x, Predicate<Reach> shellNamed) {
    return x.firstReach(r -> r.path().equals("/bin/sh"))
        .or(() -> x.firstReach(r -> r.name().equals("sh")))
        .or(() -> x.firstReach(shellNamed))
        .orElse(x.reaches().get(0));
  }

  /** Paths outside the search directories that may be shells: by name, or multi-call binaries by content. */
  private static Set<String> offPathCandidates(FileSystemView fs, List<Visit<MultiCall>> visits,
      Set<String> shellNames) {
    Set<String> out = new LinkedHashSet<>();
    for (FileEntry e : fs.entries()) {
      String n = e.name();
      if (!e.isDirectory() && (shellNames.contains(n) || n.equals(MultiCall.BUSYBOX) || n.equals(MultiCall.TOYBOX))) {
        out.add(e.path());
      }
    }
    for (Visit<MultiCall> v : visits) {
      String p = v.entry().path();
      Optional<FileEntry> now = fs.entry(p);
      if (now.isPresent() && now.get().isRegularFile()
          && now.get().origin().layerIndex() == v.entry().origin().layerIndex()) {
        out.add(p);
      }
    }
    return out;
  }

  private static Map<String, Object> multiCallFact(Executable x, MultiCall m, boolean providesShell) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("path", x.path());
    f.put("kind", m.kind());
    f.put("version", m.version().orElse(""));
    f.put("detectedBy", m.fromContent() ? "content" : "name");
    f.put("applets", m.applets().size());
    f.put("links", x.reaches().size());
    f.put("providesShell", providesShell);
    f.put("layer", x.origin().layerIndex());
    return f;
  }

  /** The path a shell word runs and its executable. */
  private record Found(String path, Executable file) {}

  /** The executable a shell word runs: an absolute path, a path relative to the working directory, or a name. */
  private static Optional<Found> shellFor(String word, ExecutableIndex index, ImageConfig config) {
    if (word.startsWith("/")) {
      return index.executableAt(word).map(x -> new Found(word, x));
    }
    if (word.contains("/")) {
      String dir = config.workingDir().isEmpty() ? "/" : config.workingDir();
      String path = dir + "/" + word;
      return index.executableAt(path).map(x -> new Found(path, x));
    }
    return index.lookup(word).map(r -> new Found(r.path(), index.executable(r)));
  }

  private static Map<String, Object> commandFact(ShellInvocation inv, Optional<Found> present) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("instruction", inv.instruction());
    f.put("shell", inv.shell());
    f.put("commandString", inv.commandString());
    f.put("shellPresent", present.isPresent());
    present.ifPresent(x -> f.put("resolvedPath", x.file().path()));
    return f;
  }

  private static Finding commandFinding(ShellInvocation inv, Optional<Found> present) {
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("instruction", inv.instruction());
    evidence.put("shell", inv.shell());
    evidence.put("form", inv.commandString() ? "shell form (-c)" : "shell");
    evidence.put("shellPresent", Boolean.toString(present.isPresent()));
    present.ifPresent(x -> evidence.put("resolvedTarget", x.file().path()));
    String rule = inv.commandString() ? FORM_COMMAND : COMMAND;
    String what = inv.commandString()
        ? inv.instruction() + " is in shell form: it runs " + inv.shell() + " -c"
        : inv.instruction() + " runs the shell " + inv.shell();
    String message;
    if (present.isPresent()) {
      Found f = present.get();
      String where = f.path().equals(inv.shell()) ? "" : " (" + f.path() + ")";
      message = what + where + ", so the image needs a shell at run time";
    } else {
      message = what + ", but the image has no executable " + inv.shell() + ": the container cannot start";
    }
    String path = present.map(Found::path).orElse(inv.shell().startsWith("/") ? inv.shell() : null);
    if (path == null) {
      return new Finding(rule, ID, Severity.MEDIUM, message, Optional.empty(), Optional.empty(), evidence);
    }
    return Finding.at(rule, ID, Severity.MEDIUM, message, path, present.map(f -> f.file().origin()).orElse(null),
        evidence);
  }

  /** A string-list option: a list of strings, or one string. */
  private static List<String> stringList(InspectionContext context, String name) {
    Object value = context.option(name).orElse(null);
    if (value == null) {
      return List.of();
    }
    if (value instanceof String s) {
      return List.of(s);
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    throw new IllegalArgumentException("option " + name + " of inspector " + ID
        + " must be a list of command names, got " + value);
  }
}
