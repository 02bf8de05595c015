package io.imagecheck.inspectors.secrets;

import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.ContentVisitor;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.LayerChanges;
import io.imagecheck.fs.Origin;
import io.imagecheck.fs.PathGlob;
import io.imagecheck.fs.Visit;
import io.imagecheck.image.HistoryEntry;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import io.imagecheck.inspectors.history.HistorySteps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Looks for secrets shipped in an image.
 *
 * <ul>
 *   <li>{@code secrets.private-key} (CRITICAL): a complete PEM private-key block ({@code RSA},
 *       {@code EC}, {@code DSA}, {@code OPENSSH}, PKCS#8, {@code ENCRYPTED}, {@code PGP PRIVATE KEY
 *       BLOCK}, ...: a BEGIN line, a real-looking base64 body and the matching END line, also inside
 *       JSON strings) or a PuTTY key file, in any regular file of up to {@value #MAX_FILE_BYTES}
 *       bytes of <em>any</em> layer. This covers {@code id_rsa}, {@code id_ed25519}, {@code *.pem},
 *       {@code *.key} and SSH host keys by content rather than by name.
 *   <li>{@code secrets.credentials-file} (HIGH): {@code .aws/credentials} with
 *       {@code aws_secret_access_key} (or a session token), {@code .docker/config.json} (or a legacy
 *       {@code .dockercfg}) with a non-empty {@code auths.*.auth} or {@code identitytoken},
 *       {@code .netrc} with a {@code password}, {@code .npmrc} (and {@code /etc/npmrc}) with
 *       {@code _authToken}, {@code _auth} or {@code _password} (not a {@code ${VAR}} reference),
 *       {@code .pypirc} with a {@code password}, a Git credential store ({@code .git-credentials},
 *       {@code .config/git/credentials}) with a password, and Google Cloud service account keys
 *       (any {@code *.json} with {@code "type": "service_account"} and a {@code private_key}).
 *   <li>{@code secrets.token} (HIGH): high-confidence token shapes in file content: an AWS access
 *       key id ({@code AKIA}/{@code ASIA} + 16) with a 40-character secret access key within 1,000
 *       characters, GitHub tokens ({@code gh[pousr]_} + 36 or more, {@code github_pat_}), Slack
 *       tokens ({@code xox[baprs]-} with numeric ids), npm tokens ({@code npm_} + 36) and PyPI
 *       tokens. Placeholders ({@code EXAMPLE}, {@code xxxx}, repeated characters) are skipped.
 *   <li>{@code secrets.env} (HIGH): config {@code ENV} names that look secret with a value that is
 *       not a placeholder; see {@link EnvNames} for the names and the built-in allowlist
 *       ({@code GPG_KEY}, {@code *_KEY_URL}, {@code *_PASSWORD_FILE}, ...) and {@link SecretValues}
 *       for the values treated as placeholders (empty, {@code ${VAR}}, flags, paths, ...).
 *   <li>{@code secrets.build-arg} (HIGH): the same check on build arguments that Docker, BuildKit and
 *       buildah record in the history of {@code RUN} steps ({@code |1 NPM_TOKEN=... /bin/sh -c ...}).
 * </ul>
 *
 * <p>Every layer is read, because a file deleted by a later layer is still shipped: such a finding
 * says so ("removed in layer 4, but still shipped in layer 2") and its origin is the layer that holds
 * the file. One finding is reported per path and kind; when a copy is in the final tree that copy is
 * the one reported, other layers holding it are listed in the {@code alsoInLayers} evidence.
 *
 * <p><b>Values are never reported.</b> Evidence holds a masked hint only: the key type and block size
 * for keys, the first four characters and the length of values of 16 characters or more, the length
 * alone for shorter values.
 *
 * <p><b>Allowlists.</b> Hits in the test suites and documentation that runtimes and third-party
 * packages install (CPython's {@code Lib/test}, Go's {@code src}, {@code node_modules/**&#47;test},
 * gems' {@code spec}, {@code /usr/share/doc} ...: see {@link KnownTestData}) are not findings; they are
 * listed in the {@code allowlisted} fact with the reason.
 *
 * <p><b>Options</b> (policy {@code options.secrets}):
 * <ul>
 *   <li>{@code allowPaths}: a list of path globs ({@link PathGlob}) whose file hits are not findings
 *       (listed in {@code allowlisted} with reason {@code allowPaths}).
 *   <li>{@code allowEnv}: a list of environment variable and build argument names ({@code *} matches any
 *       characters) that are not findings.
 * </ul>
 *
 * <p><b>Facts:</b>
 * <ul>
 *   <li>{@code secrets}: one map per secret and copy: {@code kind} (e.g. {@code private-key},
 *       {@code aws-credentials}, {@code github-token}, {@code env}, {@code build-arg}), {@code rule},
 *       {@code description}, {@code hint}; for files {@code path}, {@code layer} (the layer number,
 *       from 1), {@code stillInFinalTree} and {@code count}; for variables {@code name}.
 *   <li>{@code allowlisted}: the hits skipped by an allowlist: {@code kind}, {@code path},
 *       {@code layer}, {@code reason}.
 *   <li>{@code scannedFileLimit}: the size cap of the content scan, {@value #MAX_FILE_BYTES}.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class SecretsInspector implements Inspector {

  /** The inspector id. */
  public static final String ID = "secrets";
  /** Rule id: a private key in a file. */
  public static final String PRIVATE_KEY = SecretPatterns.PRIVATE_KEY;
  /** Rule id: a credential file with a secret. */
  public static final String CREDENTIALS_FILE = SecretPatterns.CREDENTIALS_FILE;
  /** Rule id: a high-confidence token in a file. */
  public static final String TOKEN = SecretPatterns.TOKEN;
  /** Rule id: a secret-looking config environment variable. */
  public static final String ENV = "secrets.env";
  /** Rule id: a secret-looking build argument recorded in the history. */
  public static final String BUILD_ARG = "secrets.build-arg";
  /** The largest file whose content is scanned: 1 MiB (keys and credential files are far smaller). */
  public static final long MAX_FILE_BYTES = 1L << 20;

  private static final ContentVisitor<List<SecretHit>> VISITOR = new SecretsVisitor();
  private static final Pattern BUILD_ARGS = Pattern.compile("^(?:RUN )?\\|(\\d{1,3}) (.*)$", Pattern.DOTALL);
  private static final Pattern BUILD_ARG_WORD = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);

  private static final List<Rule> RULES = List.of(
      new Rule(PRIVATE_KEY, Severity.CRITICAL, "Image contains a private key",
          "A file in some layer of the image holds a complete private key (PEM block, OpenSSH or PuTTY key). "
              + "Anyone who can pull the image can read it, also when a later layer deleted the file.",
          "Remove the key from the build context and inject it at run time (a mounted secret); if it was "
              + "deleted in a later layer, rebuild so that no layer contains it, and rotate the key."),
      new Rule(CREDENTIALS_FILE, Severity.HIGH, "Image contains a credentials file",
          "A well-known credentials file (.aws/credentials, .docker/config.json, .netrc, .npmrc, .pypirc, "
              + ".git-credentials, a Google Cloud service account key) holds a secret in some layer.",
          "Use build secrets (RUN --mount=type=secret) instead of copying credential files, rebuild without "
              + "them, and rotate the credentials."),
      new Rule(TOKEN, Severity.HIGH, "Image contains an access token",
          "A file in some layer holds a token with a well-known shape: an AWS access key with its secret, a "
              + "GitHub, Slack, npm or PyPI token.",
          "Remove the token from the image, rebuild, and revoke the token."),
      new Rule(ENV, Severity.HIGH, "Image config sets a secret in an environment variable",
          "An ENV variable whose name looks secret (PASSWORD, SECRET, TOKEN, *_KEY, API_KEY, ...) has a value in "
              + "the image config, which anyone who can pull the image can read.",
          "Pass the value at run time (environment of the container, a mounted secret) instead of baking it in; "
              + "rotate it. If the name is a false positive, list it in the secrets option allowEnv."),
      new Rule(BUILD_ARG, Severity.HIGH, "Image history records a secret build argument",
          "A RUN step's history records a build argument whose name looks secret with its value (Docker, "
              + "BuildKit and buildah write them as |N NAME=value before the command).",
          "Use build secrets (RUN --mount=type=secret) instead of ARG for secrets, rebuild, and rotate the value."));

  /** Creates the inspector. */
  public SecretsInspector() {
    // stateless
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Private keys, credential files and tokens in any layer's files, and secret-looking ENV variables "
        + "and build arguments; values are never reported.";
  }

  @Override
  public List<Rule> rules() {
    return RULES;
  }

  @Override
  public ContentNeeds contentNeeds() {
    return new ContentNeeds(List.of(), List.of(VISITOR), false);
  }

  @Override
  public InspectorResult inspect(InspectionContext context) {
    List<PathGlob> allowPaths = stringList(context.options(), "allowPaths").stream().map(PathGlob::of).toList();
    List<Pattern> allowEnv = stringList(context.options(), "allowEnv").stream().map(SecretsInspector::nameGlob)
        .toList();
    List<Finding> findings = new ArrayList<>();
    List<Map<String, Object>> secrets = new ArrayList<>();
    List<Map<String, Object>> allowlisted = new ArrayList<>();
    fileSecrets(context.fileSystem(), allowPaths, findings, secrets, allowlisted);
    envSecrets(context, allowEnv, findings, secrets);
    buildArgSecrets(context, allowEnv, findings, secrets);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("secrets", secrets);
    facts.put("allowlisted", allowlisted);
    facts.put("scannedFileLimit", MAX_FILE_BYTES);
    return InspectorResult.of(ID, facts, findings);
  }

  /** One hit in one layer's copy of a file. */
  private record Occurrence(FileEntry entry, SecretHit hit, boolean inFinalTree) {}

  private static void fileSecrets(FileSystemView fs, List<PathGlob> allowPaths, List<Finding> findings,
      List<Map<String, Object>> secrets, List<Map<String, Object>> allowlisted) {
    // Group the copies of each (path, kind), in layer order.
    Map<String, List<Occurrence>> groups = new LinkedHashMap<>();
    for (Visit<List<SecretHit>> v : fs.visits(VISITOR)) {
      boolean inFinal = inFinalTree(fs, v.entry());
      for (SecretHit hit : v.result()) {
        groups.computeIfAbsent(v.entry().path() + "\u0000" + hit.kind(), k -> new ArrayList<>())
            .add(new Occurrence(v.entry(), hit, inFinal));
      }
    }
    for (List<Occurrence> group : groups.values()) {
      String path = group.get(0).entry().path();
      String kind = group.get(0).hit().kind();
      Optional<String> reason = allowPaths.stream().anyMatch(g -> g.matches(path))
          ? Optional.of("allowPaths") : KnownTestData.reason(path);
      if (reason.isPresent()) {
        for (Occurrence o : group) {
          Map<String, Object> a = new LinkedHashMap<>();
          a.put("kind", kind);
          a.put("path", path);
          a.put("layer", o.entry().origin().layerNumber());
          a.put("reason", reason.get());
          allowlisted.add(a);
        }
        continue;
      }
      for (Occurrence o : group) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", kind);
        s.put("rule", o.hit().ruleId());
        s.put("description", o.hit().description());
        s.put("path", path);
        s.put("layer", o.entry().origin().layerNumber());
        s.put("stillInFinalTree", o.inFinalTree());
        s.put("hint", o.hit().hint());
        s.put("count", o.hit().count());
        secrets.add(s);
      }
      findings.add(fileFinding(fs, group));
    }
  }

  private static Finding fileFinding(FileSystemView fs, List<Occurrence> group) {
    Occurrence chosen = group.stream().filter(Occurrence::inFinalTree).findFirst().orElse(group.get(0));
    SecretHit hit = chosen.hit();
    String path = chosen.entry().path();
    Origin origin = chosen.entry().origin();
    Map<String, String> evidence = new TreeMap<>();
    evidence.put("hint", hit.hint());
    evidence.put("kind", hit.kind());
    evidence.put("layer", Integer.toString(origin.layerNumber()));
    evidence.put("stillInFinalTree", Boolean.toString(chosen.inFinalTree()));
    if (hit.count() > 1) {
      evidence.put("count", Integer.toString(hit.count()));
    }
    String others = group.stream().filter(o -> o != chosen).map(o -> Integer.toString(o.entry().origin().layerNumber()))
        .distinct().collect(Collectors.joining(","));
    if (!others.isEmpty()) {
      evidence.put("alsoInLayers", others);
    }
    String message = hit.description() + " in " + path;
    if (!chosen.inFinalTree()) {
      Fate fate = fate(fs.layerChanges(), path, origin.layerIndex());
      evidence.put(fate.verb() + "InLayer", fate.layerNumber() > 0 ? Integer.toString(fate.layerNumber()) : "?");
      message += fate.layerNumber() > 0
          ? ": " + fate.verb() + " in layer " + fate.layerNumber() + ", but still shipped in layer "
              + origin.layerNumber()
          : ": not in the final tree, but still shipped in layer " + origin.layerNumber();
    }
    return Finding.at(hit.ruleId(), ID, severity(hit.ruleId()), message, path, origin, evidence);
  }

  private static Severity severity(String ruleId) {
    return RULES.stream().filter(r -> r.id().equals(ruleId)).findFirst().orElseThrow().defaultSeverity();
  }

  /** What a later layer did to a file: removed (whiteout, opaque directory) or replaced it. */
  private record Fate(String verb, int layerNumber) {}

  private static Fate fate(List<LayerChanges> changes, String path, int layerIndex) {
    for (LayerChanges c : changes) {
      if (c.layerIndex() <= layerIndex) {
        continue;
      }
      for (FileEntry d : c.deleted()) {
        if (d.path().equals(path)) {
          return new Fate("removed", c.layerIndex() + 1);
        }
      }
      for (FileEntry m : c.modified()) {
        if (m.path().equals(path)) {
          return new Fate("replaced", c.layerIndex() + 1);
        }
      }
    }
    return new Fate("removed", 0);
  }

  /** The final tree holds this very copy: the same literal path, written by the same layer. */
  private static boolean inFinalTree(FileSystemView fs, FileEntry layerEntry) {
    Optional<FileEntry> e = fs.entry(layerEntry.path());
    return e.isPresent() && e.get().path().equals(layerEntry.path()) && e.get().isRegularFile()
        && e.get().origin().layerIndex() == layerEntry.origin().layerIndex();
  }

  private static void envSecrets(InspectionContext context, List<Pattern> allowEnv, List<Finding> findings,
      List<Map<String, Object>> secrets) {
    for (Map.Entry<String, String> e : context.config().envMap().entrySet()) {
      String name = e.getKey();
      String value = e.getValue();
      if (!EnvNames.looksSecret(name) || SecretValues.isPlaceholder(value) || allowed(allowEnv, name)) {
        continue;
      }
      String hint = Masks.hint(value);
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("kind", "env");
      s.put("rule", ENV);
      s.put("description", "secret-looking environment variable");
      s.put("name", name);
      s.put("hint", hint);
      secrets.add(s);
      findings.add(new Finding(ENV, ID, Severity.HIGH,
          "ENV " + name + " has a value that looks secret (" + hint + ") in the image config", Optional.empty(),
          Optional.empty(), Map.of("name", name, "hint", hint)));
    }
  }

  private static void buildArgSecrets(InspectionContext context, List<Pattern> allowEnv, List<Finding> findings,
      List<Map<String, Object>> secrets) {
    List<HistoryEntry> history = context.config().history();
    Map<String, List<Integer>> steps = new LinkedHashMap<>();
    Map<String, String> hints = new LinkedHashMap<>();
    for (int i = 0; i < history.size(); i++) {
      for (Map.Entry<String, String> arg : buildArgs(history.get(i).createdBy()).entrySet()) {
        String name = arg.getKey();
        if (!EnvNames.looksSecret(name) || SecretValues.isPlaceholder(arg.getValue()) || allowed(allowEnv, name)) {
          continue;
        }
        steps.computeIfAbsent(name, k -> new ArrayList<>()).add(i);
        hints.putIfAbsent(name, Masks.hint(arg.getValue()));
      }
    }
    if (steps.isEmpty()) {
      return;
    }
    for (Map.Entry<String, List<Integer>> e : steps.entrySet()) {
      String name = e.getKey();
      int first = e.getValue().get(0);
      String stepList = e.getValue().stream().map(i -> Integer.toString(i + 1)).collect(Collectors.joining(","));
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("kind", "build-arg");
      s.put("rule", BUILD_ARG);
      s.put("description", "secret-looking build argument in the history");
      s.put("name", name);
      s.put("historySteps", stepList);
      s.put("hint", hints.get(name));
      secrets.add(s);
      findings.add(new Finding(BUILD_ARG, ID, Severity.HIGH,
          "build argument " + name + " with a secret-looking value (" + hints.get(name)
              + ") is recorded in history step " + (first + 1)
              + (e.getValue().size() > 1 ? " (and " + (e.getValue().size() - 1) + " more)" : ""),
          Optional.empty(), HistorySteps.origin(context.image(), first),
          Map.of("name", name, "hint", hints.get(name), "historySteps", stepList)));
    }
  }

  /**
   * The build arguments a history command records: Docker, BuildKit and buildah write
   * {@code |2 A=1 B=2 /bin/sh -c ...} (BuildKit prefixes {@code RUN }). Values containing blanks cannot be
   * told apart from the command, so each argument is one blank-free word.
   */
  static Map<String, String> buildArgs(String createdBy) {
    Matcher m = BUILD_ARGS.matcher(createdBy);
    if (!m.matches()) {
      return Map.of();
    }
    int n = Integer.parseInt(m.group(1));
    String[] words = m.group(2).split(" ", n + 1);
    Map<String, String> args = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(n, words.length); i++) {
      Matcher a = BUILD_ARG_WORD.matcher(words[i]);
      if (a.matches()) {
        args.put(a.group(1), a.group(2));
      }
    }
    return args;
  }

  private static boolean allowed(List<Pattern> allow, String name) {
    return allow.stream().anyMatch(p -> p.matcher(name).matches());
  }

  private static Pattern nameGlob(String glob) {
    return Pattern.compile(Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
  }

  /**
   * A string-list option: a list of strings, or a single string.
   *
   * @throws IllegalArgumentException when the option has another shape (a policy mistake)
   */
  static List<String> stringList(Map<String, Object> options, String name) {
    @Nullable Object v = options.get(name);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof Collection<?> c) {
      List<String> out = new ArrayList<>();
      for (Object o : c) {
        if (!(o instanceof String s)) {
          throw new IllegalArgumentException("option " + name + " of inspector " + ID
              + " must be a list of strings, but holds " + o);
        }
        out.add(s);
      }
      return out;
    }
    throw new IllegalArgumentException("option " + name + " of inspector " + ID + " must be a list of strings, got "
        + v);
  }
}
