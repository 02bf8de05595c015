package io.imagecheck.sources.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.blob.BoundedReads;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.ImageFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Finds the credentials for a registry the way skopeo and docker do, first match wins:
 *
 * <ol>
 *   <li>credentials given explicitly (per registry host, or per {@code host/namespace} prefix);
 *   <li>with an explicit auth file ({@code --authfile}), that file only;
 *   <li>otherwise {@code $REGISTRY_AUTH_FILE}, {@code $XDG_RUNTIME_DIR/containers/auth.json},
 *       {@code ~/.config/containers/auth.json}, then the Docker config
 *       ({@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}).
 * </ol>
 *
 * <p>In each file, {@code credHelpers[host]} wins, then the most specific {@code auths} entry
 * ({@code host/ns/repo} before {@code host}; {@code auth}, {@code username}/{@code password} or
 * {@code identitytoken}), then {@code credsStore}. Helpers are run as
 * {@code docker-credential-<name> get} found on the {@code PATH} of the given environment, with a
 * timeout; "not found" from a helper means no credentials.
 *
 * <p>Thread-safe; answers are cached per registry and repository.
 */
public final class CredentialStore {

  private static final System.Logger LOG = System.getLogger(CredentialStore.class.getName());
  private static final long MAX_FILE_BYTES = 1 << 20;
  private static final long HELPER_TIMEOUT_SECONDS = 30;
  private static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

  private final Map<String, Credentials> explicit;
  private final @Nullable Path authFile;
  private final Map<String, String> env;
  private final boolean anonymousOnly;
  private final Map<String, Optional<Credentials>> cache = new ConcurrentHashMap<>();

  private CredentialStore(Map<String, Credentials> explicit, @Nullable Path authFile, Map<String, String> env,
      boolean anonymousOnly) {
    this.anonymousOnly = anonymousOnly;
    Map<String, Credentials> m = new LinkedHashMap<>();
    explicit.forEach((k, v) -> m.put(normalizeKey(k), v));
    this.explicit = Map.copyOf(m);
    this.authFile = authFile;
    this.env = Map.copyOf(env);
  }

  /**
   * Creates a store.
   *
   * @param explicit credentials by registry host (or {@code host/namespace} prefix; the key {@code *}
   *     matches every registry, as skopeo's {@code --creds} does for the one registry it talks to)
   * @param authFile an auth file that replaces the default files, or null
   * @param environment the environment to read {@code HOME}, {@code DOCKER_CONFIG},
   *     {@code REGISTRY_AUTH_FILE}, {@code XDG_RUNTIME_DIR} and {@code PATH} from
   * @return the store
   */
  public static CredentialStore create(Map<String, Credentials> explicit, @Nullable Path authFile,
      Map<String, String> environment) {
    return new CredentialStore(Objects.requireNonNull(explicit, "explicit"), authFile,
        Objects.requireNonNull(environment, "environment"), false);
  }

  /**
   * A store that knows no credentials (anonymous access only).
   *
   * @return the store
   */
  public static CredentialStore anonymous() {
    return new CredentialStore(Map.of(), null, Map.of(), true);
  }

  /**
   * Describes a lookup, for error messages.
   *
   * @param registry the registry host
   * @return e.g. {@code look up credentials for localhost:5001}
   */
  public static String describeAction(String registry) {
    return "look up credentials for " + registry;
  }

  /**
   * Finds the credentials for a repository.
   *
   * @param registry the registry host as in references, e.g. {@code docker.io} or {@code localhost:5001}
   * @param repository the repository, e.g. {@code library/alpine}
   * @return the credentials, or empty for anonymous access
   * @throws IOException when a configuration file is malformed or a credential helper fails
   */
  public Optional<Credentials> find(String registry, String repository) throws IOException {
    String key = registry + "/" + repository;
    Optional<Credentials> cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Optional<Credentials> found = lookup(registry, repository);
    cache.put(key, found);
    return found;
  }

  private Optional<Credentials> lookup(String registry, String repository) throws IOException {
    List<String> candidates = candidates(registry, repository);
    for (String c : candidates) {
      Credentials creds = explicit.get(c);
      if (creds != null) {
        return Optional.of(creds);
      }
    }
    Credentials any = explicit.get("*");
    if (any != null) {
      return Optional.of(any);
    }
    if (anonymousOnly) {
      return Optional.empty();
    }
    for (Path file : files()) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Optional<Credentials> c = fromFile(file, registry, candidates);
      if (c.isPresent()) {
        LOG.log(Level.DEBUG, "credentials for {0} from {1}", registry, file);
        return c;
      }
    }
    return Optional.empty();
  }

  private List<Path> files() {
    List<Path> out = new ArrayList<>();
    if (authFile != null) {
      out.add(authFile);
      return out;
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home", ""));
    String raf = env.get("REGISTRY_AUTH_FILE");
    if (raf != null && !raf.isEmpty()) {
      out.add(Path.of(raf));
    }
    String xdg = env.get("XDG_RUNTIME_DIR");
    if (xdg != null && !xdg.isEmpty()) {
      out.add(Path.of(xdg, "containers", "auth.json"));
    }
    if (!home.isEmpty()) {
      out.add(Path.of(home, ".config", "containers", "auth.json"));
    }
    String dockerConfig = env.get("DOCKER_CONFIG");
    if (dockerConfig != null && !dockerConfig.isEmpty()) {
      out.add(Path.of(dockerConfig, "config.json"));
    } else if (!home.isEmpty()) {
      out.add(Path.of(home, ".docker", "config.json"));
    }
    return out;
  }

  private Optional<Credentials> fromFile(Path file, String registry, List<String> candidates) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = BoundedReads.readAll(in, MAX_FILE_BYTES, file.toString(), "auth file", "auth-file-bytes");
      if (bytes.length == 0) {
        return Optional.empty();
      }
      root = Json.readTree(bytes, 16, file.toString(), "auth file");
    }
    if (!root.isObject()) {
      throw new ImageFormatException(file.toString(), "auth file is not a JSON object");
    }
    JsonNode helpers = root.get("credHelpers");
    if (helpers != null && helpers.isObject()) {
      for (String c : candidates) {
        JsonNode h = helpers.get(c);
        if (h != null && h.isTextual() && !h.textValue().isEmpty()) {
          return helper(h.textValue(), registry, file);
        }
      }
    }
    JsonNode auths = root.get("auths");
    if (auths != null && auths.isObject()) {
      Map<String, JsonNode> byKey = new LinkedHashMap<>();
      auths.fields().forEachRemaining(e -> byKey.putIfAbsent(normalizeKey(e.getKey()), e.getValue()));
      for (String c : candidates) {
        JsonNode entry = byKey.get(c);
        if (entry != null) {
          Optional<Credentials> creds = entry(entry, file, c);
          if (creds.isPresent()) {
            return creds;
          }
        }
      }
    }
    JsonNode store = root.get("credsStore");
    if (store != null && store.isTextual() && !store.textValue().isEmpty()) {
      return helper(store.textValue(), registry, file);
    }
    return Optional.empty();
  }

  private static Optional<Credentials> entry(JsonNode entry, Path file, String key) throws ImageFormatException {
    if (!entry.isObject()) {
      throw new ImageFormatException(file.toString(), "auths entry for " + key + " is not an object");
    }
    String identity = entry.path("identitytoken").asText("");
    String auth = entry.path("auth").asText("");
    String user = entry.path("username").asText("");
    String pass = entry.path("password").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new ImageFormatException(file.toString(), "auths entry for " + key + ": \"auth\" is not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        throw new ImageFormatException(file.toString(), "auths entry for " + key
            + ": \"auth\" does not decode to user:password");
      }
      user = decoded.substring(0, colon);
      pass = decoded.substring(colon + 1);
    }
    if (!identity.isEmpty()) {
      return Optional.of(Credentials.identityToken(identity));
    }
    if (user.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Credentials(user, pass));
    } catch (IllegalArgumentException e) {
      throw new ImageFormatException(file.toString(), "auths entry for " + key + ": " + e.getMessage());
    }
  }

  private Optional<Credentials> helper(String name, String registry, Path file) throws IOException {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new ImageFormatException(file.toString(), "credential helper name \"" + name + "\" is not valid");
    }
    String exe = "docker-credential-" + name;
    Path helper = findOnPath(exe).orElseThrow(() -> new ImageFormatException(file.toString(),
        "names the credential helper " + exe + ", which is not on the PATH"));
    String server = registry.equals("docker.io") ? DOCKER_HUB_SERVER : registry;
    ProcessBuilder pb = new ProcessBuilder(helper.toString(), "get");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out;
    try {
      try (OutputStream stdin = p.getOutputStream()) {
        stdin.write(server.getBytes(StandardCharsets.UTF_8));
      }
      try (InputStream stdout = p.getInputStream()) {
        out = BoundedReads.readAll(stdout, 64 * 1024, exe, "credential helper output", "http-error-bytes");
      }
      if (!p.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new ImageFormatException(exe, "credential helper did not finish in " + HELPER_TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running " + exe);
    } finally {
      p.destroy();
    }
    String text = new String(out, StandardCharsets.UTF_8).trim();
    if (p.exitValue() != 0) {
      if (text.toLowerCase(Locale.ROOT).contains("not found")) {
        return Optional.empty();
      }
      // The helper's message may not echo secrets, but stay on the safe side: only its length.
      throw new ImageFormatException(exe, "credential helper failed with exit code " + p.exitValue()
          + " for " + registry);
    }
    JsonNode node = Json.readTree(out, 8, exe, "credential helper output");
    String user = node.path("Username").asText("");
    String secret = node.path("Secret").asText("");
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    if (user.equals(Credentials.IDENTITY_TOKEN_USER)) {
      return Optional.of(Credentials.identityToken(secret));
    }
    return Optional.of(new Credentials(user, secret));
  }

  private Optional<Path> findOnPath(String exe) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator, -1)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, exe);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Candidate keys, most specific first: host/ns/repo, host/ns, host (with Docker Hub aliases). */
  private static List<String> candidates(String registry, String repository) {
    List<String> hosts = new ArrayList<>();
    hosts.add(registry);
    if (registry.equals("docker.io")) {
      hosts.add("index.docker.io");
      hosts.add("registry-1.docker.io");
    }
    List<String> out = new ArrayList<>();
    for (String h : hosts) {
      String path = repository;
      while (true) {
        out.add(h + "/" + path);
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
          break;
        }
        path = path.substring(0, slash);
      }
    }
    out.addAll(hosts);
    return out;
  }

  /** {@code https://index.docker.io/v1/} → {@code index.docker.io}; {@code http://h:5000/} → {@code h:5000}. */
  static String normalizeKey(String key) {
    String k = key.trim();
    int scheme = k.indexOf("://");
    if (scheme >= 0) {
      k = k.substring(scheme + 3);
    }
    while (k.endsWith("/")) {
      k = k.substring(0, k.length() - 1);
    }
    if (k.endsWith("/v1") || k.endsWith("/v2")) {
      k = k.substring(0, k.length() - 3);
    }
    int slash = k.indexOf('/');
    String host = slash < 0 ? k : k.substring(0, slash);
    return host.toLowerCase(Locale.ROOT) + (slash < 0 ? "" : k.substring(slash));
  }
}
