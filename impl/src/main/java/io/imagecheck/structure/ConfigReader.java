package io.imagecheck.structure;

import io.imagecheck.structure.ConfigNode.Kind;
import io.imagecheck.structure.ConfigNode.ListNode;
import io.imagecheck.structure.ConfigNode.MapNode;
import io.imagecheck.structure.ConfigNode.ScalarNode;
import io.imagecheck.structure.StructureTestConfig.CommandTest;
import io.imagecheck.structure.StructureTestConfig.FileContentTest;
import io.imagecheck.structure.StructureTestConfig.FileExistenceTest;
import io.imagecheck.structure.StructureTestConfig.KeyValue;
import io.imagecheck.structure.StructureTestConfig.LicenseTest;
import io.imagecheck.structure.StructureTestConfig.MetadataTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Turns the parsed nodes of one config into a {@link StructureTestConfig}, checking every key against
 * container-structure-test's fields, every value's type, required fields and regular expressions.
 */
final class ConfigReader {

  private static final List<String> TOP = List.of("schemaVersion", "globalEnvVars", "commandTests",
      "fileExistenceTests", "fileContentTests", "metadataTest", "licenseTests", "containerRunOptions");
  private static final List<String> EXISTENCE = List.of("name", "path", "shouldExist", "permissions", "uid", "gid",
      "isExecutableBy");
  private static final List<String> CONTENT = List.of("name", "path", "expectedContents", "excludedContents");
  private static final List<String> METADATA = List.of("env", "envVars", "unboundEnv", "unboundEnvVars", "labels",
      "entrypoint", "cmd", "workdir", "user", "exposedPorts", "unexposedPorts", "volumes", "unmountedVolumes");
  private static final List<String> KEY_VALUE = List.of("key", "value", "isRegex");
  private static final List<String> LICENSE = List.of("debian", "files");
  private static final List<String> COMMAND = List.of("name", "setup", "teardown", "command", "args", "envVars",
      "expectedOutput", "excludedOutput", "expectedError", "excludedError", "exitCode");
  private static final List<String> RUN_OPTIONS = List.of("user", "privileged", "allocateTty", "envFile", "envVars",
      "capabilities", "bindMounts", "network");
  private static final Set<String> EXECUTABLE_BY = Set.of("owner", "group", "other", "any");

  private final String file;

  ConfigReader(String file) {
    this.file = file;
  }

  StructureTestConfig read(ConfigNode root) throws StructureTestException {
    MapNode top = map(root, "");
    checkKeys(top, "", TOP);
    ConfigNode version = top.entries().get("schemaVersion");
    if (version == null) {
      throw error(top, "", "schemaVersion is required; expected \"" + StructureTestConfig.SCHEMA_VERSION + "\"");
    }
    String schemaVersion = string(version, "schemaVersion");
    if (!schemaVersion.equals(StructureTestConfig.SCHEMA_VERSION)) {
      throw error(version, "schemaVersion", "unsupported schema version \"" + Texts.printable(schemaVersion, 40)
          + "\"; only " + StructureTestConfig.SCHEMA_VERSION + " is read");
    }
    List<String> ignored = new ArrayList<>();
    ConfigNode global = present(top, "globalEnvVars");
    if (global != null) {
      keyValues(global, "globalEnvVars", false);
      ignored.add("globalEnvVars");
    }
    ConfigNode runOptions = present(top, "containerRunOptions");
    if (runOptions != null) {
      checkKeys(map(runOptions, "containerRunOptions"), "containerRunOptions", RUN_OPTIONS);
      ignored.add("containerRunOptions");
    }

    List<FileExistenceTest> existence = new ArrayList<>();
    List<ConfigNode> items = list(top, "fileExistenceTests");
    for (int i = 0; i < items.size(); i++) {
      existence.add(existenceTest(items.get(i), "fileExistenceTests[" + i + "]"));
    }
    List<FileContentTest> content = new ArrayList<>();
    items = list(top, "fileContentTests");
    for (int i = 0; i < items.size(); i++) {
      content.add(contentTest(items.get(i), "fileContentTests[" + i + "]"));
    }
    MetadataTest metadata = null;
    ConfigNode m = present(top, "metadataTest");
    if (m != null) {
      metadata = metadataTest(m, "metadataTest");
    }
    List<LicenseTest> licenses = new ArrayList<>();
    items = list(top, "licenseTests");
    for (int i = 0; i < items.size(); i++) {
      licenses.add(licenseTest(items.get(i), "licenseTests[" + i + "]"));
    }
    List<CommandTest> commands = new ArrayList<>();
    items = list(top, "commandTests");
    for (int i = 0; i < items.size(); i++) {
      commands.add(commandTest(items.get(i), "commandTests[" + i + "]"));
    }
    return new StructureTestConfig(file, schemaVersion, existence, content,
        Optional.ofNullable(metadata).filter(x -> !x.isEmpty()), licenses, commands, ignored);
  }

  private FileExistenceTest existenceTest(ConfigNode node, String at) throws StructureTestException {
    MapNode m = map(node, at);
    checkKeys(m, at, EXISTENCE);
    String name = requiredString(m, at, "name");
    String path = requiredString(m, at, "path");
    ConfigNode should = present(m, "shouldExist");
    boolean shouldExist = should == null || bool(should, at + ".shouldExist");
    String permissions = optionalString(m, at, "permissions");
    if (permissions != null && !permissions.isEmpty() && !FileModes.isModeString(permissions)) {
      throw error(m.entries().get("permissions"), at + ".permissions", "\"" + Texts.printable(permissions, 40)
          + "\" is not a permission string; expected e.g. -rw-r--r--, drwxr-xr-x or urwxr-xr-x");
    }
    Long uid = optionalId(m, at, "uid");
    Long gid = optionalId(m, at, "gid");
    String executableBy = optionalString(m, at, "isExecutableBy");
    if (executableBy != null && !executableBy.isEmpty() && !EXECUTABLE_BY.contains(executableBy)) {
      throw error(m.entries().get("isExecutableBy"), at + ".isExecutableBy", "\"" + Texts.printable(executableBy, 40)
          + "\" is not one of owner, group, other, any");
    }
    return new FileExistenceTest(name, path, shouldExist, emptyToNull(permissions), uid, gid,
        emptyToNull(executableBy));
  }

  private FileContentTest contentTest(ConfigNode node, String at) throws StructureTestException {
    MapNode m = map(node, at);
    checkKeys(m, at, CONTENT);
    return new FileContentTest(requiredString(m, at, "name"), requiredString(m, at, "path"),
        regexes(m, at, "expectedContents"), regexes(m, at, "excludedContents"));
  }

  private MetadataTest metadataTest(ConfigNode node, String at) throws StructureTestException {
    MapNode m = map(node, at);
    checkKeys(m, at, METADATA);
    List<KeyValue> env = new ArrayList<>();
    for (String key : List.of("env", "envVars")) {
      ConfigNode n = present(m, key);
      if (n != null) {
        env.addAll(keyValues(n, at + "." + key, true));
      }
    }
    List<KeyValue> unbound = new ArrayList<>();
    for (String key : List.of("unboundEnv", "unboundEnvVars")) {
      ConfigNode n = present(m, key);
      if (n != null) {
        unbound.addAll(keyValues(n, at + "." + key, false));
      }
    }
    List<KeyValue> labels = new ArrayList<>();
    ConfigNode l = present(m, "labels");
    if (l != null) {
      labels.addAll(keyValues(l, at + ".labels", true));
    }
    String workdir = optionalString(m, at, "workdir");
    String user = optionalString(m, at, "user");
    List<String> entrypoint = present(m, "entrypoint") == null ? null : strings(m, at, "entrypoint");
    List<String> cmd = present(m, "cmd") == null ? null : strings(m, at, "cmd");
    return new MetadataTest(env, unbound, labels, entrypoint, cmd, workdir == null ? "" : workdir,
        user == null ? "" : user, nonEmptyStrings(m, at, "exposedPorts"), nonEmptyStrings(m, at, "unexposedPorts"),
        nonEmptyStrings(m, at, "volumes"), nonEmptyStrings(m, at, "unmountedVolumes"));
  }

  private LicenseTest licenseTest(ConfigNode node, String at) throws StructureTestException {
    MapNode m = map(node, at);
    checkKeys(m, at, LICENSE);
    ConfigNode debian = present(m, "debian");
    return new LicenseTest(debian != null && bool(debian, at + ".debian"), strings(m, at, "files"));
  }

  private CommandTest commandTest(ConfigNode node, String at) throws StructureTestException {
    MapNode m = map(node, at);
    checkKeys(m, at, COMMAND);
    String name = requiredString(m, at, "name");
    String command = requiredString(m, at, "command");
    for (String key : List.of("expectedOutput", "excludedOutput", "expectedError", "excludedError")) {
      strings(m, at, key);
    }
    ConfigNode exit = present(m, "exitCode");
    if (exit != null) {
      integer(exit, at + ".exitCode");
    }
    for (String key : List.of("setup", "teardown")) {
      ConfigNode steps = present(m, key);
      if (steps == null) {
        continue;
      }
      List<ConfigNode> outer = list(steps, at + "." + key);
      for (int i = 0; i < outer.size(); i++) {
        for (ConfigNode word : list(outer.get(i), at + "." + key + "[" + i + "]")) {
          string(word, at + "." + key + "[" + i + "]");
        }
      }
    }
    ConfigNode env = present(m, "envVars");
    if (env != null) {
      keyValues(env, at + ".envVars", false);
    }
    return new CommandTest(name, command, strings(m, at, "args"));
  }

  private List<KeyValue> keyValues(ConfigNode node, String at, boolean valueCounts) throws StructureTestException {
    List<ConfigNode> items = list(node, at);
    List<KeyValue> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String here = at + "[" + i + "]";
      MapNode m = map(items.get(i), here);
      checkKeys(m, here, KEY_VALUE);
      String key = requiredString(m, here, "key");
      String value = optionalString(m, here, "value");
      ConfigNode regex = present(m, "isRegex");
      boolean isRegex = regex != null && bool(regex, here + ".isRegex");
      if (isRegex && valueCounts) {
        compile(value == null ? "" : value, m.entries().get("value"), here + ".value");
      }
      out.add(new KeyValue(key, value == null ? "" : value, isRegex));
    }
    return out;
  }

  private List<String> regexes(MapNode m, String at, String key) throws StructureTestException {
    List<String> values = strings(m, at, key);
    List<ConfigNode> nodes = list(m, key);
    for (int i = 0; i < values.size(); i++) {
      compile(values.get(i), nodes.get(i), at + "." + key + "[" + i + "]");
    }
    return values;
  }

  private void compile(String regex, @Nullable ConfigNode node, String at) throws StructureTestException {
    try {
      Regexes.compile(regex);
    } catch (PatternSyntaxException e) {
      throw error(node, at, "invalid regular expression \"" + Texts.printable(regex, 80) + "\": "
          + Texts.printable(e.getDescription(), 120));
    }
  }

  // ---- typed access -------------------------------------------------------------------------------------

  private static @Nullable ConfigNode present(MapNode m, String key) {
    ConfigNode n = m.entries().get(key);
    return n instanceof ScalarNode s && s.kind() == Kind.NULL ? null : n;
  }

  private void checkKeys(MapNode m, String at, List<String> known) throws StructureTestException {
    for (Map.Entry<String, ConfigNode> e : m.entries().entrySet()) {
      if (!known.contains(e.getKey())) {
        String suggestion = known.stream().filter(k -> k.equalsIgnoreCase(e.getKey())).findFirst()
            .map(k -> " (did you mean " + k + "?)").orElse("");
        throw new StructureTestException(file, m.keyLines().getOrDefault(e.getKey(), 0), 0, at,
            "unknown field \"" + Texts.printable(e.getKey(), 80) + "\"" + suggestion + "; expected one of "
                + String.join(", ", known), null);
      }
    }
  }

  private MapNode map(ConfigNode node, String at) throws StructureTestException {
    if (node instanceof MapNode m) {
      return m;
    }
    throw error(node, at, "expected a mapping, got " + node.describe());
  }

  private List<ConfigNode> list(MapNode m, String key) throws StructureTestException {
    ConfigNode n = present(m, key);
    return n == null ? List.of() : list(n, key);
  }

  private List<ConfigNode> list(ConfigNode node, String at) throws StructureTestException {
    if (node instanceof ListNode l) {
      return l.items();
    }
    throw error(node, at, "expected a list, got " + node.describe());
  }

  private String string(ConfigNode node, String at) throws StructureTestException {
    // Like Go's YAML decoder, any scalar reads into a string field (ports are often written as numbers).
    if (node instanceof ScalarNode s && s.kind() != Kind.NULL) {
      return s.text();
    }
    throw error(node, at, "expected a string, got " + node.describe());
  }

  private String requiredString(MapNode m, String at, String key) throws StructureTestException {
    ConfigNode n = present(m, key);
    if (n == null) {
      throw error(m, at, key + " is required");
    }
    String s = string(n, at + "." + key);
    if (s.isEmpty()) {
      throw error(n, at + "." + key, key + " must not be empty");
    }
    return s;
  }

  private @Nullable String optionalString(MapNode m, String at, String key) throws StructureTestException {
    ConfigNode n = present(m, key);
    return n == null ? null : string(n, at + "." + key);
  }

  private List<String> strings(MapNode m, String at, String key) throws StructureTestException {
    List<String> out = new ArrayList<>();
    List<ConfigNode> items = list(m, key);
    for (int i = 0; i < items.size(); i++) {
      out.add(string(items.get(i), at + "." + key + "[" + i + "]"));
    }
    return out;
  }

  private List<String> nonEmptyStrings(MapNode m, String at, String key) throws StructureTestException {
    List<String> out = strings(m, at, key);
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).isEmpty()) {
        throw error(list(m, key).get(i), at + "." + key + "[" + i + "]", "must not be empty");
      }
    }
    return out;
  }

  private boolean bool(ConfigNode node, String at) throws StructureTestException {
    if (node instanceof ScalarNode s && s.kind() == Kind.BOOLEAN) {
      return Boolean.parseBoolean(s.text());
    }
    throw error(node, at, "expected true or false, got " + node.describe());
  }

  private long integer(ConfigNode node, String at) throws StructureTestException {
    if (node instanceof ScalarNode s && s.kind() == Kind.INTEGER) {
      try {
        return Long.parseLong(s.text());
      } catch (NumberFormatException e) {
        throw error(node, at, "integer out of range: " + Texts.printable(s.text(), 40));
      }
    }
    throw error(node, at, "expected an integer, got " + node.describe());
  }

  private @Nullable Long optionalId(MapNode m, String at, String key) throws StructureTestException {
    ConfigNode n = present(m, key);
    if (n == null) {
      return null;
    }
    long v = integer(n, at + "." + key);
    // container-structure-test's "not set" marker is -1.
    if (v == -1) {
      return null;
    }
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw error(n, at + "." + key, "expected an id from 0 to 4294967295, got " + v);
    }
    return v;
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private StructureTestException error(@Nullable ConfigNode node, String at, String problem) {
    return new StructureTestException(file, node == null ? 0 : node.line(), node == null ? 0 : node.column(), at,
        problem, null);
  }
}
