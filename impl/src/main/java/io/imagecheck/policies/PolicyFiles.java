package io.imagecheck.policies;

import io.imagecheck.fs.PathGlob;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policies.PolicyNode.Entry;
import io.imagecheck.policies.PolicyNode.ListNode;
import io.imagecheck.policies.PolicyNode.MapNode;
import io.imagecheck.policies.PolicyNode.ScalarNode;
import io.imagecheck.policy.Policy;
import io.imagecheck.policy.Waiver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads policy files: parses them ({@link PolicyParser}), checks every key and value, follows
 * {@code extends} (built-in names or paths relative to the extending file, cycle-safe, at most
 * {@link #MAX_CHAIN} files deep) and merges each file over its parent. The merge rules are documented
 * in {@code docs/policy.md} and on {@link Policies#load(Path)}.
 *
 * <p>Thread-safe (stateless).
 */
final class PolicyFiles {

  /** The largest policy file read (policy files are written by people; this is generous). */
  static final int MAX_BYTES = 1 << 20;

  /** The longest {@code extends} chain, counting the file itself. */
  static final int MAX_CHAIN = 16;

  private static final List<String> KEYS =
      List.of("name", "description", "extends", "inspectors", "failOn", "severities", "disable", "waivers", "options");
  private static final List<String> WAIVER_KEYS = List.of("rule", "path", "reason", "expires");

  /** Rule ids and globs over them: lower-case {@code area.name} with {@code *} wildcards. */
  private static final Pattern RULE = Pattern.compile("[a-z0-9*][a-z0-9*-]*(\\.[a-z0-9*][a-z0-9*-]*)*");
  /** Inspector ids: lower-case words joined by hyphens. */
  private static final Pattern INSPECTOR = Pattern.compile("[a-z0-9][a-z0-9-]*");
  /** Policy names: no spaces or control characters, so they print as one word. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private PolicyFiles() {}

  /**
   * Loads a policy file and its parents.
   *
   * @param file the file
   * @return the merged policy
   * @throws PolicyException when a file of the chain cannot be read or used
   */
  static Policy load(Path file) throws PolicyException {
    return load(file, file.toString(), new ArrayDeque<>(), null, 0, 0);
  }

  private static Policy load(Path file, String label, Deque<Path> chain, @Nullable String from, int fromLine,
      int fromColumn) throws PolicyException {
    Path real;
    try {
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw fromParent(from, fromLine, fromColumn, label, "no such policy file", e);
    } catch (IOException e) {
      throw fromParent(from, fromLine, fromColumn, label, "cannot read: " + e, e);
    }
    if (chain.contains(real)) {
      StringBuilder cycle = new StringBuilder();
      boolean in = false;
      for (Path p : chain) {
        in |= p.equals(real);
        if (in) {
          cycle.append(p.getFileName()).append(" -> ");
        }
      }
      cycle.append(real.getFileName());
      throw new PolicyException(String.valueOf(from), fromLine, fromColumn, "extends", "extends cycle: " + cycle, null);
    }
    if (chain.size() >= MAX_CHAIN) {
      throw new PolicyException(String.valueOf(from), fromLine, fromColumn, "extends",
          "extends chain longer than " + MAX_CHAIN + " files", null);
    }
    byte[] bytes = read(real, label);
    String name = real.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean json = name.endsWith(".json");
    PolicyNode root = PolicyParser.parse(bytes, !json, label);
    if (!(root instanceof MapNode map)) {
      throw new PolicyException(label, root.line(), root.column(), "",
          "is " + root.kind() + "; expected a mapping with keys such as extends, failOn, severities", null);
    }
    chain.addLast(real);
    try {
      return new Reader(label, file.toAbsolutePath().getParent(), chain).policy(map, stem(real));
    } finally {
      chain.removeLast();
    }
  }

  private static PolicyException fromParent(@Nullable String from, int line, int column, String label,
      String problem, Exception cause) {
    if (from == null) {
      return new PolicyException(label, 0, 0, "", problem, cause);
    }
    return new PolicyException(from, line, column, "extends", problem + ": " + label, cause);
  }

  private static byte[] read(Path real, String label) throws PolicyException {
    try {
      if (!Files.isRegularFile(real)) {
        throw new PolicyException(label, 0, 0, "", "is not a regular file", null);
      }
      try (InputStream in = Files.newInputStream(real)) {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw new PolicyException(label, 0, 0, "", "is larger than " + MAX_BYTES + " bytes; a policy file is small",
              null);
        }
        return bytes;
      }
    } catch (PolicyException e) {
      throw e;
    } catch (IOException e) {
      throw new PolicyException(label, 0, 0, "", "cannot read: " + e, e);
    }
  }

  private static String stem(Path real) {
    String n = real.getFileName().toString();
    int dot = n.lastIndexOf('.');
    String s = dot > 0 ? n.substring(0, dot) : n;
    if (s.endsWith(".policy")) {
      s = s.substring(0, s.length() - ".policy".length());
    }
    return NAME.matcher(s).matches() ? s : "policy";
  }

  /**
   * Joins a field path and a key for messages.
   *
   * @param field the parent field, possibly empty
   * @param key the key
   * @return e.g. {@code severities.shell.present}
   */
  static String join(String field, String key) {
    return field.isEmpty() ? key : field + "." + key;
  }

  /** Reads one file's mapping over its parent. */
  private static final class Reader {
    private final String file;
    private final @Nullable Path dir;
    private final Deque<Path> chain;

    Reader(String file, @Nullable Path dir, Deque<Path> chain) {
      this.file = file;
      this.dir = dir;
      this.chain = chain;
    }

    Policy policy(MapNode root, String defaultName) throws PolicyException {
      for (Entry e : root.entries().values()) {
        if (!KEYS.contains(e.key())) {
          throw unknownKey(e, "", KEYS);
        }
      }
      Map<String, Entry> m = root.entries();
      Policy parent = m.containsKey("extends") ? parent(m.get("extends")) : null;

      String name = defaultName;
      if (m.containsKey("name")) {
        Entry e = m.get("name");
        name = string(e.value(), "name");
        if (!NAME.matcher(name).matches()) {
          throw error(e.value(), "name", "\"" + name + "\" is not a policy name (letters, digits, '.', '_', '-')");
        }
      }
      if (m.containsKey("description")) {
        string(m.get("description").value(), "description");
      }

      Set<String> inspectors = new LinkedHashSet<>(parent == null ? Set.of() : parent.inspectors());
      if (m.containsKey("inspectors")) {
        inspectors.clear();
        for (Item item : items(m.get("inspectors").value(), "inspectors")) {
          String id = string(item.node(), item.field());
          if (!INSPECTOR.matcher(id).matches()) {
            throw error(item.node(), item.field(), "\"" + id + "\" is not an inspector id (lower case, e.g. shell)");
          }
          inspectors.add(id);
        }
      }

      Severity failOn = parent == null ? Severity.HIGH : parent.failOn();
      if (m.containsKey("failOn")) {
        failOn = severity(m.get("failOn").value(), "failOn");
      }

      Map<String, Severity> severities = new LinkedHashMap<>();
      if (m.containsKey("severities")) {
        for (Entry e : map(m.get("severities").value(), "severities").entries().values()) {
          String field = join("severities", e.key());
          rule(e.key(), e.line(), e.column(), field);
          severities.put(e.key(), severity(e.value(), field));
        }
      }
      if (parent != null) {
        // The child's entries come first: the first matching glob wins, and a child overrides its parent.
        parent.severities().forEach(severities::putIfAbsent);
      }

      Set<String> disabled = new LinkedHashSet<>(parent == null ? Set.of() : parent.disabledRules());
      if (m.containsKey("disable")) {
        for (Item item : items(m.get("disable").value(), "disable")) {
          String rule = string(item.node(), item.field());
          rule(rule, item.node().line(), item.node().column(), item.field());
          disabled.add(rule);
        }
      }

      List<Waiver> waivers = new ArrayList<>(parent == null ? List.of() : parent.waivers());
      if (m.containsKey("waivers")) {
        for (Item item : items(m.get("waivers").value(), "waivers")) {
          waivers.add(waiver(item.node(), item.field()));
        }
      }

      Map<String, Map<String, Object>> options = new LinkedHashMap<>();
      if (parent != null) {
        parent.options().forEach((k, v) -> options.put(k, new LinkedHashMap<>(v)));
      }
      if (m.containsKey("options")) {
        for (Entry e : map(m.get("options").value(), "options").entries().values()) {
          String field = join("options", e.key());
          if (!INSPECTOR.matcher(e.key()).matches()) {
            throw new PolicyException(file, e.line(), e.column(), field,
                "\"" + e.key() + "\" is not an inspector id (lower case, e.g. tools)", null);
          }
          Map<String, Object> target = options.computeIfAbsent(e.key(), k -> new LinkedHashMap<>());
          for (Entry o : map(e.value(), field).entries().values()) {
            target.put(o.key(), value(o.value(), join(field, o.key())));
          }
        }
      }
      return new Policy(name, inspectors, severities, disabled, failOn, waivers, options);
    }

    private Policy parent(Entry e) throws PolicyException {
      String value = string(e.value(), "extends");
      Optional<Policy> builtIn = Policies.named(value);
      if (builtIn.isPresent()) {
        return builtIn.get();
      }
      if (value.isBlank()) {
        throw error(e.value(), "extends", "is empty; expected " + String.join(", ", Policies.names())
            + " or a path relative to this file");
      }
      Path target = dir == null ? Path.of(value) : dir.resolve(value);
      if (!Files.exists(target) && !value.contains("/") && !value.contains(".")) {
        throw error(e.value(), "extends", "\"" + value + "\" is neither a built-in policy ("
            + String.join(", ", Policies.names()) + ") nor a file next to this one");
      }
      // Messages name the parent as the user would find it: relative to the first file's directory.
      Path here = Path.of(file).getParent();
      String label = (here == null ? Path.of(value) : here.resolve(value)).normalize().toString();
      return load(target, label, chain, file, e.value().line(), e.value().column());
    }

    private Waiver waiver(PolicyNode node, String field) throws PolicyException {
      MapNode w = map(node, field);
      for (Entry e : w.entries().values()) {
        if (!WAIVER_KEYS.contains(e.key())) {
          throw unknownKey(e, field, WAIVER_KEYS);
        }
      }
      Map<String, Entry> m = w.entries();
      if (!m.containsKey("rule")) {
        throw error(node, field, "a waiver needs a rule (a rule id or glob, e.g. tools.present)");
      }
      if (!m.containsKey("reason")) {
        throw error(node, field, "a waiver needs a reason (waivers are reviewed by people)");
      }
      PolicyNode ruleNode = m.get("rule").value();
      String rule = string(ruleNode, join(field, "rule"));
      rule(rule, ruleNode.line(), ruleNode.column(), join(field, "rule"));
      String reason = string(m.get("reason").value(), join(field, "reason"));
      if (reason.isBlank()) {
        throw error(m.get("reason").value(), join(field, "reason"), "is blank; say why the finding is accepted");
      }
      Optional<PathGlob> path = Optional.empty();
      if (m.containsKey("path")) {
        PolicyNode p = m.get("path").value();
        String glob = string(p, join(field, "path"));
        try {
          path = Optional.of(PathGlob.of(glob));
        } catch (IllegalArgumentException ex) {
          throw error(p, join(field, "path"), "not a path glob: " + ex.getMessage());
        }
      }
      Optional<LocalDate> expires = Optional.empty();
      if (m.containsKey("expires")) {
        PolicyNode x = m.get("expires").value();
        String date = string(x, join(field, "expires"));
        try {
          expires = Optional.of(LocalDate.parse(date));
        } catch (DateTimeParseException ex) {
          throw error(x, join(field, "expires"), "\"" + date + "\" is not a date; expected YYYY-MM-DD, e.g. 2026-12-31");
        }
      }
      return new Waiver(rule, path, reason, expires);
    }

    private Object value(PolicyNode node, String field) throws PolicyException {
      if (node instanceof ScalarNode s) {
        if (s.value() == null) {
          throw error(node, field, "is null; give a value or leave the option out");
        }
        return s.value();
      }
      if (node instanceof ListNode l) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < l.items().size(); i++) {
          out.add(value(l.items().get(i), field + "[" + i + "]"));
        }
        return List.copyOf(out);
      }
      MapNode map = (MapNode) node;
      Map<String, Object> out = new LinkedHashMap<>();
      for (Entry e : map.entries().values()) {
        out.put(e.key(), value(e.value(), join(field, e.key())));
      }
      return java.util.Collections.unmodifiableMap(out);
    }

    private Severity severity(PolicyNode node, String field) throws PolicyException {
      String value = string(node, field);
      try {
        return Severity.parse(value);
      } catch (IllegalArgumentException e) {
        throw error(node, field, e.getMessage());
      }
    }

    private void rule(String rule, int line, int column, String field) throws PolicyException {
      if (!RULE.matcher(rule).matches()) {
        throw new PolicyException(file, line, column, field, "\"" + rule
            + "\" is not a rule id or glob (lower case area.name, '*' for any characters, e.g. tools.*)", null);
      }
    }

    private String string(PolicyNode node, String field) throws PolicyException {
      if (node instanceof ScalarNode s && s.value() instanceof String str) {
        return str;
      }
      throw error(node, field, "is " + node.kind() + "; expected a string");
    }

    private MapNode map(PolicyNode node, String field) throws PolicyException {
      if (node instanceof MapNode m) {
        return m;
      }
      throw error(node, field, "is " + node.kind() + "; expected a mapping");
    }

    private List<Item> items(PolicyNode node, String field) throws PolicyException {
      if (!(node instanceof ListNode l)) {
        throw error(node, field, "is " + node.kind() + "; expected a list");
      }
      List<Item> out = new ArrayList<>();
      for (int i = 0; i < l.items().size(); i++) {
        out.add(new Item(l.items().get(i), field + "[" + i + "]"));
      }
      return out;
    }

    private PolicyException error(PolicyNode node, String field, String problem) {
      return new PolicyException(file, node.line(), node.column(), field, problem, null);
    }

    private PolicyException unknownKey(Entry e, String field, List<String> known) {
      String hint = closest(e.key(), known).map(k -> " (did you mean " + k + "?)").orElse("");
      return new PolicyException(file, e.line(), e.column(), field, "unknown key \"" + e.key() + "\"" + hint
          + "; expected one of " + String.join(", ", known), null);
    }
  }

  private record Item(PolicyNode node, String field) {}

  /** The known key nearest to a misspelt one (edit distance at most 2, ignoring case), for hints. */
  private static Optional<String> closest(String key, List<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2 || a.length() > 64 || b.length() > 64) {
      return Integer.MAX_VALUE;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
