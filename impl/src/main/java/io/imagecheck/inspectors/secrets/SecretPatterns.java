package io.imagecheck.inspectors.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.fs.ImagePaths;
import io.imagecheck.internal.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in the content of one file: PEM and PuTTY private keys, credential files recognised
 * by their name and checked by their content, and high-confidence tokens. Tuned for precision: a
 * key needs a complete block (BEGIN line, a real-looking base64 body, the matching END line), a
 * credential file needs a non-placeholder value in the field that holds the secret, and a token
 * needs its exact shape (an AWS access key id counts only with a 40-character secret next to it).
 *
 * <p>Thread-safe (stateless).
 */
final class SecretPatterns {

  /** Rule id for private keys. */
  static final String PRIVATE_KEY = "secrets.private-key";
  /** Rule id for credential files. */
  static final String CREDENTIALS_FILE = "secrets.credentials-file";
  /** Rule id for tokens found in file content. */
  static final String TOKEN = "secrets.token";

  /** PEM labels of private keys: {@code RSA PRIVATE KEY}, {@code PGP PRIVATE KEY BLOCK}, ... */
  private static final Pattern PRIVATE_LABEL = Pattern.compile("(?:[A-Z0-9]+ ){0,4}PRIVATE KEY(?: BLOCK)?");
  private static final String BEGIN = "-----BEGIN ";
  /** The longest label looked at, and the farthest an END line is looked for after its BEGIN line. */
  private static final int MAX_LABEL = 64;
  private static final int MAX_BLOCK_CHARS = 256 * 1024;
  /** BEGIN markers looked at per file (bounds the work on hostile content). */
  private static final int MAX_MARKERS = 256;
  /** The smallest real key body (an Ed25519 PKCS#8 key) has more base64 characters than this. */
  static final int MIN_BODY_CHARS = 60;
  /** Placeholder bodies ({@code AAAA...}, {@code MIIE...}) have fewer distinct characters. */
  static final int MIN_BODY_DISTINCT = 20;

  private static final Pattern AWS_KEY_ID = Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])");
  private static final Pattern AWS_SECRET = Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
  /** How far (in characters) from an AWS access key id its secret may be. */
  private static final int AWS_WINDOW = 1000;

  private static final List<TokenShape> TOKENS = List.of(
      new TokenShape("github-token", "GitHub token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
          Pattern.compile("(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{82})"
              + "(?![A-Za-z0-9_])")),
      new TokenShape("slack-token", "Slack token", List.of("xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"),
          Pattern.compile("(?<![A-Za-z0-9-])xox[baprs]-[0-9]{8,}-[0-9A-Za-z][0-9A-Za-z-]{9,}")),
      new TokenShape("npm-token", "npm access token", List.of("npm_"),
          Pattern.compile("(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])")),
      new TokenShape("pypi-token", "PyPI API token", List.of("pypi-AgEIcHlwaS5vcmc"),
          Pattern.compile("(?<![A-Za-z0-9_-])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}")));

  private static final Pattern AWS_CREDENTIAL = Pattern.compile(
      "(?im)^[ \\t]*(aws_secret_access_key|aws_session_token)[ \\t]*=[ \\t]*(\\S+)");
  private static final Pattern PYPIRC_PASSWORD = Pattern.compile("(?im)^[ \\t]*password[ \\t]*[:=][ \\t]*(\\S.*?)[ \\t]*$");
  private static final Pattern GIT_CREDENTIAL = Pattern.compile(
      "(?m)^[ \\t]*[A-Za-z][A-Za-z0-9+.-]*://[^/@\\s:]*:([^@\\s]+)@\\S+");
  private static final Pattern GCP_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"service_account\"");
  private static final Pattern GCP_KEY = Pattern.compile("\"private_key\"\\s*:\\s*\"-----BEGIN");

  private SecretPatterns() {}

  /** A token shape: cheap literal prefixes to look for first, then the exact pattern. */
  private record TokenShape(String kind, String description, List<String> prefixes, Pattern pattern,
      List<PrefixGroup> groups) {

    TokenShape(String kind, String description, List<String> prefixes, Pattern pattern) {
      this(kind, description, prefixes, pattern, PrefixGroup.of(prefixes));
    }
  }

  /**
   * Scans one file.
   *
   * @param path the file's image path (credential files are recognised by name)
   * @param text the file's bytes as ISO-8859-1 characters (one character per byte)
   * @return what was found, at most one hit per kind
   */
  static List<SecretHit> scan(String path, String text) {
    List<SecretHit> hits = new ArrayList<>();
    privateKeys(text).ifPresent(hits::add);
    credentialFile(path, text).ifPresent(hits::add);
    awsKeys(text).ifPresent(hits::add);
    for (TokenShape shape : TOKENS) {
      token(shape, text).ifPresent(hits::add);
    }
    return hits;
  }

  /** Complete PEM private-key blocks and PuTTY key files, summarised in one hit. */
  static Optional<SecretHit> privateKeys(String text) {
    Map<String, Integer> types = new LinkedHashMap<>();
    int chars = 0;
    int from = 0;
    int markers = 0;
    while (markers++ < MAX_MARKERS) {
      int begin = text.indexOf(BEGIN, from);
      if (begin < 0) {
        break;
      }
      int labelStart = begin + BEGIN.length();
      int labelEnd = text.indexOf("-----", labelStart);
      if (labelEnd < 0) {
        break;
      }
      if (labelEnd - labelStart > MAX_LABEL) {
        from = labelStart;
        continue;
      }
      String label = text.substring(labelStart, labelEnd);
      // Certificates, public keys and the like are the common case: skip them before the pattern.
      if (!(label.endsWith("PRIVATE KEY") || label.endsWith("PRIVATE KEY BLOCK"))
          || !PRIVATE_LABEL.matcher(label).matches()) {
        from = labelEnd;
        continue;
      }
      String end = "-----END " + label + "-----";
      int bodyStart = labelEnd + 5;
      int endAt = indexWithin(text, end, bodyStart, MAX_BLOCK_CHARS);
      if (endAt < 0) {
        from = bodyStart;
        continue;
      }
      String body = text.substring(bodyStart, endAt);
      if (realKeyBody(body)) {
        types.merge(keyType(label, body), 1, Integer::sum);
        chars += endAt + end.length() - begin;
      }
      from = endAt + end.length();
    }
    if (text.contains("PuTTY-User-Key-File-") && text.contains("Private-Lines:")) {
      types.merge("PuTTY", 1, Integer::sum);
    }
    if (types.isEmpty()) {
      return Optional.empty();
    }
    int count = types.values().stream().mapToInt(Integer::intValue).sum();
    String description = count == 1
        ? types.keySet().iterator().next() + " private key"
        : count + " private keys (" + String.join(", ", types.keySet()) + ")";
    String hint = chars > 0 ? "PEM, " + chars + " characters" : "PuTTY key file";
    return Optional.of(new SecretHit(PRIVATE_KEY, "private-key", description, hint, count));
  }

  private static int indexWithin(String text, String needle, int from, int window) {
    int limit = (int) Math.min((long) text.length(), (long) from + window + needle.length());
    int at = text.indexOf(needle, from);
    return at >= 0 && at + needle.length() <= limit ? at : -1;
  }

  /**
   * Tells whether the text between a BEGIN and an END line is a real key: optional RFC 1421 or
   * OpenPGP armor headers, then only base64 (line breaks may be written as {@code \n} escapes, as in
   * JSON), long enough and varied enough not to be a placeholder such as {@code MIIE...}.
   */
  static boolean realKeyBody(String body) {
    String unescaped = body.replace("\\r", "\n").replace("\\n", "\n");
    int base64 = 0;
    boolean[] seen = new boolean[128];
    int distinct = 0;
    for (String line : unescaped.split("[\r\n]+")) {
      String t = line.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (base64 == 0 && t.indexOf(':') > 0) {
        continue; // an armor header such as Proc-Type: 4,ENCRYPTED or Version: GnuPG v2
      }
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (!isBase64(c)) {
          return false;
        }
        base64++;
        if (!seen[c]) {
          seen[c] = true;
          distinct++;
        }
      }
    }
    return base64 >= MIN_BODY_CHARS && distinct >= MIN_BODY_DISTINCT;
  }

  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
        || c == '=';
  }

  private static String keyType(String label, String body) {
    String prefix = label.replaceFirst(" ?PRIVATE KEY(?: BLOCK)?$", "");
    boolean encrypted = prefix.contains("ENCRYPTED") || body.contains("Proc-Type: 4,ENCRYPTED");
    String type = prefix.replace("ENCRYPTED", "").strip();
    if (type.isEmpty()) {
      type = "PKCS#8";
    } else if (type.equals("OPENSSH")) {
      type = "OpenSSH";
    }
    return encrypted ? "encrypted " + type : type;
  }

  /** Credential files recognised by name, reported when the field holding the secret has a value. */
  static Optional<SecretHit> credentialFile(String path, String text) {
    String name = ImagePaths.name(path);
    String parentPath = ImagePaths.parent(path);
    String parent = ImagePaths.name(parentPath);
    if (name.equals("credentials") && parent.equals(".aws")) {
      return awsCredentials(text);
    }
    if ((name.equals("config.json") && parent.equals(".docker")) || name.equals(".dockercfg")) {
      return dockerConfig(text);
    }
    if (name.equals(".netrc") || name.equals("_netrc")) {
      return netrc(text);
    }
    if (name.equals(".npmrc") || path.endsWith("/etc/npmrc")) {
      return npmrc(text);
    }
    if (name.equals(".pypirc")) {
      return valueHit(PYPIRC_PASSWORD, 1, text, "pypirc", ".pypirc with a password", "password");
    }
    if (name.equals(".git-credentials")
        || (name.equals("credentials") && parent.equals("git") && ImagePaths.name(ImagePaths.parent(parentPath))
            .equals(".config"))) {
      return valueHit(GIT_CREDENTIAL, 1, text, "git-credentials", "Git credential store with a password",
          "password");
    }
    if (name.endsWith(".json") && text.contains("service_account") && GCP_TYPE.matcher(text).find()
        && GCP_KEY.matcher(text).find()) {
      return Optional.of(new SecretHit(CREDENTIALS_FILE, "gcp-service-account", "Google Cloud service account key",
          "service_account JSON with private_key", 1));
    }
    return Optional.empty();
  }

  private static Optional<SecretHit> awsCredentials(String text) {
    Matcher m = AWS_CREDENTIAL.matcher(text);
    int count = 0;
    String hint = "";
    while (m.find()) {
      String value = m.group(2);
      if (!SecretValues.isPlaceholder(value)) {
        if (count == 0) {
          hint = m.group(1).toLowerCase(Locale.ROOT) + " " + Masks.hint(SecretValues.unquote(value));
        }
        count++;
      }
    }
    return count == 0 ? Optional.empty()
        : Optional.of(new SecretHit(CREDENTIALS_FILE, "aws-credentials", "AWS credentials file with a secret access key",
            hint, count));
  }

  private static Optional<SecretHit> valueHit(Pattern p, int group, String text, String kind, String description,
      String field) {
    Matcher m = p.matcher(text);
    int count = 0;
    String hint = "";
    while (m.find()) {
      String value = m.group(group);
      if (!SecretValues.isPlaceholder(value)) {
        if (count == 0) {
          hint = field + " " + Masks.hint(SecretValues.unquote(value.strip()));
        }
        count++;
      }
    }
    return count == 0 ? Optional.empty() : Optional.of(new SecretHit(CREDENTIALS_FILE, kind, description, hint, count));
  }

  private static Optional<SecretHit> netrc(String text) {
    String[] tokens = text.split("\\s+");
    int count = 0;
    String hint = "";
    for (int i = 0; i + 1 < tokens.length; i++) {
      if (tokens[i].equals("password") && !SecretValues.isPlaceholder(tokens[i + 1])) {
        if (count == 0) {
          hint = "password " + Masks.hint(SecretValues.unquote(tokens[i + 1]));
        }
        count++;
      }
    }
    return count == 0 ? Optional.empty()
        : Optional.of(new SecretHit(CREDENTIALS_FILE, "netrc", ".netrc with a password", hint, count));
  }

  private static Optional<SecretHit> npmrc(String text) {
    int count = 0;
    String hint = "";
    for (String line : text.split("\r?\n")) {
      String t = line.strip();
      if (t.startsWith("#") || t.startsWith(";")) {
        continue;
      }
      int eq = t.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = t.substring(0, eq).strip();
      String value = t.substring(eq + 1).strip();
      String field = key.substring(key.lastIndexOf(':') + 1);
      if ((field.equals("_authToken") || field.equals("_auth") || field.equals("_password"))
          && !SecretValues.isPlaceholder(value)) {
        if (count == 0) {
          hint = field + " " + Masks.hint(SecretValues.unquote(value));
        }
        count++;
      }
    }
    return count == 0 ? Optional.empty()
        : Optional.of(new SecretHit(CREDENTIALS_FILE, "npmrc", ".npmrc with a registry credential", hint, count));
  }

  private static Optional<SecretHit> dockerConfig(String text) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(text);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // not JSON: not a credential docker can use either
    }
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    // config.json keeps registries under "auths"; the legacy .dockercfg keeps them at the top level.
    JsonNode auths = root.has("auths") ? root.get("auths") : root;
    TreeSet<String> registries = new TreeSet<>();
    if (auths.isObject()) {
      auths.fields().forEachRemaining(e -> {
        JsonNode v = e.getValue();
        if (v.isObject() && (nonEmpty(v, "auth") || nonEmpty(v, "identitytoken") || nonEmpty(v, "registrytoken")
            || nonEmpty(v, "password"))) {
          registries.add(e.getKey());
        }
      });
    }
    if (root.has("auths") && nonEmpty(root, "identitytoken")) {
      registries.add("(identitytoken)");
    }
    if (registries.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SecretHit(CREDENTIALS_FILE, "docker-config", "Docker config with registry credentials",
        "credentials for " + String.join(", ", registries), registries.size()));
  }

  private static boolean nonEmpty(JsonNode object, String field) {
    JsonNode v = object.get(field);
    return v != null && v.isTextual() && !SecretValues.isPlaceholder(v.asText());
  }

  /** An AWS access key id with a 40-character secret access key near it. */
  static Optional<SecretHit> awsKeys(String text) {
    if (!mayHaveAwsKeyId(text)) {
      return Optional.empty();
    }
    Matcher id = AWS_KEY_ID.matcher(text);
    int count = 0;
    String hint = "";
    while (id.find()) {
      if (id.group().contains("EXAMPLE")) {
        continue;
      }
      int from = Math.max(0, id.start() - AWS_WINDOW);
      int to = Math.min(text.length(), id.end() + AWS_WINDOW);
      Matcher secret = AWS_SECRET.matcher(text).region(from, to);
      boolean paired = false;
      while (secret.find()) {
        String s = secret.group();
        if (!s.contains("EXAMPLE") && mixed(s)) {
          paired = true;
          break;
        }
      }
      if (paired) {
        if (count == 0) {
          hint = id.group().substring(0, 4) + "\u2026 (access key id and a 40-character secret)";
        }
        count++;
      }
    }
    return count == 0 ? Optional.empty()
        : Optional.of(new SecretHit(TOKEN, "aws-access-key", "AWS access key with its secret", hint, count));
  }

  private static boolean mixed(String s) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
      digit |= c >= '0' && c <= '9';
    }
    return lower && upper && digit;
  }

  private static Optional<SecretHit> token(TokenShape shape, String text) {
    if (!PrefixGroup.foundIn(text, shape.groups())) {
      return Optional.empty();
    }
    Matcher m = shape.pattern().matcher(text);
    int count = 0;
    String hint = "";
    while (m.find()) {
      String token = m.group();
      if (looksRandom(token)) {
        if (count == 0) {
          hint = Masks.hint(token);
        }
        count++;
      }
    }
    return count == 0 ? Optional.empty()
        : Optional.of(new SecretHit(TOKEN, shape.kind(), shape.description(), hint, count));
  }

  /**
   * Tells whether the text contains one of the prefixes, scanning it once per group of prefixes that
   * share their first two characters ({@code ghp_}, {@code gho_}, ... are one scan for {@code gh})
   * rather than once per prefix: every file of every layer goes through here, and each scan of a
   * large binary costs as much as the rest of the check.
   */
  static boolean containsAnyPrefix(String text, List<String> prefixes) {
    return PrefixGroup.foundIn(text, PrefixGroup.of(prefixes));
  }

  /**
   * Prefixes that share their first two characters, found by scanning for their common prefix.
   *
   * @param common the prefixes' common prefix (at least two characters, or the one prefix)
   * @param prefixes the prefixes
   */
  private record PrefixGroup(String common, List<String> prefixes) {

    static List<PrefixGroup> of(List<String> prefixes) {
      List<PrefixGroup> groups = new ArrayList<>();
      List<String> done = new ArrayList<>();
      for (String p : prefixes) {
        if (done.contains(p)) {
          continue;
        }
        String stem = p.length() < 2 ? p : p.substring(0, 2);
        List<String> group = new ArrayList<>();
        for (String q : prefixes) {
          if (q.startsWith(stem) && !done.contains(q)) {
            group.add(q);
          }
        }
        done.addAll(group);
        groups.add(new PrefixGroup(commonPrefix(group), List.copyOf(group)));
      }
      return List.copyOf(groups);
    }

    static boolean foundIn(String text, List<PrefixGroup> groups) {
      for (PrefixGroup g : groups) {
        if (g.foundIn(text)) {
          return true;
        }
      }
      return false;
    }

    boolean foundIn(String text) {
      if (prefixes.size() == 1) {
        return text.contains(common);
      }
      for (int i = text.indexOf(common); i >= 0; i = text.indexOf(common, i + 1)) {
        for (String q : prefixes) {
          if (text.startsWith(q, i)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private static String commonPrefix(List<String> strings) {
    String c = strings.get(0);
    for (String s : strings) {
      int n = 0;
      while (n < c.length() && n < s.length() && c.charAt(n) == s.charAt(n)) {
        n++;
      }
      c = c.substring(0, n);
    }
    return c;
  }

  /** {@code text.contains("AKIA") || text.contains("ASIA")} in one scan, for {@code IA}. */
  private static boolean mayHaveAwsKeyId(String text) {
    for (int i = text.indexOf("IA", 2); i >= 0; i = text.indexOf("IA", i + 1)) {
      char k = text.charAt(i - 1);
      if (text.charAt(i - 2) == 'A' && (k == 'K' || k == 'S')) {
        return true;
      }
    }
    return false;
  }

  /** Placeholder tokens repeat characters or say so ({@code ghp_xxxx...}, {@code ...EXAMPLE...}). */
  private static boolean looksRandom(String token) {
    String upper = token.toUpperCase(Locale.ROOT);
    if (upper.contains("XXXX") || upper.contains("EXAMPLE") || upper.contains("0000000")) {
      return false;
    }
    return SecretValues.distinctCharacters(token) >= 16;
  }
}
