package io.imagecheck.testkit;

import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Image;
import io.imagecheck.image.ImageConfig;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.inspect.Severity;
import io.imagecheck.inspectors.packagemanager.PackageManagerInspector;
import io.imagecheck.inspectors.inventory.PackagesInspector;
import io.imagecheck.inspectors.permissions.PermissionsInspector;
import io.imagecheck.inspectors.secrets.SecretsInspector;
import io.imagecheck.inspectors.signatures.SignaturesInspector;
import io.imagecheck.inspectors.shell.ShellInspector;
import io.imagecheck.inspectors.users.UserInspector;
import io.imagecheck.policies.Policies;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.LayerInfo;
import io.imagecheck.report.Report;
import io.imagecheck.report.Verdict;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.structure.HistoryInstructions;
import io.imagecheck.structure.HistoryInstructions.HistoryStep;
import io.imagecheck.testkit.error.ShouldBeSignedBy;
import io.imagecheck.testkit.error.ShouldHaveBeenInspected;
import io.imagecheck.testkit.error.ShouldHaveConfigValue;
import io.imagecheck.testkit.error.ShouldHaveNoFindings;
import io.imagecheck.testkit.error.ShouldNotContainPackageManager;
import io.imagecheck.testkit.error.ShouldNotContainShell;
import io.imagecheck.testkit.error.ShouldPass;
import io.imagecheck.testkit.error.ShouldRunAsNonRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.ListAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a container image: what the inspectors find (shells, package managers, the user,
 * setuid files, secrets, a policy's verdict), its files, and its config. Get one from
 * {@link ImageCheckAssertions#assertThat(Image)}.
 *
 * <pre>{@code
 * assertThat(image).hasNoShell().runsAsNonRoot().hasUser("65532").exposesPorts("8080/tcp");
 * assertThat(image).containsFile("/app/server").withMode("0755").isExecutable();
 * assertThat(image).doesNotContain("/usr/bin/apt");
 * }</pre>
 *
 * <p>The inspector assertions read one scan of the image with the built-in inspectors (kept for the
 * image, see {@link ImageCheckAssertions}); when the inspector an assertion needs could not run, the
 * assertion fails (an unchecked property is never a pass). Failures name the image, the path, the layer
 * (counted from 1, with a 12-hex-digit digest) and the history step, e.g.
 *
 * <pre>
 * Expecting image oci:build/image not to contain a shell, but /bin/sh (-&gt; /bin/busybox) was added by
 * layer 2 of 3 (sha256:ab12cd34ef56), history step 4: RUN apk add busybox
 * </pre>
 */
public class ImageAssert extends AbstractAssert<ImageAssert, Image> {

  private final @Nullable SoftImageAssertions softly;

  /**
   * Creates the assert.
   *
   * @param actual the image
   * @param softly the collector of soft assertions, or null
   */
  ImageAssert(Image actual, @Nullable SoftImageAssertions softly) {
    super(Objects.requireNonNull(actual, "actual"), ImageAssert.class);
    this.softly = softly;
  }

  private ImageAssert check(Runnable assertion) {
    Soft.run(softly, assertion);
    return myself;
  }

  private String source() {
    return actual.source();
  }

  /** The findings of an inspector's rules, failing when the inspector could not run. */
  private List<Finding> findings(String inspector, Predicate<String> rule) {
    Report report = Inspections.report(actual);
    Optional<InspectorResult> result = report.result(inspector);
    if (result.isEmpty()) {
      throwAssertionError(ShouldHaveBeenInspected.shouldHaveBeenInspected(source(), inspector,
          "no such inspector is installed"));
    }
    InspectorResult r = result.orElseThrow();
    if (r.status() == InspectorResult.Status.ERROR || r.status() == InspectorResult.Status.SKIPPED) {
      throwAssertionError(ShouldHaveBeenInspected.shouldHaveBeenInspected(source(), inspector,
          r.status() == InspectorResult.Status.ERROR ? "it could not run: " + r.error().orElse("unknown error")
              : "it was skipped: " + r.fact("skipReason").map(Object::toString).orElse("")));
    }
    return r.findings().stream().filter(f -> rule.test(f.ruleId())).toList();
  }

  // ---- inspections ----------------------------------------------------------------------------------

  /**
   * Verifies that no shell is reachable in the image: none on the command search path
   * ({@code shell.present}) and none elsewhere ({@code shell.off-path}); BusyBox and toybox count.
   *
   * <pre>{@code
   * assertThat(distroless).hasNoShell();   // passes
   * assertThat(busybox).hasNoShell();
   * // fails: Expecting image oci:busybox.oci:latest not to contain a shell, but /bin/sh (-> /bin/busybox)
   * // was added by layer 1 of 1 (sha256:5f7e2b1c9a40), history step 1: ...
   * }</pre>
   *
   * @return this assert
   */
  public ImageAssert hasNoShell() {
    return check(() -> {
      List<Finding> shells = findings(ShellInspector.ID,
          r -> r.equals(ShellInspector.PRESENT) || r.equals(ShellInspector.OFF_PATH));
      if (!shells.isEmpty()) {
        throwAssertionError(ShouldNotContainShell.shouldNotContainShell(source(), shells));
      }
    });
  }

  /**
   * Verifies that no package manager ({@code apt}, {@code dpkg}, {@code apk}, {@code rpm}, {@code dnf},
   * {@code pip}, {@code npm}, ...) is reachable ({@code package-manager.present}).
   *
   * <pre>{@code
   * assertThat(image).hasNoPackageManager();
   * // fails: Expecting image ... not to contain a package manager, but /usr/bin/apt-get was added by layer 1 ...
   * }</pre>
   *
   * @return this assert
   */
  public ImageAssert hasNoPackageManager() {
    return check(() -> {
      List<Finding> managers = findings(PackageManagerInspector.ID, r -> r.equals(PackageManagerInspector.PRESENT));
      if (!managers.isEmpty()) {
        throwAssertionError(ShouldNotContainPackageManager.shouldNotContainPackageManager(source(), managers));
      }
    });
  }

  /**
   * Verifies that the container runs as a user other than root: {@code USER} is set and does not map to
   * uid 0 ({@code user.root}).
   *
   * <pre>{@code
   * assertThat(image).runsAsNonRoot();
   * // fails: Expecting image ... to run as a non-root user, but USER root names root: the container is meant
   * // to run as root (set by history step 5: USER root)
   * }</pre>
   *
   * @return this assert
   */
  public ImageAssert runsAsNonRoot() {
    return check(() -> {
      List<Finding> root = findings(UserInspector.ID, r -> r.equals(UserInspector.ROOT));
      if (!root.isEmpty()) {
        throwAssertionError(ShouldRunAsNonRoot.shouldRunAsNonRoot(source(), root.get(0),
            HistoryInstructions.last(actual.config(), "USER")));
      }
    });
  }

  /**
   * Verifies that no file has the setuid or setgid bit ({@code permissions.setuid},
   * {@code permissions.setgid}).
   *
   * <pre>{@code
   * assertThat(image).hasNoSetuidFiles();
   * // fails: Expecting image ... not to contain setuid or setgid files, but /bin/su is setuid root
   * // (-rwsr-xr-x), added by layer 1 of 1 (...), history step 1: ...
   * }</pre>
   *
   * @return this assert
   */
  public ImageAssert hasNoSetuidFiles() {
    return check(() -> {
      List<Finding> found = findings(PermissionsInspector.ID,
          r -> r.equals(PermissionsInspector.SETUID) || r.equals(PermissionsInspector.SETGID));
      if (!found.isEmpty()) {
        throwAssertionError(ShouldHaveNoFindings.shouldNotContainSetuidFiles(source(), found));
      }
    });
  }

  /**
   * Verifies that the secrets inspector finds nothing: no private keys, credential files or tokens in any
   * layer (deleted ones too), no secret-looking {@code ENV} or build argument. Messages show masked hints
   * only, never the secret.
   *
   * <pre>{@code
   * assertThat(image).hasNoSecrets();
   * }</pre>
   *
   * @return this assert
   */
  public ImageAssert hasNoSecrets() {
    return check(() -> {
      List<Finding> found = findings(SecretsInspector.ID, r -> r.startsWith("secrets."));
      if (!found.isEmpty()) {
        throwAssertionError(ShouldHaveNoFindings.shouldNotContainSecrets(source(), found));
      }
    });
  }

  /**
   * Verifies that the image passes a built-in policy ({@code hardened}, {@code baseline}) or a policy
   * file: no finding reaches the policy's threshold and every inspector it selects ran.
   *
   * <pre>{@code
   * assertThat(image).passesPolicy("hardened");
   * assertThat(image).passesPolicy("src/test/resources/imagecheck-policy.yaml");
   * }</pre>
   *
   * @param nameOrFile a built-in policy name or the path of a YAML/JSON policy file
   * @return this assert
   * @throws UncheckedIOException when the policy file cannot be read (a test setup error, not a failure)
   */
  public ImageAssert passesPolicy(String nameOrFile) {
    Objects.requireNonNull(nameOrFile, "nameOrFile");
    Policy policy;
    try {
      policy = Policies.resolve(nameOrFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    return passesPolicy(policy);
  }

  /**
   * Verifies that the image passes a policy built in code.
   *
   * <pre>{@code
   * assertThat(image).passesPolicy(Policies.hardened().extend("app").disable("tools.present").build());
   * }</pre>
   *
   * @param policy the policy
   * @return this assert
   */
  public ImageAssert passesPolicy(Policy policy) {
    Objects.requireNonNull(policy, "policy");
    return check(() -> {
      Report report = Inspections.report(actual, policy);
      if (report.verdict() != Verdict.PASS) {
        throwAssertionError(ShouldPass.shouldPass(report));
      }
    });
  }

  /**
   * Verifies that no finding of the built-in inspectors, at their own severities, is at or above a
   * severity.
   *
   * <pre>{@code
   * assertThat(image).hasNoFindingsAtOrAbove(Severity.HIGH);
   * // fails: Expecting image ... to have no findings at or above high, but found 2:
   * // - [high] shell.present: Shell busybox (BusyBox v1.36.1) is reachable at /bin/sh ..., added by layer 1 ...
   * }</pre>
   *
   * @param threshold the severity
   * @return this assert
   */
  public ImageAssert hasNoFindingsAtOrAbove(Severity threshold) {
    Objects.requireNonNull(threshold, "threshold");
    return check(() -> {
      Report report = Inspections.report(actual);
      List<Finding> found = report.findingsAtOrAbove(threshold);
      if (!found.isEmpty()) {
        throwAssertionError(ShouldHaveNoFindings.shouldHaveNoFindingsAtOrAbove(source(), threshold.label(), found));
      }
    });
  }

  // ---- files ----------------------------------------------------------------------------------------

  /**
   * Verifies that a path exists in the merged filesystem (links followed) and returns assertions on the
   * file.
   *
   * <pre>{@code
   * assertThat(image).containsFile("/app/server").isExecutable();
   * assertThat(image).containsFile("/usr/bin/bash");
   * // fails: Expecting image ... to contain /usr/bin/bash, but it was added by layer 1 of 4 (...), history step
   * // 1: ... and deleted by layer 4 of 4 (...), history step 4: ...
   * }</pre>
   *
   * @param path an absolute image path
   * @return assertions on the file
   */
  public FileAssert containsFile(String path) {
    Objects.requireNonNull(path, "path");
    FileSystemView fs = Inspections.view(actual);
    Soft.run(softly, () -> FileChecks.missing(fs, path).ifPresent(this::throwAssertionError));
    return new FileAssert(FileChecks.target(fs, path).orElse(null), path, fs, softly);
  }

  /**
   * Verifies that nothing is at a path, not even a symbolic link.
   *
   * <pre>{@code
   * assertThat(image).doesNotContain("/bin/sh");
   * // fails: Expecting image ... not to contain /bin/sh, but it (-> busybox) was added by layer 1 of 1 (...),
   * // history step 1: ...
   * }</pre>
   *
   * @param path an absolute image path
   * @return this assert
   */
  public ImageAssert doesNotContain(String path) {
    Objects.requireNonNull(path, "path");
    return check(() -> FileChecks.present(Inspections.view(actual), path).ifPresent(this::throwAssertionError));
  }

  /**
   * Assertions on the merged filesystem.
   *
   * @return a filesystem assert sharing this assert's soft collector
   */
  public FileSystemAssert fileSystem() {
    return new FileSystemAssert(Inspections.view(actual), softly);
  }

  // ---- config ---------------------------------------------------------------------------------------

  private void config(boolean ok, String expected, String actualText, Optional<HistoryStep> step) {
    if (!ok) {
      throwAssertionError(ShouldHaveConfigValue.shouldHave(source(), expected, actualText, step));
    }
  }

  private static String q(String s) {
    return Texts.quote(s);
  }

  private static String list(List<String> values) {
    return values.stream().map(ImageAssert::q).collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * Verifies a label's value.
   *
   * <pre>{@code
   * assertThat(image).hasLabel("org.opencontainers.image.version", "1.2.3");
   * // fails: Expecting image ... to have label "org.opencontainers.image.version" = "1.2.3", but it is
   * // "1.2.2" (set by history step 7: LABEL org.opencontainers.image.version=1.2.2)
   * }</pre>
   *
   * @param key the label
   * @param value its expected value
   * @return this assert
   */
  public ImageAssert hasLabel(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return check(() -> {
      Map<String, String> labels = actual.config().labels();
      String have = labels.get(key);
      config(value.equals(have), "to have label " + q(key) + " = " + q(value),
          have == null ? "it has no such label (labels: " + list(List.copyOf(labels.keySet())) + ")"
              : "it is " + q(have), HistoryInstructions.last(actual.config(), "LABEL", key));
    });
  }

  /**
   * Verifies an environment variable's value.
   *
   * <pre>{@code
   * assertThat(image).hasEnv("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75");
   * }</pre>
   *
   * @param key the variable
   * @param value its expected value
   * @return this assert
   */
  public ImageAssert hasEnv(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return check(() -> {
      Map<String, String> env = actual.config().envMap();
      String have = env.get(key);
      config(value.equals(have), "to have env " + q(key) + " = " + q(value),
          have == null ? "it has no such variable (env: " + list(List.copyOf(env.keySet())) + ")"
              : "it is " + q(have), HistoryInstructions.last(actual.config(), "ENV", key));
    });
  }

  /**
   * Verifies the entrypoint, element by element.
   *
   * <pre>{@code
   * assertThat(image).hasEntrypoint("java", "-cp", "@/app/jib-classpath-file", "com.example.Main");
   * }</pre>
   *
   * @param entrypoint the expected entrypoint (none for an empty one)
   * @return this assert
   */
  public ImageAssert hasEntrypoint(String... entrypoint) {
    List<String> wanted = List.of(entrypoint);
    return check(() -> {
      List<String> have = actual.config().entrypoint();
      config(have.equals(wanted), "to have entrypoint " + list(wanted), "it has " + list(have),
          HistoryInstructions.last(actual.config(), "ENTRYPOINT"));
    });
  }

  /**
   * Verifies the command ({@code CMD}), element by element.
   *
   * @param cmd the expected command (none for an empty one)
   * @return this assert
   */
  public ImageAssert hasCmd(String... cmd) {
    List<String> wanted = List.of(cmd);
    return check(() -> {
      List<String> have = actual.config().cmd();
      config(have.equals(wanted), "to have cmd " + list(wanted), "it has " + list(have),
          HistoryInstructions.last(actual.config(), "CMD"));
    });
  }

  /**
   * Verifies the user the container runs as, exactly as the config says it ({@code 65532},
   * {@code nonroot}, {@code 1000:1000}).
   *
   * <pre>{@code
   * assertThat(image).hasUser("65532");
   * // fails: Expecting image ... to run as user "65532", but no USER is set (the runtime default is root)
   * }</pre>
   *
   * @param user the expected user
   * @return this assert
   */
  public ImageAssert hasUser(String user) {
    Objects.requireNonNull(user, "user");
    return check(() -> {
      String have = actual.config().user();
      config(have.equals(user), "to run as user " + q(user),
          have.isEmpty() ? "no USER is set (the runtime default is root)" : "it runs as " + q(have),
          HistoryInstructions.last(actual.config(), "USER"));
    });
  }

  /**
   * Verifies the working directory.
   *
   * @param workdir the expected directory
   * @return this assert
   */
  public ImageAssert hasWorkdir(String workdir) {
    Objects.requireNonNull(workdir, "workdir");
    return check(() -> {
      String have = actual.config().workingDir();
      config(have.equals(workdir), "to have working directory " + q(workdir),
          have.isEmpty() ? "none is set" : "it is " + q(have), HistoryInstructions.last(actual.config(), "WORKDIR"));
    });
  }

  /**
   * Verifies that ports are exposed: {@code 8080/tcp} exactly, a bare {@code 8080} with any protocol (as
   * container-structure-test matches them).
   *
   * <pre>{@code
   * assertThat(image).exposesPorts("8080/tcp", "9090");
   * }</pre>
   *
   * @param ports the ports
   * @return this assert
   */
  public ImageAssert exposesPorts(String... ports) {
    List<String> wanted = List.of(ports);
    return check(() -> {
      ImageConfig config = actual.config();
      List<String> missing = new ArrayList<>();
      for (String p : wanted) {
        if (!Texts.portExposed(p, config.exposedPorts())) {
          missing.add(p);
        }
      }
      config(missing.isEmpty(), "to expose " + list(wanted), "it does not expose " + list(missing) + " (it exposes "
          + list(config.exposedPorts()) + ")", HistoryInstructions.last(config, "EXPOSE"));
    });
  }

  // ---- inventories ----------------------------------------------------------------------------------

  /**
   * AssertJ assertions on the installed-package inventory (dpkg, apk, rpm, Python, npm, Java archives),
   * as the packages inspector reads it.
   *
   * <pre>{@code
   * assertThat(image).packages().extracting(InstalledPackage::name).contains("tini").doesNotContain("bash");
   * }</pre>
   *
   * @return a list assert (its failures are not collected by {@link SoftImageAssertions}; wrap it in
   *     {@link SoftImageAssertions#check})
   */
  @SuppressWarnings("unchecked")
  public ListAssert<InstalledPackage> packages() {
    List<InstalledPackage> packages = new ArrayList<>();
    findings(PackagesInspector.ID, r -> true);
    Object fact = Inspections.report(actual).fact(PackagesInspector.ID, "packages").orElse(List.of());
    for (Object p : (List<Object>) fact) {
      packages.add((InstalledPackage) p);
    }
    return new ListAssert<>(packages).as("packages of %s", source());
  }

  /**
   * AssertJ assertions on the layers: digest, diff_id, media type, size and the history step that made
   * each, base layer first.
   *
   * <pre>{@code
   * assertThat(image).layers().hasSize(3).allSatisfy(l -> assertThat(l.size()).isLessThan(50_000_000));
   * }</pre>
   *
   * @return a list assert (not collected by {@link SoftImageAssertions}; wrap it in
   *     {@link SoftImageAssertions#check})
   */
  public ListAssert<LayerInfo> layers() {
    return new ListAssert<>(Scanner.identity(actual).layers()).as("layers of %s", source());
  }

  /**
   * Assertions on the report of the built-in inspectors at their own severities.
   *
   * @return a report assert sharing this assert's soft collector
   */
  public ReportAssert report() {
    return new ReportAssert(Inspections.report(actual), softly);
  }

  // ---- signatures -----------------------------------------------------------------------------------

  /**
   * Verifies that the image has a signature by a public key, verified offline by the signatures inspector:
   * a cosign signature (PEM key: ECDSA, RSA or Ed25519; a transparency-log entry is required) or a GPG
   * simple signature (an exported OpenPGP key, armored or binary), over this image's manifest digest.
   * The signatures are read from the image's source, so the image must come from
   * {@link ImageCheckAssertions#assertThat(io.imagecheck.source.ImageSource)} or the JUnit extension.
   *
   * <pre>{@code
   * assertThat(source).isSignedBy(Path.of("keys/release.pub.asc"));
   * // fails: Expecting image dir:build/app to be signed by keys/release.pub.asc, but
   * // [high] signature.missing: no verified signature for sha256:... (no signature or attestation found in ...)
   * }</pre>
   *
   * @param publicKey a PEM public key file or an OpenPGP public key file
   * @return this assert
   * @throws IllegalStateException when the image's source is unknown (a test setup error)
   * @throws UncheckedIOException when the key or the image cannot be read
   */
  public ImageAssert isSignedBy(Path publicKey) {
    return isSignedBy(Signer.key(publicKey));
  }

  /**
   * Verifies that the image has a signature by a key or a keyless identity (see {@link Signer}), verified
   * offline, over this image.
   *
   * <pre>{@code
   * assertThat(source).isSignedBy(Signer.keyless("https://github\\.com/acme/.*", "https://token\\.actions\\..*"));
   * }</pre>
   *
   * @param signer who should have signed
   * @return this assert
   * @throws IllegalStateException when the image's source is unknown (a test setup error)
   */
  public ImageAssert isSignedBy(Signer signer) {
    Objects.requireNonNull(signer, "signer");
    ImageSource source = source("isSignedBy");
    Policy.Builder policy = Policy.builder("signed-by " + signer).inspectors(SignaturesInspector.ID)
        .option(SignaturesInspector.ID, "required", true);
    signer.options().forEach((k, v) -> policy.option(SignaturesInspector.ID, k, v));
    return check(() -> {
      InspectorResult r = signatures(source, policy.build());
      if (!Boolean.TRUE.equals(r.fact("signed").orElse(false))) {
        throwAssertionError(ShouldBeSignedBy.shouldBeSignedBy(source(), signer.toString(),
            r.findings().stream().filter(f -> !f.ruleId().equals("signature.verified")).toList()));
      }
    });
  }

  /**
   * Verifies that the image has a SLSA provenance attestation signed by a signer and made by a builder
   * whose id matches a regular expression (cosign {@code verify-attestation --type slsaprovenance}).
   *
   * <pre>{@code
   * assertThat(source).hasProvenance(ci, "https://github\\.com/slsa-framework/slsa-github-generator/.*");
   * }</pre>
   *
   * @param signer who should have signed the attestation
   * @param builderIdRegexp the builder ids allowed
   * @return this assert
   * @throws IllegalStateException when the image's source is unknown (a test setup error)
   */
  public ImageAssert hasProvenance(Signer signer, String builderIdRegexp) {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(builderIdRegexp, "builderIdRegexp");
    ImageSource source = source("hasProvenance");
    Policy.Builder policy = Policy.builder("provenance by " + signer + " from " + builderIdRegexp)
        .inspectors(SignaturesInspector.ID)
        .option(SignaturesInspector.ID, "requiredAttestations", List.of("slsaprovenance"))
        .option(SignaturesInspector.ID, "allowedBuilders", List.of(builderIdRegexp));
    signer.options().forEach((k, v) -> policy.option(SignaturesInspector.ID, k, v));
    return check(() -> {
      InspectorResult r = signatures(source, policy.build());
      List<Finding> problems = r.findings().stream().filter(f -> f.ruleId().startsWith("attestation.")).toList();
      if (!problems.isEmpty()) {
        throwAssertionError(ShouldBeSignedBy.shouldHaveProvenance(source(), signer.toString(), builderIdRegexp,
            r.findings().stream().filter(f -> !f.ruleId().equals("signature.verified")
                && !f.ruleId().equals("signature.missing")).toList()));
      }
    });
  }

  private ImageSource source(String assertion) {
    return Inspections.source(actual).orElseThrow(() -> new IllegalStateException(assertion + " needs the image's"
        + " source to find its signatures: use assertThat(source) or @ImageUnderTest"));
  }

  private InspectorResult signatures(ImageSource source, Policy policy) {
    Report report = Inspections.report(source, actual, policy);
    InspectorResult r = report.result(SignaturesInspector.ID).orElseThrow();
    if (r.status() == InspectorResult.Status.ERROR) {
      throwAssertionError(ShouldHaveBeenInspected.shouldHaveBeenInspected(source(), SignaturesInspector.ID,
          "it could not run: " + r.error().orElse("unknown error")));
    }
    return r;
  }

  // ---- structure tests ------------------------------------------------------------------------------

  /**
   * Verifies that container-structure-test configs pass on the image (file existence, file content,
   * metadata and license tests; command tests are skipped).
   *
   * <pre>{@code
   * assertThat(image).passesStructureTests(Path.of("src/test/structure/app.yaml"));
   * // fails: Expecting structure tests [app.yaml] on image ... to pass, but it failed:
   * // - File Existence Test: no shell failed
   * //     [high] structure.file-existence: File /bin/sh -> busybox = /bin/busybox should not exist but does
   * //     (layer 1 of 1 (...), history step 1: ...)
   * }</pre>
   *
   * @param configs the config files
   * @return this assert
   * @throws UncheckedIOException when a config cannot be read or is invalid (a test setup error)
   */
  public ImageAssert passesStructureTests(Path... configs) {
    StructureTests tests = StructureTests.load(configs);
    return check(() -> {
      Report report = tests.run(Inspections.view(actual));
      if (report.verdict() != Verdict.PASS) {
        throwAssertionError(ShouldPass.shouldPass(report));
      }
    });
  }
}
