package io.imagecheck.inspectors.tools;

import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.FileSystemView;
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
import java.util.Set;

/**
 * Finds debugging and network tools in an image: they are what an intruder uses to download a payload,
 * open a reverse shell, move laterally or inspect other processes, and a hardened image has none.
 *
 * <p><b>What it looks at.</b> The names {@link #TOOLS} (plus the {@code extraTools} option) in the search
 * directories (the config's {@code PATH}, else the default one, then the usual bin directories),
 * resolved through symlinks and hard links, with an execute bit. One {@code tools.present} finding per
 * tool name and distinct file. BusyBox applets count as tools:
 * <ul>
 *   <li>a link named like a tool that reaches a BusyBox or toybox binary is that tool (when BusyBox's
 *       applet table was read and does not list the name, the link is broken and ignored);
 *   <li>a BusyBox binary whose applet table lists a tool provides it even without a link, because
 *       {@code busybox wget} works: it is reported at the BusyBox binary's path (a path named
 *       {@code busybox} when there is one), with the evidence {@code linked=false}. toybox's applet list
 *       cannot be read from its content, so only its links count.
 * </ul>
 *
 * <p><b>Facts.</b> {@code tools}: one map per tool found: {@code name}, {@code path},
 * {@code resolvedPath}, {@code provider} ({@code binary}, {@code busybox} or {@code toybox}),
 * {@code linked} (false for an applet reached only through the multi-call binary), {@code layer}
 * (0-based index of the layer that shipped the file), {@code allowed} (true when the {@code allow}
 * option suppressed its finding).
 *
 * <p><b>Options.</b> {@code allow}: tool names whose presence is accepted (listed in the facts, not
 * reported), e.g. {@code [curl]} for an image whose health check uses curl. {@code extraTools}: further
 * command names to look for (e.g. {@code vim}, {@code python3}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ToolsInspector implements Inspector {

  /** The inspector id. */
  public static final String ID = "tools";
  /** Rule: a debugging or network tool is present. */
  public static final String PRESENT = "tools.present";

  /** The tools looked for. */
  public static final List<String> TOOLS = List.of("curl", "wget", "nc", "ncat", "netcat", "socat", "telnet", "ssh",
      "scp", "sshd", "gdb", "strace", "ltrace", "tcpdump", "nmap", "sudo", "su");

  private final MultiCallVisitor visitor = new MultiCallVisitor();

  /** Creates the inspector. */
  public ToolsInspector() {
    // stateless
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Debugging and network tools (curl, wget, nc, socat, telnet, ssh, gdb, strace, tcpdump, nmap, sudo, su"
        + " ...) reachable through PATH and the usual bin directories, including BusyBox applets.";
  }

  @Override
  public List<Rule> rules() {
    return List.of(new Rule(PRESENT, Severity.HIGH, "Image contains a debugging or network tool",
        "A debugging or network tool (curl, wget, nc/ncat/netcat, socat, telnet, ssh/scp/sshd, gdb, strace,"
            + " ltrace, tcpdump, nmap, sudo, su) is reachable from the command search path, as a program or as a"
            + " BusyBox applet. These are what an intruder uses to fetch payloads, open reverse shells, escalate"
            + " privileges and inspect other processes.",
        "Remove the tool in the final stage (for BusyBox, build it without the applet or drop BusyBox); for a"
            + " tool the application needs, such as curl for a health check, accept it with the tools option"
            + " allow: [curl]."));
  }

  @Override
  public ContentNeeds contentNeeds() {
    return new ContentNeeds(List.of(), List.of(visitor), false);
  }

  @Override
  public InspectorResult inspect(InspectionContext context) {
    FileSystemView fs = context.fileSystem();
    ExecutableIndex index = ExecutableIndex.build(fs, context.config(), fs.visits(visitor));
    Set<String> allowed = new HashSet<>(stringList(context, "allow"));
    Set<String> tools = new LinkedHashSet<>(TOOLS);
    tools.addAll(stringList(context, "extraTools"));

    List<Finding> findings = new ArrayList<>();
    List<Map<String, Object>> facts = new ArrayList<>();
    // file path -> tool names that reach it through a link of that name
    Map<String, Set<String>> linked = new LinkedHashMap<>();
    for (String tool : tools) {
      Set<String> files = new HashSet<>();
      for (Reach r : index.reaches(tool)) {
        Executable x = index.executable(r);
        boolean broken = x.multiCall().filter(m -> m.appletsKnown() && !m.hasApplet(tool)).isPresent();
        if (broken || !files.add(x.path())) {
          continue;
        }
        linked.computeIfAbsent(x.path(), k -> new HashSet<>()).add(tool);
        List<String> paths = x.paths(q -> q.name().equals(tool));
        report(tool, r, x, true, paths, allowed.contains(tool), findings, facts);
      }
    }
    for (Executable x : index.executables()) {
      if (!x.isMultiCall(MultiCall.BUSYBOX)) {
        continue;
      }
      MultiCall m = x.multiCall().orElseThrow();
      Reach at = x.firstReach(r -> r.name().equals(MultiCall.BUSYBOX)).orElse(x.reaches().get(0));
      for (String tool : tools) {
        if (m.hasApplet(tool) && !linked.getOrDefault(x.path(), Set.of()).contains(tool)) {
          report(tool, at, x, false, List.of(at.path()), allowed.contains(tool), findings, facts);
        }
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("tools", facts);
    return InspectorResult.of(ID, result, findings);
  }

  private static void report(String tool, Reach at, Executable x, boolean isLinked, List<String> paths,
      boolean allowed, List<Finding> findings, List<Map<String, Object>> facts) {
    String provider = x.multiCall().map(MultiCall::kind).orElse("binary");
    Map<String, Object> fact = new LinkedHashMap<>();
    fact.put("name", tool);
    fact.put("path", at.path());
    fact.put("resolvedPath", x.path());
    fact.put("provider", provider);
    fact.put("linked", isLinked);
    fact.put("layer", x.origin().layerIndex());
    fact.put("allowed", allowed);
    facts.add(fact);
    if (allowed) {
      return;
    }
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("tool", tool);
    evidence.put("resolvedTarget", x.path());
    evidence.put("provider", provider);
    if (isLinked && !at.via().isEmpty()) {
      evidence.put("via", at.via());
    }
    if (!isLinked) {
      evidence.put("linked", "false");
    }
    if (paths.size() > 1) {
      evidence.put("paths", String.join(",", paths));
    }
    String msg;
    if (!isLinked) {
      msg = "Tool " + tool + " is available as a " + x.multiCall().orElseThrow().describe() + " applet ('"
          + at.name() + " " + tool + "') at " + at.path() + ", with no link named " + tool;
    } else {
      msg = "Tool " + tool + " is reachable at " + at.path() + at.leadsTo()
          + x.multiCall().map(m -> ", a " + m.describe() + " applet").orElse("");
    }
    findings.add(Finding.at(PRESENT, ToolsInspector.ID, Severity.HIGH, msg, at.path(), x.origin(), evidence));
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
        + " must be a list of tool names, got " + value);
  }
}
