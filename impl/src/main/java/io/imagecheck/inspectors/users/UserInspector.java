package io.imagecheck.inspectors.users;

import io.imagecheck.fs.Capture;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.Origin;
import io.imagecheck.fs.Resolution;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import io.imagecheck.inspectors.users.AccountFiles.Account;
import io.imagecheck.inspectors.users.AccountFiles.Group;
import io.imagecheck.inspectors.users.AccountFiles.Parsed;
import io.imagecheck.inspectors.users.AccountFiles.Shadow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Checks the user a container runs as and the image's account files.
 *
 * <p><b>What it looks at.</b> The config's {@code User} ({@code name}, {@code uid}, {@code name:group},
 * {@code uid:gid}; empty means the runtime default, root) and the files {@code /etc/passwd},
 * {@code /etc/group} and {@code /etc/shadow} of the final tree (captured while the view is built; a file
 * reached through a symlink is read once from its layer).
 * <ul>
 *   <li>{@code user.root}: the user is empty, {@code root}, uid {@code 0} (with any group), or a name
 *       that {@code /etc/passwd} maps to uid 0.
 *   <li>{@code user.unknown}: a user name missing from {@code /etc/passwd} or a group name missing from
 *       {@code /etc/group} (numeric ids need no entry); the runtime refuses to start such a container.
 *   <li>{@code user.extra-uid0}: accounts other than {@code root} with uid 0.
 *   <li>{@code user.empty-password}: an empty password field in {@code /etc/shadow}, or in
 *       {@code /etc/passwd} (an empty field there means no password is asked, whatever the shadow file
 *       says). Lock markers ({@code !}, {@code *}, {@code x}) are not empty.
 *   <li>{@code user.duplicate-uid}: several accounts share a uid (uid 0 is left to
 *       {@code user.extra-uid0}); {@code user.duplicate-gid}: several groups share a gid.
 * </ul>
 * The effective uid is the numeric user, or the passwd entry's uid; the effective gid is the numeric or
 * {@code /etc/group}-named group, else the passwd entry's primary group, else 0 (the runtime default for
 * a numeric uid without an entry).
 *
 * <p><b>Facts.</b> {@code user} (as configured), {@code effectiveUid} and {@code effectiveGid} (numbers;
 * absent when a name cannot be resolved), {@code accounts} (maps: {@code name}, {@code uid}, {@code gid},
 * {@code home}, {@code shell}), {@code groups} (maps: {@code name}, {@code gid}), {@code warnings}
 * (malformed lines, files that could not be read; never line contents).
 *
 * <p>Stateless and thread-safe.
 */
public final class UserInspector implements Inspector {

  /** The inspector id. */
  public static final String ID = "user";
  /** Rule: the container runs as root. */
  public static final String ROOT = "user.root";
  /** Rule: the configured user or group is not in the account files. */
  public static final String UNKNOWN = "user.unknown";
  /** Rule: an account other than root has uid 0. */
  public static final String EXTRA_UID0 = "user.extra-uid0";
  /** Rule: an account has an empty password. */
  public static final String EMPTY_PASSWORD = "user.empty-password";
  /** Rule: accounts share a uid. */
  public static final String DUPLICATE_UID = "user.duplicate-uid";
  /** Rule: groups share a gid. */
  public static final String DUPLICATE_GID = "user.duplicate-gid";

  static final String PASSWD = "/etc/passwd";
  static final String GROUP = "/etc/group";
  static final String SHADOW = "/etc/shadow";
  private static final long MAX_BYTES = Capture.DEFAULT_MAX_BYTES;

  /** Creates the inspector. */
  public UserInspector() {
    // stateless
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "The config's USER (root, implicit root, unknown names) and /etc/passwd, /etc/group and /etc/shadow"
        + " (extra uid-0 accounts, empty passwords, duplicate uids and gids).";
  }

  @Override
  public List<Rule> rules() {
    return List.of(
        new Rule(ROOT, Severity.HIGH, "Container runs as root",
            "The image config's User is empty (the runtime default is root), root, uid 0, or a name that"
                + " /etc/passwd maps to uid 0. A process running as root in a container is one kernel or runtime"
                + " bug away from root on the host, and can change every file of the image.",
            "Set a non-root numeric user, e.g. USER 65532:65532, and give it only the files it must write."),
        new Rule(UNKNOWN, Severity.MEDIUM, "User or group not in the account files",
            "The configured user name is not in /etc/passwd, or the group name is not in /etc/group. The"
                + " runtime cannot resolve it and refuses to start the container.",
            "Use numeric ids (USER 65532:65532), or add the account to /etc/passwd and /etc/group."),
        new Rule(EXTRA_UID0, Severity.HIGH, "Account other than root with uid 0",
            "An account other than root has uid 0: it is root under another name, a classic backdoor.",
            "Remove the account or give it its own uid."),
        new Rule(EMPTY_PASSWORD, Severity.HIGH, "Account with an empty password",
            "An account has an empty password field in /etc/shadow (or /etc/passwd), so anything that"
                + " authenticates against the account files (su, login, sshd) lets anyone in without a password.",
            "Lock the account: put ! or * in the password field (passwd -l)."),
        new Rule(DUPLICATE_UID, Severity.MEDIUM, "Accounts share a uid",
            "Several accounts in /etc/passwd have the same uid, so file ownership and audit records cannot tell"
                + " them apart.",
            "Give every account its own uid."),
        new Rule(DUPLICATE_GID, Severity.MEDIUM, "Groups share a gid",
            "Several groups in /etc/group have the same gid, so group ownership cannot tell them apart.",
            "Give every group its own gid."));
  }

  @Override
  public ContentNeeds contentNeeds() {
    return new ContentNeeds(List.of(Capture.of(PASSWD), Capture.of(GROUP), Capture.of(SHADOW)), List.of(), false);
  }

  @Override
  public InspectorResult inspect(InspectionContext context) throws IOException {
    FileSystemView fs = context.fileSystem();
    List<String> warnings = new ArrayList<>();
    Optional<String> passwdText = read(fs, PASSWD, warnings);
    Optional<String> groupText = read(fs, GROUP, warnings);
    Optional<String> shadowText = read(fs, SHADOW, warnings);
    Parsed<Account> passwd = AccountFiles.passwd(passwdText.orElse(""), PASSWD);
    Parsed<Group> groups = AccountFiles.group(groupText.orElse(""), GROUP);
    Parsed<Shadow> shadow = AccountFiles.shadow(shadowText.orElse(""), SHADOW);
    warnings.addAll(passwd.warnings());
    warnings.addAll(groups.warnings());
    warnings.addAll(shadow.warnings());

    List<Finding> findings = new ArrayList<>();
    String user = context.config().user();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("user", user);
    Effective eff = effective(user, passwd.records(), groups.records(), passwdText.isPresent(),
        groupText.isPresent(), fs, findings);
    eff.uid.ifPresent(u -> facts.put("effectiveUid", u));
    eff.gid.ifPresent(g -> facts.put("effectiveGid", g));

    for (Account a : passwd.records()) {
      if (a.uid() == 0 && !a.name().equals("root")) {
        findings.add(Finding.at(EXTRA_UID0, ID, Severity.HIGH, "Account " + a.name() + " has uid 0 (line " + a.line()
            + " of " + PASSWD + "): it is root under another name", PASSWD, origin(fs, PASSWD),
            Map.of("account", a.name(), "uid", "0", "line", Integer.toString(a.line()))));
      }
      if (a.password().isEmpty()) {
        findings.add(emptyPassword(fs, PASSWD, a.name(), a.line()));
      }
    }
    for (Shadow s : shadow.records()) {
      if (s.password().isEmpty()) {
        findings.add(emptyPassword(fs, SHADOW, s.name(), s.line()));
      }
    }
    duplicates(fs, passwd.records(), groups.records(), findings);

    List<Map<String, Object>> accounts = new ArrayList<>();
    for (Account a : passwd.records()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", a.name());
      m.put("uid", a.uid());
      m.put("gid", a.gid());
      m.put("home", a.home());
      m.put("shell", a.shell());
      accounts.add(m);
    }
    facts.put("accounts", accounts);
    facts.put("groups", groups.records().stream().map(g -> Map.<String, Object>of("name", g.name(), "gid", g.gid()))
        .toList());
    facts.put("warnings", warnings);
    return InspectorResult.of(ID, facts, findings);
  }

  /** The effective ids, when they can be resolved. */
  private record Effective(Optional<Long> uid, Optional<Long> gid) {}

  private static Effective effective(String user, List<Account> accounts, List<Group> groups, boolean hasPasswd,
      boolean hasGroup, FileSystemView fs, List<Finding> findings) {
    int colon = user.indexOf(':');
    String u = colon < 0 ? user : user.substring(0, colon);
    String g = colon < 0 ? "" : user.substring(colon + 1);
    Long uid = null;
    Account account = null;
    String how;
    if (u.isEmpty()) {
      uid = 0L;
      how = "implicit";
    } else if (AccountFiles.id(u) >= 0) {
      uid = AccountFiles.id(u);
      long wanted = uid;
      account = accounts.stream().filter(a -> a.uid() == wanted).findFirst().orElse(null);
      how = "numeric";
    } else {
      String name = u;
      account = accounts.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
      how = "passwd";
      if (account != null) {
        uid = account.uid();
      } else {
        findings.add(unknown(fs, user, "user", u, PASSWD, hasPasswd));
      }
    }
    Long gid = null;
    if (!g.isEmpty()) {
      if (AccountFiles.id(g) >= 0) {
        gid = AccountFiles.id(g);
      } else {
        String name = g;
        Group group = groups.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
        if (group != null) {
          gid = group.gid();
        } else {
          findings.add(unknown(fs, user, "group", g, GROUP, hasGroup));
        }
      }
    } else if (account != null) {
      gid = account.gid();
    } else if (uid != null) {
      gid = 0L;
    }
    boolean rootByName = u.equals("root");
    if ((uid != null && uid == 0) || rootByName) {
      findings.add(root(fs, user, how, rootByName && uid == null));
    }
    return new Effective(Optional.ofNullable(uid), Optional.ofNullable(gid));
  }

  private static Finding root(FileSystemView fs, String user, String how, boolean unresolved) {
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("user", user);
    evidence.put("uid", "0");
    evidence.put("source", how);
    String message = switch (how) {
      case "implicit" -> "No USER is set" + (user.isEmpty() ? "" : " (" + user + ")")
          + ": the container runs as root (uid 0), the runtime default";
      case "numeric" -> "USER " + user + " is uid 0: the container runs as root";
      default -> unresolved
          ? "USER " + user + " names root: the container is meant to run as root"
          : "USER " + user + " maps to uid 0 in " + PASSWD + ": the container runs as root";
    };
    if (how.equals("passwd") && !unresolved) {
      return Finding.at(ROOT, ID, Severity.HIGH, message, PASSWD, origin(fs, PASSWD), evidence);
    }
    return new Finding(ROOT, ID, Severity.HIGH, message, Optional.empty(), Optional.empty(), evidence);
  }

  private static Finding unknown(FileSystemView fs, String user, String kind, String name, String file,
      boolean fileExists) {
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("user", user);
    evidence.put("missing", kind);
    evidence.put(kind, name);
    evidence.put("file", fileExists ? "present" : "absent");
    String message = "USER " + user + ": " + kind + " " + name + " is not in " + file
        + (fileExists ? "" : " (the image has no " + file + ")")
        + ": the runtime cannot resolve it and the container will not start";
    return Finding.at(UNKNOWN, ID, Severity.MEDIUM, message, file, fileExists ? origin(fs, file) : null, evidence);
  }

  private static Finding emptyPassword(FileSystemView fs, String file, String account, int line) {
    return Finding.at(EMPTY_PASSWORD, ID, Severity.HIGH, "Account " + account + " has an empty password in " + file
        + " (line " + line + "): no password is asked", file, origin(fs, file),
        Map.of("account", account, "file", file, "line", Integer.toString(line)));
  }

  private static void duplicates(FileSystemView fs, List<Account> accounts, List<Group> groups,
      List<Finding> findings) {
    Map<Long, List<String>> byUid = new TreeMap<>();
    for (Account a : accounts) {
      if (a.uid() != 0) {
        byUid.computeIfAbsent(a.uid(), k -> new ArrayList<>()).add(a.name());
      }
    }
    byUid.forEach((uid, names) -> {
      if (names.size() > 1) {
        findings.add(Finding.at(DUPLICATE_UID, ID, Severity.MEDIUM, "uid " + uid + " is shared by "
            + String.join(", ", names) + " in " + PASSWD, PASSWD, origin(fs, PASSWD),
            Map.of("uid", Long.toString(uid), "accounts", String.join(",", names))));
      }
    });
    Map<Long, List<String>> byGid = new TreeMap<>();
    for (Group g : groups) {
      byGid.computeIfAbsent(g.gid(), k -> new ArrayList<>()).add(g.name());
    }
    byGid.forEach((gid, names) -> {
      if (names.size() > 1) {
        findings.add(Finding.at(DUPLICATE_GID, ID, Severity.MEDIUM, "gid " + gid + " is shared by "
            + String.join(", ", names) + " in " + GROUP, GROUP, origin(fs, GROUP),
            Map.of("gid", Long.toString(gid), "groups", String.join(",", names))));
      }
    });
  }

  private static @Nullable Origin origin(FileSystemView fs, String path) {
    return fs.entry(path).map(FileEntry::origin).orElse(null);
  }

  /**
   * A file's text: the captured bytes, or, for a file the capture could not take (a symlink or a hard
   * link), one read of its layer. Absent when the path does not exist.
   */
  private static Optional<String> read(FileSystemView fs, String path, List<String> warnings) throws IOException {
    Optional<byte[]> captured = fs.captured(path);
    if (captured.isPresent()) {
      return Optional.of(new String(captured.get(), StandardCharsets.UTF_8));
    }
    Resolution r = fs.resolve(path);
    if (r.target().isEmpty()) {
      return Optional.empty();
    }
    FileEntry t = r.target().get();
    if (!(t.isRegularFile() || t.isHardlink())) {
      warnings.add(path + " is a " + t.type().name().toLowerCase(java.util.Locale.ROOT) + ", not a file; not read");
      return Optional.empty();
    }
    if (t.size() > MAX_BYTES) {
      warnings.add(path + " has " + t.size() + " bytes, more than the " + MAX_BYTES + " read; not read");
      return Optional.empty();
    }
    try (InputStream in = fs.open(path)) {
      return Optional.of(new String(in.readNBytes((int) MAX_BYTES), StandardCharsets.UTF_8));
    }
  }
}
