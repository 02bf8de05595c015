package io.imagecheck.inspectors.hygiene;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.LayerChanges;
import io.imagecheck.fs.Origin;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Healthcheck;
import io.imagecheck.image.HistoryEntry;
import io.imagecheck.image.ImageConfig;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import io.imagecheck.inspectors.history.HistorySteps;
import io.imagecheck.source.DockerReference;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for things a clean, reproducible image does not carry.
 *
 * <ul>
 *   <li>{@code hygiene.package-cache} (LOW): package-manager caches and lists left in the image:
 *       {@code /var/cache/apt/archives/*.deb} and {@code /var/cache/apt/*.bin},
 *       {@code /var/lib/apt/lists/*} (not {@code lock} or {@code partial/}), {@code /var/cache/apk/*},
 *       {@code /var/cache/yum}, {@code /var/cache/dnf}, {@code /var/cache/libdnf5},
 *       {@code /var/cache/zypp/packages}, pip's cache ({@code /root/.cache/pip},
 *       {@code /home/*&#47;.cache/pip}), npm's ({@code /root/.npm/_cacache}, {@code /home/*&#47;.npm/_cacache})
 *       and yarn's. One finding per cache directory with its file count and bytes. A cache that a
 *       later layer deleted is still shipped in the layer that wrote it: that is reported too ("deleted
 *       by a later layer, but still shipped in layer 1").
 *   <li>{@code hygiene.remote-add} (MEDIUM): a history step {@code ADD https://...} (or
 *       {@code http://}): the content is fetched at build time without a checksum the history can show.
 *       BuildKit and kaniko record the URL ({@code ADD https://host/file /dest # buildkit}); the classic
 *       Docker builder and buildah record only a content hash ({@code ADD file:3a4f... in /dest}), so a
 *       remote {@code ADD} made by them cannot be seen. Steps recording {@code --checksum} are not
 *       reported. The URL is shown without user info and query (they may hold credentials).
 *   <li>{@code hygiene.sudo-in-history} (LOW): a history command runs {@code sudo} (as a command, not
 *       as a package name being installed).
 *   <li>{@code hygiene.no-healthcheck} (INFO): the config has no {@code Healthcheck}, or it is
 *       {@code NONE}.
 *   <li>{@code hygiene.ssh-port} (MEDIUM): the config exposes {@code 22/tcp}.
 *   <li>{@code hygiene.mutable-tag} (LOW): the image was referenced by a tag rather than a digest, so
 *       what runs later may not be what was scanned. It applies to registry references
 *       ({@code docker://host/repo:tag}, and {@code docker://host/repo}, which means {@code :latest}) and
 *       to named OCI layout references ({@code oci:dir:latest}, {@code oci-archive:file.tar:latest}); a
 *       digest ({@code @sha256:...}) passes. It does not apply to {@code docker-archive:},
 *       {@code dir:}, unnamed layouts or unprefixed paths: a file names its content by itself.
 * </ul>
 *
 * <p><b>Facts:</b>
 * <ul>
 *   <li>{@code caches}: one map per cache directory and layer state: {@code cache}, {@code path},
 *       {@code files}, {@code bytes}, {@code inFinalTree}, {@code layers} (layer numbers, from 1).
 *   <li>{@code remoteAdds}: {@code step} (history step number, from 1) and {@code url} (sanitised).
 *   <li>{@code sudoSteps}: history step numbers whose command runs sudo.
 *   <li>{@code healthcheck}: {@code present}, {@code disabled}, or {@code absent}.
 *   <li>{@code exposedPorts}: the config's exposed ports.
 *   <li>{@code reference}: {@code source}, {@code transport}, {@code applicable} (whether the
 *       mutable-tag rule applies), {@code pinned} (referenced by digest), {@code tag} when there is one.
 * </ul>
 *
 * <p>No options. Stateless and thread-safe.
 */
public final class HygieneInspector implements Inspector {

  /** The inspector id. */
  public static final String ID = "hygiene";
  /** Rule id: package-manager caches left behind. */
  public static final String PACKAGE_CACHE = "hygiene.package-cache";
  /** Rule id: ADD of a remote URL. */
  public static final String REMOTE_ADD = "hygiene.remote-add";
  /** Rule id: sudo in a history command. */
  public static final String SUDO = "hygiene.sudo-in-history";
  /** Rule id: no health check. */
  public static final String NO_HEALTHCHECK = "hygiene.no-healthcheck";
  /** Rule id: SSH port exposed. */
  public static final String SSH_PORT = "hygiene.ssh-port";
  /** Rule id: referenced by a mutable tag. */
  public static final String MUTABLE_TAG = "hygiene.mutable-tag";

  private static final Pattern ADD = Pattern.compile("^(?:/bin/sh -c #\\(nop\\)\\s*)?ADD\\s+(.+)$", Pattern.DOTALL);
  /** sudo in command position: at the start, after -c, an operator, a subshell or a keyword. */
  private static final Pattern SUDO_COMMAND = Pattern.compile(
      "(?:^|[;&|(`]|\\$\\(|\\s-c|\\b(?:then|do|else|exec|xargs)\\b)\\s*(?:/usr/bin/|/bin/)?sudo(?=\\s|$)");

  private static final List<Rule> RULES = List.of(
      new Rule(PACKAGE_CACHE, Severity.LOW, "Package-manager cache left in the image",
          "Package-manager caches and index lists (apt archives and lists, apk, yum/dnf, zypper, pip, npm, yarn) are "
              + "build leftovers: they grow the image, and stale indexes invite installing at run time. A cache "
              + "deleted by a later layer is still shipped in the layer that wrote it.",
          "Clean the cache in the same RUN step that filled it (apt-get clean and rm -rf /var/lib/apt/lists/*, "
              + "apk add --no-cache, dnf clean all, pip --no-cache-dir), or use a cache mount."),
      new Rule(REMOTE_ADD, Severity.MEDIUM, "ADD of a remote URL",
          "A build step fetched content with ADD http(s)://..., which is not verified unless a checksum is given "
              + "and is not reproducible.",
          "Download with a pinned checksum (ADD --checksum=sha256:..., or curl and sha256sum -c in a build stage) "
              + "or COPY the file from the build context."),
      new Rule(SUDO, Severity.LOW, "sudo used in a build step",
          "A build step runs sudo. Build steps run as the USER of the Dockerfile; sudo there usually means sudo is "
              + "installed and configured in the image, which a hardened image does not need.",
          "Switch users with USER around the steps that need root, and do not install sudo."),
      new Rule(NO_HEALTHCHECK, Severity.INFO, "No health check",
          "The image config defines no HEALTHCHECK (or disables it with NONE). Orchestrators that use Docker health "
              + "checks cannot tell a hung container from a working one.",
          "Add a HEALTHCHECK that runs without a shell (exec form), or rely on the orchestrator's probes."),
      new Rule(SSH_PORT, Severity.MEDIUM, "SSH port exposed",
          "The image config exposes port 22/tcp, which suggests an SSH server runs in the container.",
          "Do not run sshd in containers; use the runtime's exec for debugging."),
      new Rule(MUTABLE_TAG, Severity.LOW, "Image referenced by a mutable tag",
          "The image was read through a tag (of a registry or a named OCI layout reference), not a digest. A tag can "
              + "be moved, so what is deployed later may differ from what was checked.",
          "Reference the image by digest (repo@sha256:...); the digest of the checked image is in the evidence."));

  /** Creates the inspector. */
  public HygieneInspector() {
    // stateless
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Package-manager caches left in any layer, remote ADD and sudo in the history, missing HEALTHCHECK, "
        + "exposed port 22, and references by a mutable tag.";
  }

  @Override
  public List<Rule> rules() {
    return RULES;
  }

  @Override
  public InspectorResult inspect(InspectionContext context) {
    List<Finding> findings = new ArrayList<>();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("caches", caches(context.fileSystem(), findings));
    facts.put("remoteAdds", remoteAdds(context, findings));
    facts.put("sudoSteps", sudoSteps(context, findings));
    facts.put("healthcheck", healthcheck(context.config(), findings));
    facts.put("exposedPorts", sshPort(context.config(), findings));
    facts.put("reference", reference(context, findings));
    return InspectorResult.of(ID, facts, findings);
  }

  /** Files of one cache directory, in the final tree or only in lower layers. */
  private static final class CacheUse {
    final PackageCaches.Cache cache;
    final String directory;
    int files;
    long bytes;
    final TreeMap<Integer, Long> bytesByLayer = new TreeMap<>();
    final Map<Integer, Origin> origins = new TreeMap<>();

    CacheUse(PackageCaches.Cache cache, String directory) {
      this.cache = cache;
      this.directory = directory;
    }

    void add(FileEntry e) {
      files++;
      bytes += e.size();
      bytesByLayer.merge(e.origin().layerNumber(), e.size(), Long::sum);
      origins.putIfAbsent(e.origin().layerNumber(), e.origin());
    }

    /** The origin of the layer that contributed the most bytes (the step to fix). */
    Origin mainOrigin() {
      int best = bytesByLayer.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      return origins.get(best);
    }
  }

  private static List<Map<String, Object>> caches(FileSystemView fs, List<Finding> findings) {
    Map<String, CacheUse> inFinal = new TreeMap<>();
    for (FileEntry e : fs.entries()) {
      if (e.isRegularFile()) {
        PackageCaches.match(e.path()).ifPresent(m ->
            inFinal.computeIfAbsent(m.directory(), d -> new CacheUse(m.cache(), d)).add(e));
      }
    }
    // Copies that are not in the final tree: written by a layer, deleted or replaced by a later one.
    Map<String, CacheUse> shippedOnly = new TreeMap<>();
    for (LayerChanges c : fs.layerChanges()) {
      for (List<FileEntry> list : List.of(c.added(), c.modified())) {
        for (FileEntry e : list) {
          if (!e.isRegularFile()) {
            continue;
          }
          Optional<PackageCaches.Match> m = PackageCaches.match(e.path());
          if (m.isEmpty() || inFinalTree(fs, e)) {
            continue;
          }
          shippedOnly.computeIfAbsent(m.get().directory() + "\u0000" + e.origin().layerIndex(),
              k -> new CacheUse(m.get().cache(), m.get().directory())).add(e);
        }
      }
    }
    List<Map<String, Object>> facts = new ArrayList<>();
    for (CacheUse u : inFinal.values()) {
      facts.add(cacheFact(u, true));
      findings.add(Finding.at(PACKAGE_CACHE, ID, Severity.LOW,
          u.cache.name() + " left in " + u.directory + ": " + u.files + (u.files == 1 ? " file, " : " files, ")
              + sizeText(u.bytes),
          u.directory, u.mainOrigin(), cacheEvidence(u)));
    }
    for (CacheUse u : shippedOnly.values()) {
      facts.add(cacheFact(u, false));
      int layer = u.bytesByLayer.firstKey();
      findings.add(Finding.at(PACKAGE_CACHE, ID, Severity.LOW,
          u.cache.name() + " in " + u.directory + " deleted by a later layer, but still shipped in layer " + layer
              + ": " + u.files + (u.files == 1 ? " file, " : " files, ") + sizeText(u.bytes),
          u.directory, u.mainOrigin(), cacheEvidence(u)));
    }
    return facts;
  }

  private static Map<String, Object> cacheFact(CacheUse u, boolean inFinalTree) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("cache", u.cache.name());
    f.put("path", u.directory);
    f.put("files", u.files);
    f.put("bytes", u.bytes);
    f.put("inFinalTree", inFinalTree);
    f.put("layers", List.copyOf(u.bytesByLayer.keySet()));
    return f;
  }

  private static Map<String, String> cacheEvidence(CacheUse u) {
    Map<String, String> ev = new TreeMap<>();
    ev.put("files", Integer.toString(u.files));
    ev.put("bytes", Long.toString(u.bytes));
    ev.put("layers", u.bytesByLayer.keySet().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""));
    ev.put("cleanup", u.cache.cleanup());
    return ev;
  }

  private static boolean inFinalTree(FileSystemView fs, FileEntry layerEntry) {
    Optional<FileEntry> e = fs.entry(layerEntry.path());
    return e.isPresent() && e.get().path().equals(layerEntry.path())
        && e.get().origin().layerIndex() == layerEntry.origin().layerIndex();
  }

  static String sizeText(long bytes) {
    if (bytes < 1024) {
      return bytes + (bytes == 1 ? " byte" : " bytes");
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static List<Map<String, Object>> remoteAdds(InspectionContext context, List<Finding> findings) {
    List<HistoryEntry> history = context.config().history();
    List<Map<String, Object>> facts = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      List<String> urls = remoteUrls(history.get(i).createdBy());
      for (String url : urls) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("step", i + 1);
        f.put("url", url);
        facts.add(f);
        findings.add(new Finding(REMOTE_ADD, ID, Severity.MEDIUM,
            "history step " + (i + 1) + " adds a remote URL without a recorded checksum: ADD " + url,
            Optional.empty(), HistorySteps.origin(context.image(), i), Map.of("url", url, "step",
                Integer.toString(i + 1))));
      }
    }
    return facts;
  }

  /**
   * The http(s) sources of an {@code ADD} history command, sanitised; none when the command records
   * {@code --checksum}.
   */
  static List<String> remoteUrls(String createdBy) {
    Matcher m = ADD.matcher(createdBy.strip());
    if (!m.matches()) {
      return List.of();
    }
    String args = m.group(1);
    int comment = args.indexOf(" # buildkit");
    if (comment >= 0) {
      args = args.substring(0, comment);
    }
    String[] words = args.strip().split("\\s+");
    List<String> urls = new ArrayList<>();
    // The last word is the destination; flags come first.
    for (int i = 0; i < words.length - 1; i++) {
      String w = words[i];
      if (w.startsWith("--checksum")) {
        return List.of();
      }
      String lower = w.toLowerCase(Locale.ROOT);
      if (lower.startsWith("http://") || lower.startsWith("https://")) {
        urls.add(sanitise(w));
      }
    }
    return urls;
  }

  /** A URL without user info, query and fragment, which may carry credentials or signatures. */
  static String sanitise(String url) {
    try {
      URI u = new URI(url);
      if (u.getHost() == null) {
        return url.replaceAll("[?#].*$", "").replaceAll("//[^/@]*@", "//");
      }
      String s = u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
          + (u.getRawPath() == null ? "" : u.getRawPath());
      return s + (u.getRawQuery() != null ? "?…" : "");
    } catch (URISyntaxException e) {
      return url.replaceAll("[?#].*$", "").replaceAll("//[^/@]*@", "//");
    }
  }

  private static List<Integer> sudoSteps(InspectionContext context, List<Finding> findings) {
    List<HistoryEntry> history = context.config().history();
    List<Integer> steps = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      if (runsSudo(history.get(i).createdBy())) {
        steps.add(i + 1);
        findings.add(new Finding(SUDO, ID, Severity.LOW, "history step " + (i + 1) + " runs a command with sudo",
            Optional.empty(), HistorySteps.origin(context.image(), i), Map.of("step", Integer.toString(i + 1))));
      }
    }
    return steps;
  }

  /**
   * Tells whether a history command runs sudo as a command ({@code sudo apt-get ...},
   * {@code ... && sudo make install}), not merely mentions it ({@code apt-get install sudo}).
   */
  static boolean runsSudo(String createdBy) {
    return SUDO_COMMAND.matcher(createdBy).find();
  }

  private static String healthcheck(ImageConfig config, List<Finding> findings) {
    Optional<Healthcheck> h = config.healthcheck();
    if (h.isEmpty()) {
      findings.add(Finding.of(NO_HEALTHCHECK, ID, Severity.INFO, "the image config defines no HEALTHCHECK"));
      return "absent";
    }
    if (h.get().disabled()) {
      findings.add(Finding.of(NO_HEALTHCHECK, ID, Severity.INFO,
          "the image config disables the health check (HEALTHCHECK NONE)"));
      return "disabled";
    }
    return "present";
  }

  private static List<String> sshPort(ImageConfig config, List<Finding> findings) {
    for (String p : config.exposedPorts()) {
      String[] parts = p.strip().toLowerCase(Locale.ROOT).split("/", 2);
      String proto = parts.length > 1 ? parts[1] : "tcp";
      if (parts[0].equals("22") && proto.equals("tcp")) {
        findings.add(new Finding(SSH_PORT, ID, Severity.MEDIUM, "the image config exposes the SSH port " + p,
            Optional.empty(), Optional.empty(), Map.of("port", p)));
      }
    }
    return config.exposedPorts();
  }

  private static Map<String, Object> reference(InspectionContext context, List<Finding> findings) {
    String source = context.source();
    Map<String, Object> fact = new LinkedHashMap<>();
    fact.put("source", source);
    ImageReference ref;
    try {
      ref = ImageReference.parse(source);
    } catch (IllegalArgumentException e) {
      fact.put("transport", "unknown");
      fact.put("applicable", false);
      return fact;
    }
    fact.put("transport", ref.transport().prefix().replace("://", "").replace(":", ""));
    Digest scanned = context.image().descriptor().digest();
    Optional<String> tag = Optional.empty();
    boolean applicable = false;
    String pinned = "";
    if (ref.transport() == Transport.DOCKER) {
      DockerReference d = ref.docker().orElseThrow();
      applicable = true;
      if (d.digest().isEmpty()) {
        tag = d.tag();
        pinned = "docker://" + d.registry() + "/" + d.repository() + "@" + scanned;
      }
    } else if ((ref.transport() == Transport.OCI || ref.transport() == Transport.OCI_ARCHIVE)
        && ref.selector().isPresent()) {
      applicable = true;
      String s = ref.selector().get();
      String bare = s.startsWith("@") ? s.substring(1) : s;
      if (!Digest.isValid(bare)) {
        tag = Optional.of(s);
        pinned = ref.transport().prefix() + ref.path() + ":@" + scanned;
      }
    }
    fact.put("applicable", applicable);
    fact.put("pinned", applicable && tag.isEmpty());
    tag.ifPresent(t -> fact.put("tag", t));
    if (tag.isPresent()) {
      findings.add(new Finding(MUTABLE_TAG, ID, Severity.LOW,
          "the image was referenced by the mutable tag \"" + tag.get() + "\" (" + source + "), not by its digest "
              + scanned.shortForm(),
          Optional.empty(), Optional.empty(), Map.of("tag", tag.get(), "digest", scanned.toString(),
              "pinnedReference", pinned)));
    }
    return fact;
  }
}
