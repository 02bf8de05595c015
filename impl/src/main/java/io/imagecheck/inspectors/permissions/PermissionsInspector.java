package io.imagecheck.inspectors.permissions;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.PathGlob;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the permission bits and file capabilities of every entry of the final tree (metadata only).
 *
 * <p><b>What it looks at.</b>
 * <ul>
 *   <li>{@code permissions.setuid} / {@code permissions.setgid}: regular files and hard links with the
 *       setuid (04000) or setgid (02000) bit: they run with their owner's or group's privileges, the usual
 *       way from an unprivileged process to root. Directories are not reported: setuid means nothing on a
 *       directory, and setgid on one only makes new files inherit its group (Debian's {@code /var/local}
 *       and {@code /var/mail} are {@code 2775} on purpose).
 *   <li>{@code permissions.capabilities}: files with a {@code security.capability} extended attribute
 *       (recorded by tar as a PAX {@code SCHILY.xattr} or {@code LIBARCHIVE.xattr} record), decoded by
 *       {@link FileCapabilities} into names such as {@code cap_net_raw}; a value whose bytes were damaged
 *       by the tar reader's UTF-8 decoding is reported with what could be read and
 *       {@code decoding=partial} or {@code unparsed}.
 *   <li>{@code permissions.world-writable}: regular files and hard links with the world-write bit, and
 *       world-writable directories without the sticky bit ({@code /tmp} with {@code 1777} is fine).
 *       Symlinks (whose mode means nothing) and device nodes, FIFOs and sockets (the runtime mounts its
 *       own {@code /dev}) are not checked.
 * </ul>
 *
 * <p><b>Facts.</b> {@code setuid}, {@code setgid}, {@code worldWritable}: lists of paths (allowed ones
 * included); {@code capabilities}: maps with {@code path}, {@code permitted}, {@code inheritable},
 * {@code effective}, {@code revision}, {@code decoding}, {@code uncertain}; {@code setuidCount},
 * {@code setgidCount}, {@code capabilityCount}, {@code worldWritableCount}; {@code allowed}: the paths
 * whose findings an option suppressed, as {@code rule path} strings.
 *
 * <p><b>Options.</b> Each a list of path globs ({@link PathGlob}): {@code allowSetuid} (setuid and
 * setgid files to accept, e.g. {@code /usr/bin/newuidmap}), {@code allowCapabilities},
 * {@code allowWorldWritable}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PermissionsInspector implements Inspector {

  /** The inspector id. */
  public static final String ID = "permissions";
  /** Rule: a setuid file. */
  public static final String SETUID = "permissions.setuid";
  /** Rule: a setgid file. */
  public static final String SETGID = "permissions.setgid";
  /** Rule: a file with capabilities. */
  public static final String CAPABILITIES = "permissions.capabilities";
  /** Rule: a world-writable file or non-sticky directory. */
  public static final String WORLD_WRITABLE = "permissions.world-writable";

  /** Creates the inspector. */
  public PermissionsInspector() {
    // stateless
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Setuid and setgid files, file capabilities (security.capability) and world-writable files and"
        + " non-sticky directories in the final filesystem.";
  }

  @Override
  public List<Rule> rules() {
    return List.of(
        new Rule(SETUID, Severity.HIGH, "Setuid file",
            "A file has the setuid bit: it runs with its owner's privileges (usually root) whoever starts it,"
                + " the classic path from a compromised unprivileged process to root.",
            "Clear the bit (chmod u-s) in the final stage, or remove the file; containers should not need"
                + " privilege escalation (run with no-new-privileges)."),
        new Rule(SETGID, Severity.HIGH, "Setgid file",
            "A file has the setgid bit: it runs with its group's privileges whoever starts it. Setgid"
                + " directories are not reported: there the bit only sets the group of new files.",
            "Clear the bit (chmod g-s) in the final stage, or remove the file."),
        new Rule(CAPABILITIES, Severity.HIGH, "File with capabilities",
            "A file carries Linux file capabilities (the security.capability extended attribute, e.g."
                + " cap_net_raw on ping): it gains those privileges when run, like a narrow setuid root.",
            "Remove the capabilities (setcap -r) in the final stage; grant what the application needs through"
                + " the runtime (--cap-add) instead."),
        new Rule(WORLD_WRITABLE, Severity.MEDIUM, "World-writable file or directory",
            "A file is writable by every user, or a directory is writable by every user without the sticky"
                + " bit (so anyone can delete or replace others' files in it). Any process in the container can"
                + " then change what others run or read.",
            "Remove the world-write bit (chmod o-w), or set the sticky bit on shared directories (chmod +t)."));
  }

  @Override
  public InspectorResult inspect(InspectionContext context) {
    List<PathGlob> allowSetuid = globs(context, "allowSetuid");
    List<PathGlob> allowCaps = globs(context, "allowCapabilities");
    List<PathGlob> allowWritable = globs(context, "allowWorldWritable");
    List<Finding> findings = new ArrayList<>();
    List<String> setuid = new ArrayList<>();
    List<String> setgid = new ArrayList<>();
    List<String> writable = new ArrayList<>();
    List<Map<String, Object>> caps = new ArrayList<>();
    List<String> allowed = new ArrayList<>();
    for (FileEntry e : context.fileSystem().entries()) {
      boolean file = e.isRegularFile() || e.isHardlink();
      if (file && e.isSetuid()) {
        setuid.add(e.path());
        report(findings, allowed, allowSetuid, setuidFinding(e));
      }
      if (file && e.isSetgid()) {
        setgid.add(e.path());
        report(findings, allowed, allowSetuid, setgidFinding(e));
      }
      Optional<byte[]> cap = file ? e.xattr(FileCapabilities.XATTR) : Optional.empty();
      if (cap.isPresent()) {
        FileCapabilities decoded = FileCapabilities.decode(cap.get());
        caps.add(capabilityFact(e, decoded));
        report(findings, allowed, allowCaps, capabilityFinding(e, decoded));
      }
      if ((file && e.isWorldWritable()) || (e.isDirectory() && e.isWorldWritable() && !e.isSticky())) {
        writable.add(e.path());
        report(findings, allowed, allowWritable, writableFinding(e));
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("setuidCount", setuid.size());
    facts.put("setgidCount", setgid.size());
    facts.put("capabilityCount", caps.size());
    facts.put("worldWritableCount", writable.size());
    facts.put("setuid", setuid);
    facts.put("setgid", setgid);
    facts.put("capabilities", caps);
    facts.put("worldWritable", writable);
    facts.put("allowed", allowed);
    return InspectorResult.of(ID, facts, findings);
  }

  private static void report(List<Finding> findings, List<String> allowed, List<PathGlob> allow, Finding f) {
    String path = f.path().orElseThrow();
    if (allow.stream().anyMatch(g -> g.matches(path))) {
      allowed.add(f.ruleId() + " " + path);
    } else {
      findings.add(f);
    }
  }

  private static String owner(FileEntry e) {
    return e.uid() + e.userName().map(n -> " (" + n + ")").orElse("");
  }

  private static String group(FileEntry e) {
    return e.gid() + e.groupName().map(n -> " (" + n + ")").orElse("");
  }

  private static Map<String, String> modeEvidence(FileEntry e) {
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("mode", e.octalMode());
    ev.put("owner", e.uid() + ":" + e.gid());
    e.linkTarget().filter(t -> e.isHardlink()).ifPresent(t -> ev.put("hardlinkTo", t));
    return ev;
  }

  private static Finding setuidFinding(FileEntry e) {
    String who = e.uid() == 0 ? "root" : "uid " + owner(e);
    return Finding.at(SETUID, ID, Severity.HIGH, e.path() + " is setuid " + who + " (" + e.modeString() + ")",
        e.path(), e.origin(), modeEvidence(e));
  }

  private static Finding setgidFinding(FileEntry e) {
    return Finding.at(SETGID, ID, Severity.HIGH, e.path() + " is setgid to gid " + group(e) + " (" + e.modeString()
        + ")", e.path(), e.origin(), modeEvidence(e));
  }

  private static Map<String, Object> capabilityFact(FileEntry e, FileCapabilities c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", e.path());
    m.put("permitted", c.permitted());
    m.put("inheritable", c.inheritable());
    m.put("effective", c.effective());
    m.put("revision", c.revision());
    m.put("decoding", c.decoding());
    m.put("uncertain", c.uncertain());
    c.rootId().ifPresent(r -> m.put("rootId", r));
    return m;
  }

  private static Finding capabilityFinding(FileEntry e, FileCapabilities c) {
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("capabilities", c.describe());
    ev.put("decoding", c.decoding());
    if (!c.uncertain().isEmpty()) {
      ev.put("uncertain", String.join(",", c.uncertain()));
    }
    c.problem().ifPresent(p -> ev.put("problem", p));
    c.rootId().ifPresent(r -> ev.put("rootId", Long.toString(r)));
    String what = c.problem().isPresent() ? "capabilities that could not be decoded (" + c.problem().get() + ")"
        : "capabilities " + c.describe() + (c.uncertain().isEmpty() ? "" : ", and possibly others whose bits"
            + " were lost in decoding");
    return Finding.at(CAPABILITIES, ID, Severity.HIGH, e.path() + " has file " + what, e.path(), e.origin(), ev);
  }

  private static Finding writableFinding(FileEntry e) {
    String what = e.isDirectory() ? " is a world-writable directory without the sticky bit (" : " is world-writable (";
    return Finding.at(WORLD_WRITABLE, ID, Severity.MEDIUM, e.path() + what + e.modeString() + ")", e.path(),
        e.origin(), modeEvidence(e));
  }

  private static List<PathGlob> globs(InspectionContext context, String name) {
    Object value = context.option(name).orElse(null);
    if (value == null) {
      return List.of();
    }
    List<?> list = value instanceof String s ? List.of(s) : value instanceof List<?> l ? l : null;
    if (list == null || !list.stream().allMatch(String.class::isInstance)) {
      throw new IllegalArgumentException("option " + name + " of inspector " + ID
          + " must be a list of path globs, got " + value);
    }
    return list.stream().map(g -> PathGlob.of((String) g)).toList();
  }
}
