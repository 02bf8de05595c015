package io.imagecheck.policies;

import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Policy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The policies imagecheck ships, and policy files.
 *
 * <pre>{@code
 * Policy policy = Policies.hardened();                         // the default
 * Policy ci = Policies.load(Path.of("ci/imagecheck.yaml"));      // extends: hardened, waivers, ...
 * Report report = Scanner.with(ci).scan(image);
 * }</pre>
 *
 * <h2>{@code hardened} (the default)</h2>
 *
 * <p>The hardened-image bar (the Docker Hardened Images model: no shell, no package manager, no
 * debugging tools, non-root, nothing to patch in place). Every built-in inspector runs; findings at
 * {@link Severity#HIGH} or above fail. Its severities:
 *
 * <table>
 *   <caption>Severities of the hardened policy</caption>
 *   <tr><th>Rule</th><th>Severity</th><th>Why</th></tr>
 *   <tr><td>{@code secrets.private-key}, {@code secrets.credentials-file}, {@code secrets.token}</td>
 *       <td>CRITICAL</td><td>a credential shipped in a layer is readable by anyone who can pull the image</td></tr>
 *   <tr><td>{@code secrets.env}, {@code secrets.build-arg}</td><td>HIGH</td><td>a secret-looking {@code ENV}
 *       or build argument in the history (matched by name)</td></tr>
 *   <tr><td>{@code shell.present}</td><td>HIGH</td><td>a reachable shell lets an attacker run commands</td></tr>
 *   <tr><td>{@code package-manager.present}</td><td>HIGH</td><td>the image can be changed in place</td></tr>
 *   <tr><td>{@code tools.present}</td><td>HIGH</td><td>debugging and network tools (curl, nc, gdb, su ...)</td></tr>
 *   <tr><td>{@code user.root}, {@code user.extra-uid0}</td><td>HIGH</td><td>the process runs as, or can
 *       become, uid 0</td></tr>
 *   <tr><td>{@code permissions.setuid}, {@code permissions.setgid}, {@code permissions.capabilities}</td>
 *       <td>HIGH</td><td>privilege escalation inside the container</td></tr>
 *   <tr><td>{@code package-manager.database}</td><td>INFO</td><td>a package database without a manager
 *       binary is inventory: distroless images keep one on purpose</td></tr>
 * </table>
 *
 * <p>Other rules keep the severity their inspector gives them.
 *
 * <h2>{@code baseline}</h2>
 *
 * <p>The image checks of the CIS Docker Benchmark (section 4, "Container Images and Build File
 * Configuration") as <b>warnings</b>: the findings are rated MEDIUM or LOW and only CRITICAL fails, so a
 * baseline scan fails only on shipped credentials such as private keys. It runs the {@code user},
 * {@code permissions}, {@code secrets} and {@code hygiene} inspectors and disables their rules that no
 * CIS item asks for ({@link #baselineCisItems()} has the mapping):
 *
 * <table>
 *   <caption>Rules of the baseline policy and the CIS Docker Benchmark items they check</caption>
 *   <tr><th>CIS item</th><th>Rule</th><th>Severity</th></tr>
 *   <tr><td>4.1 Ensure that a user for the container has been created</td><td>{@code user.root},
 *       {@code user.extra-uid0}</td><td>MEDIUM</td></tr>
 *   <tr><td>4.1</td><td>{@code user.unknown}</td><td>LOW</td></tr>
 *   <tr><td>4.6 Ensure that HEALTHCHECK instructions have been added to container images</td>
 *       <td>{@code hygiene.no-healthcheck}</td><td>LOW</td></tr>
 *   <tr><td>4.8 Ensure setuid and setgid permissions are removed</td><td>{@code permissions.setuid},
 *       {@code permissions.setgid}</td><td>MEDIUM</td></tr>
 *   <tr><td>4.9 Ensure that COPY is used instead of ADD in Dockerfiles</td><td>{@code hygiene.remote-add}</td>
 *       <td>MEDIUM</td></tr>
 *   <tr><td>4.10 Ensure secrets are not stored in Dockerfiles</td><td>{@code secrets.private-key},
 *       {@code secrets.credentials-file}, {@code secrets.token}</td><td>CRITICAL</td></tr>
 *   <tr><td>4.10</td><td>{@code secrets.env}, {@code secrets.build-arg}</td><td>MEDIUM</td></tr>
 *   <tr><td>none: image hygiene next to 4.3 (Ensure that unnecessary packages are not installed)</td>
 *       <td>{@code hygiene.package-cache} (package-manager caches and lists left behind)</td><td>LOW</td></tr>
 * </table>
 *
 * <h2>Policy files</h2>
 *
 * <p>{@link #load(Path)} reads a policy file in YAML ({@code .yaml}, {@code .yml}, or any other name) or
 * JSON ({@code .json}); the format is documented in {@code docs/policy.md}.
 *
 * <p>Thread-safe (stateless; policies are immutable).
 */
public final class Policies {

  /** The name of the default policy. */
  public static final String HARDENED = "hardened";
  /** The name of the CIS-baseline policy. */
  public static final String BASELINE = "baseline";

  private static final Policy HARDENED_POLICY = Policy.builder(HARDENED)
      .failOn(Severity.HIGH)
      .severity("secrets.private-key", Severity.CRITICAL)
      .severity("secrets.credentials-file", Severity.CRITICAL)
      .severity("secrets.token", Severity.CRITICAL)
      .severity("secrets.env", Severity.HIGH)
      .severity("secrets.build-arg", Severity.HIGH)
      .severity("shell.present", Severity.HIGH)
      .severity("package-manager.present", Severity.HIGH)
      .severity("package-manager.database", Severity.INFO)
      .severity("tools.present", Severity.HIGH)
      .severity("user.root", Severity.HIGH)
      .severity("user.extra-uid0", Severity.HIGH)
      .severity("permissions.setuid", Severity.HIGH)
      .severity("permissions.setgid", Severity.HIGH)
      .severity("permissions.capabilities", Severity.HIGH)
      .build();

  private static final Map<String, String> CIS_ITEMS = cisItems();

  private static final Policy BASELINE_POLICY = Policy.builder(BASELINE)
      .inspectors("user", "permissions", "secrets", "hygiene")
      .failOn(Severity.CRITICAL)
      .severity("user.root", Severity.MEDIUM)
      .severity("user.extra-uid0", Severity.MEDIUM)
      .severity("user.unknown", Severity.LOW)
      .severity("hygiene.no-healthcheck", Severity.LOW)
      .severity("hygiene.package-cache", Severity.LOW)
      .severity("permissions.setuid", Severity.MEDIUM)
      .severity("permissions.setgid", Severity.MEDIUM)
      .severity("hygiene.remote-add", Severity.MEDIUM)
      .severity("secrets.private-key", Severity.CRITICAL)
      .severity("secrets.credentials-file", Severity.CRITICAL)
      .severity("secrets.token", Severity.CRITICAL)
      .severity("secrets.env", Severity.MEDIUM)
      .severity("secrets.build-arg", Severity.MEDIUM)
      // Rules of the selected inspectors that no CIS section-4 item asks for.
      .disable("user.empty-password")
      .disable("user.duplicate-uid")
      .disable("user.duplicate-gid")
      .disable("permissions.capabilities")
      .disable("permissions.world-writable")
      .disable("hygiene.sudo-in-history")
      .disable("hygiene.ssh-port")
      .disable("hygiene.mutable-tag")
      .build();

  private Policies() {}

  private static Map<String, String> cisItems() {
    String user = "4.1 Ensure that a user for the container has been created";
    String secrets = "4.10 Ensure secrets are not stored in Dockerfiles";
    Map<String, String> m = new LinkedHashMap<>();
    m.put("user.root", user);
    m.put("user.extra-uid0", user);
    m.put("user.unknown", user);
    m.put("hygiene.no-healthcheck", "4.6 Ensure that HEALTHCHECK instructions have been added to container images");
    m.put("permissions.setuid", "4.8 Ensure setuid and setgid permissions are removed");
    m.put("permissions.setgid", "4.8 Ensure setuid and setgid permissions are removed");
    m.put("hygiene.remote-add", "4.9 Ensure that COPY is used instead of ADD in Dockerfiles");
    m.put("secrets.private-key", secrets);
    m.put("secrets.credentials-file", secrets);
    m.put("secrets.token", secrets);
    m.put("secrets.env", secrets);
    m.put("secrets.build-arg", secrets);
    m.put("hygiene.package-cache", "none (image hygiene, next to 4.3 Ensure that unnecessary packages are not installed)");
    return Collections.unmodifiableMap(m);
  }

  /**
   * The hardened-image policy, the default: every built-in inspector, failing at HIGH (see the class
   * documentation for its severities).
   *
   * @return the policy named {@value #HARDENED}
   */
  public static Policy hardened() {
    return HARDENED_POLICY;
  }

  /**
   * The CIS Docker Benchmark image checks as warnings, failing only at CRITICAL (see the class
   * documentation for the rules and CIS items).
   *
   * @return the policy named {@value #BASELINE}
   */
  public static Policy baseline() {
    return BASELINE_POLICY;
  }

  /**
   * The CIS Docker Benchmark item each rule of the {@code baseline} policy checks.
   *
   * @return rule id to the item's number and title, e.g. {@code permissions.setuid} to
   *     {@code 4.8 Ensure setuid and setgid permissions are removed}; {@code hygiene.package-cache}, which
   *     no item names, maps to a text starting with {@code none}
   */
  public static Map<String, String> baselineCisItems() {
    return CIS_ITEMS;
  }

  /**
   * A built-in policy by name.
   *
   * @param name {@value #HARDENED} or {@value #BASELINE}
   * @return the policy, if the name is a built-in one
   */
  public static Optional<Policy> named(String name) {
    Objects.requireNonNull(name, "name");
    return switch (name) {
      case HARDENED -> Optional.of(HARDENED_POLICY);
      case BASELINE -> Optional.of(BASELINE_POLICY);
      default -> Optional.empty();
    };
  }

  /**
   * The names of the built-in policies.
   *
   * @return {@code [hardened, baseline]}
   */
  public static List<String> names() {
    return List.of(HARDENED, BASELINE);
  }

  /**
   * Reads a policy file (YAML, or JSON when the name ends in {@code .json}).
   *
   * <p>Keys: {@code name}, {@code description}, {@code extends} ({@value #HARDENED}, {@value #BASELINE} or a
   * path relative to this file), {@code inspectors}, {@code failOn}, {@code severities} (rule id or glob to
   * severity), {@code disable}, {@code waivers} ({@code rule}, {@code path}, {@code reason},
   * {@code expires}) and {@code options} (inspector id to its options). Over its parent, a file replaces
   * {@code name}, {@code inspectors} and {@code failOn}; its {@code severities} win over the parent's;
   * {@code disable} and {@code waivers} are added to the parent's; {@code options} are merged per
   * inspector, the file's keys winning. Without {@code extends} a file starts from every inspector at its
   * own default severities, failing at HIGH. Unknown keys are errors: a typo must not silently weaken a
   * policy. The name is the {@code name} key, else the file name without its extension.
   *
   * @param file the policy file
   * @return the policy
   * @throws PolicyException when a file of the {@code extends} chain cannot be read, is malformed, has an
   *     unknown key or a bad value, or the chain has a cycle; the message names the file, line and field
   */
  public static Policy load(Path file) throws PolicyException {
    return PolicyFiles.load(Objects.requireNonNull(file, "file"));
  }

  /**
   * A built-in policy by name, else a policy file (what {@code --policy} accepts).
   *
   * @param nameOrFile {@value #HARDENED}, {@value #BASELINE} or a path
   * @return the policy
   * @throws IOException when it is not a built-in name and the file cannot be loaded
   *     ({@link PolicyException})
   */
  public static Policy resolve(String nameOrFile) throws IOException {
    Optional<Policy> builtIn = named(nameOrFile);
    return builtIn.isPresent() ? builtIn.get() : load(Path.of(nameOrFile));
  }
}
