package io.imagecheck.inspectors.secrets;

import static io.imagecheck.testing.ReportScans.findings;
import static io.imagecheck.testing.ReportScans.result;
import static io.imagecheck.testing.ReportScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.testimage.TestImage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The secrets inspector on synthetic images, run through the scanner. */
class SecretsInspectorTest {

  private static final SecretsInspector INSPECTOR = new SecretsInspector();

  private static Report scanLayer(String path, String content) throws IOException {
    return scan(TestImage.builder().layer("COPY . /", l -> l.file(path, content)).build(), INSPECTOR);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> fact(Report report, String name) {
    return (List<Map<String, Object>>) result(report, SecretsInspector.ID).fact(name).orElseThrow();
  }

  /** Nothing of the value may appear in messages, evidence or facts (beyond a 4-character prefix). */
  private static void assertNeverPrinted(Report report, String value) {
    String tail = value.substring(4);
    for (Finding f : report.findings()) {
      assertThat(f.message()).doesNotContain(tail);
      assertThat(f.evidence().toString()).doesNotContain(tail);
    }
    assertThat(result(report, SecretsInspector.ID).facts().toString()).doesNotContain(tail);
  }

  @Test
  void should_report_rsa_private_key_as_critical_without_its_body() throws IOException {
    // GIVEN a real RSA key in /root/.ssh/id_rsa
    String pem = TestSecrets.rsaPem("RSA PRIVATE KEY");
    // WHEN the image is scanned
    Report report = scanLayer("/root/.ssh/id_rsa", pem);
    // THEN one CRITICAL finding names the path and the key type, with a masked hint only
    assertThat(findings(report, SecretsInspector.PRIVATE_KEY)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.message()).isEqualTo("RSA private key in /root/.ssh/id_rsa");
      assertThat(f.path()).contains("/root/.ssh/id_rsa");
      assertThat(f.origin()).hasValueSatisfying(o -> assertThat(o.layerNumber()).isEqualTo(1));
      assertThat(f.evidence()).containsEntry("stillInFinalTree", "true").containsEntry("kind", "private-key")
          .containsEntry("hint", "PEM, " + pem.strip().length() + " characters");
    });
    String body = pem.split("\n")[3];
    assertNeverPrinted(report, body);
    assertThat(fact(report, "secrets")).singleElement().satisfies(s -> assertThat(s)
        .containsEntry("kind", "private-key").containsEntry("path", "/root/.ssh/id_rsa").containsEntry("layer", 1)
        .containsEntry("stillInFinalTree", true));
  }

  @Test
  void should_name_each_key_type_of_pem_openssh_pkcs8_encrypted_and_pgp_blocks() throws IOException {
    // GIVEN one file per kind of private-key block
    TestImage image = TestImage.builder().layer("COPY keys /keys", l -> l
        .file("/keys/a.pem", TestSecrets.rsaPem("PRIVATE KEY"))
        .file("/keys/b.key", TestSecrets.randomPem("EC PRIVATE KEY", 121))
        .file("/keys/id_ed25519", TestSecrets.randomPem("OPENSSH PRIVATE KEY", 400))
        .file("/keys/c.pem", TestSecrets.randomPem("ENCRYPTED PRIVATE KEY", 700))
        .file("/keys/d.asc", TestSecrets.randomPem("PGP PRIVATE KEY BLOCK", 900).replace("-----\n",
            "-----\nVersion: GnuPG v2\n\n"))
        .file("/keys/e.json", "{\"key\": \"" + TestSecrets.rsaPem("PRIVATE KEY").replace("\n", "\\n") + "\"}"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN each is one CRITICAL finding with its type (also inside a JSON string)
    assertThat(findings(report, SecretsInspector.PRIVATE_KEY)).extracting(Finding::message).containsExactlyInAnyOrder(
        "PKCS#8 private key in /keys/a.pem",
        "EC private key in /keys/b.key",
        "encrypted PKCS#8 private key in /keys/c.pem",
        "PGP private key in /keys/d.asc",
        "PKCS#8 private key in /keys/e.json",
        "OpenSSH private key in /keys/id_ed25519");
  }

  @Test
  void should_not_report_public_keys_certificates_or_placeholder_key_blocks() throws IOException {
    // GIVEN a certificate, a public key, a key block with a placeholder body, and an unterminated block
    TestImage image = TestImage.builder().layer("COPY . /", l -> l
        .file("/etc/ssl/certs/ca.pem", TestSecrets.randomPem("CERTIFICATE", 900))
        .file("/root/.ssh/id_rsa.pub.pem", TestSecrets.randomPem("PUBLIC KEY", 300))
        .file("/etc/apt/trusted.gpg.d/debian.asc", TestSecrets.randomPem("PGP PUBLIC KEY BLOCK", 900))
        .file("/usr/share/example/README", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n"
            + "...\n-----END RSA PRIVATE KEY-----\n")
        .file("/src/parser.c", "static const char *h = \"-----BEGIN RSA PRIVATE KEY-----\";\n"
            + "static const char *t = \"-----END RSA PRIVATE KEY-----\";\n")
        .file("/src/cut.pem", TestSecrets.rsaPem("PRIVATE KEY").replace("-----END PRIVATE KEY-----", "")))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN nothing is reported
    assertThat(report.findings()).isEmpty();
    assertThat(fact(report, "secrets")).isEmpty();
  }

  @Test
  void should_report_key_deleted_by_later_layer_at_the_layer_that_ships_it() throws IOException {
    // GIVEN a key added in layer 2 and deleted in layer 3
    TestImage image = TestImage.builder()
        .layer("FROM scratch", l -> l.file("/etc/hostname", "box\n"))
        .layer("COPY id_rsa /root/.ssh/id_rsa", l -> l.file("/root/.ssh/id_rsa", TestSecrets.rsaPem("RSA PRIVATE KEY")))
        .layer("RUN rm /root/.ssh/id_rsa", l -> l.whiteout("/root/.ssh/id_rsa"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN the finding says where it still is, with the origin of layer 2
    assertThat(findings(report, SecretsInspector.PRIVATE_KEY)).singleElement().satisfies(f -> {
      assertThat(f.message()).isEqualTo(
          "RSA private key in /root/.ssh/id_rsa: removed in layer 3, but still shipped in layer 2");
      assertThat(f.origin()).hasValueSatisfying(o -> {
        assertThat(o.layerNumber()).isEqualTo(2);
        assertThat(o.createdBy()).contains("COPY id_rsa /root/.ssh/id_rsa");
      });
      assertThat(f.evidence()).containsEntry("stillInFinalTree", "false").containsEntry("removedInLayer", "3");
    });
    assertThat(fact(report, "secrets")).singleElement().satisfies(s -> assertThat(s)
        .containsEntry("layer", 2).containsEntry("stillInFinalTree", false));
  }

  @Test
  void should_report_the_final_copy_once_when_several_layers_hold_the_key() throws IOException {
    // GIVEN the same key written by layer 1 and again (chmod) by layer 2
    String pem = TestSecrets.rsaPem("PRIVATE KEY");
    TestImage image = TestImage.builder()
        .layer("COPY key.pem /app/key.pem", l -> l.file("/app/key.pem", pem))
        .layer("RUN chmod 600 /app/key.pem", l -> l.file("/app/key.pem", pem, 0600))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN one finding at the final copy (layer 2), naming layer 1 as another holder; two fact entries
    assertThat(findings(report, SecretsInspector.PRIVATE_KEY)).singleElement().satisfies(f -> {
      assertThat(f.message()).isEqualTo("PKCS#8 private key in /app/key.pem");
      assertThat(f.origin()).hasValueSatisfying(o -> assertThat(o.layerNumber()).isEqualTo(2));
      assertThat(f.evidence()).containsEntry("alsoInLayers", "1");
    });
    assertThat(fact(report, "secrets")).extracting(s -> s.get("layer") + ":" + s.get("stillInFinalTree"))
        .containsExactly("1:false", "2:true");
  }

  @Test
  void should_report_each_credentials_file_with_a_secret() throws IOException {
    // GIVEN one credentials file of each kind, each holding a value
    String pw = TestSecrets.password();
    TestImage image = TestImage.builder().layer("COPY home /root", l -> l
        .file("/root/.aws/credentials", "[default]\naws_access_key_id = " + TestSecrets.awsKeyId()
            + "\naws_secret_access_key = " + TestSecrets.awsSecret() + "\n")
        .file("/root/.docker/config.json", "{\"auths\": {\"ghcr.io\": {\"auth\": \"" + pw + "\"}}}")
        .file("/root/.netrc", "machine example.com login me password " + pw + "\n")
        .file("/root/.npmrc", "//registry.npmjs.org/:_authToken=" + pw + "\n")
        .file("/root/.pypirc", "[pypi]\nusername = __token__\npassword = " + pw + "\n")
        .file("/root/.git-credentials", "https://me:" + pw + "@github.com\n")
        .file("/app/sa.json", "{\"type\": \"service_account\", \"project_id\": \"p\", \"private_key\": \""
            + TestSecrets.rsaPem("PRIVATE KEY").replace("\n", "\\n") + "\"}"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN each is a HIGH credentials-file finding; the service account key is also a private key
    assertThat(findings(report, SecretsInspector.CREDENTIALS_FILE)).allSatisfy(f ->
        assertThat(f.severity()).isEqualTo(Severity.HIGH)).extracting(f -> f.evidence().get("kind") + " " + f.path()
        .orElseThrow()).containsExactlyInAnyOrder(
            "aws-credentials /root/.aws/credentials",
            "docker-config /root/.docker/config.json",
            "netrc /root/.netrc",
            "npmrc /root/.npmrc",
            "pypirc /root/.pypirc",
            "git-credentials /root/.git-credentials",
            "gcp-service-account /app/sa.json");
    assertThat(findings(report, SecretsInspector.PRIVATE_KEY)).extracting(f -> f.path().orElseThrow())
        .containsExactly("/app/sa.json");
    assertThat(findings(report, SecretsInspector.CREDENTIALS_FILE)).filteredOn(f -> f.path().orElseThrow()
        .equals("/root/.docker/config.json")).singleElement().satisfies(f -> assertThat(f.evidence())
            .containsEntry("hint", "credentials for ghcr.io"));
    assertNeverPrinted(report, pw);
    assertNeverPrinted(report, TestSecrets.awsSecret());
  }

  @Test
  void should_not_report_credentials_files_without_a_usable_secret() throws IOException {
    // GIVEN the same files with references, placeholders, empty values or credential helpers
    TestImage image = TestImage.builder().layer("COPY home /root", l -> l
        .file("/root/.aws/credentials", "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
            + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")
        .file("/root/.aws/config", "[default]\nregion = eu-west-1\n")
        .file("/root/.docker/config.json", "{\"auths\": {\"ghcr.io\": {}}, \"credsStore\": \"desktop\"}")
        .file("/root/.netrc", "machine example.com login anonymous\n")
        .file("/root/.npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nregistry=https://r.example/\n")
        .file("/root/.pypirc", "[pypi]\nusername = __token__\npassword = <your token>\n")
        .file("/app/sa.json", "{\"type\": \"authorized_user\", \"client_id\": \"x\"}"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN nothing is reported
    assertThat(report.findings()).isEmpty();
  }

  @Test
  void should_report_tokens_with_their_exact_shape_only() throws IOException {
    // GIVEN a GitHub token, an AWS key pair and a Slack token in config files, and look-alikes
    TestImage image = TestImage.builder().layer("COPY conf /app", l -> l
        .file("/app/github.env", "GITHUB=" + TestSecrets.githubToken() + "\n")
        .file("/app/aws.yaml", "aws:\n  id: " + TestSecrets.awsKeyId() + "\n  secret: " + TestSecrets.awsSecret()
            + "\n")
        .file("/app/slack.txt", "hook token " + TestSecrets.slackToken() + "\n")
        .file("/app/lookalikes.txt", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n" + TestSecrets.awsKeyId()
            + " without a secret\nxoxb-your-token-here\nghp_short\n"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN the three real shapes are HIGH token findings, the look-alikes are not
    assertThat(findings(report, SecretsInspector.TOKEN)).extracting(f -> f.evidence().get("kind") + " " + f.path()
        .orElseThrow()).containsExactlyInAnyOrder("aws-access-key /app/aws.yaml", "github-token /app/github.env",
            "slack-token /app/slack.txt");
    assertThat(findings(report, SecretsInspector.TOKEN)).filteredOn(f -> f.path().orElseThrow()
        .equals("/app/github.env")).singleElement().satisfies(f -> assertThat(f.evidence())
            .containsEntry("hint", "ghp_\u2026 (40 characters)"));
    assertNeverPrinted(report, TestSecrets.githubToken());
    assertNeverPrinted(report, TestSecrets.awsSecret());
    assertNeverPrinted(report, TestSecrets.slackToken());
  }

  @Test
  void should_report_secret_env_names_with_values_and_skip_the_allowlist() throws IOException {
    // GIVEN secret-looking ENV names with values, and well-known false positives
    String pw = TestSecrets.password();
    TestImage image = TestImage.builder()
        .config(c -> c.addEnv("DB_PASSWORD", pw).addEnv("STRIPE_API_KEY", "sk" + pw).addEnv("GITHUB_TOKEN", "t" + pw)
            .addEnv("GPG_KEY", "A035C8C19219BA821ECEA86B64E628F8D684696D")
            .addEnv("NODE_KEY_URL", "https://example.com/key").addEnv("POSTGRES_PASSWORD_FILE", "/run/secrets/pg")
            .addEnv("MYSQL_ROOT_PASSWORD", "").addEnv("API_TOKEN", "${API_TOKEN}").addEnv("PUBLIC_KEY", "ssh-ed25519 AAAA")
            .addEnv("TOKENIZERS_PARALLELISM", "false").addEnv("APP_KEY_FINGERPRINT", "ab:cd").addEnv("PWD", "/"))
        .layer("COPY . /", l -> l.file("/app/main", "x"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN exactly the three real ones are HIGH findings, with hints only
    assertThat(findings(report, SecretsInspector.ENV)).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH))
        .extracting(Finding::message).containsExactly(
            "ENV DB_PASSWORD has a value that looks secret (" + pw.substring(0, 4) + "\u2026 (24 characters)) in the "
                + "image config",
            "ENV STRIPE_API_KEY has a value that looks secret (sk" + pw.substring(0, 2) + "\u2026 (26 characters)) in the "
                + "image config",
            "ENV GITHUB_TOKEN has a value that looks secret (t" + pw.substring(0, 3) + "\u2026 (25 characters)) in the "
                + "image config");
    assertNeverPrinted(report, pw);
  }

  @Test
  void should_report_secret_build_argument_recorded_in_history() throws IOException {
    // GIVEN a BuildKit RUN step that recorded a build argument, and one with a harmless argument
    String token = TestSecrets.password();
    TestImage image = TestImage.builder()
        .layer("RUN |2 NPM_TOKEN=" + token + " NODE_ENV=production /bin/sh -c npm ci # buildkit",
            l -> l.file("/app/package.json", "{}"))
        .layer("RUN |1 VERSION=1.2.3 /bin/sh -c make # buildkit", l -> l.file("/app/out", "x"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN one finding names the argument and the step, with the origin of the layer it made
    assertThat(findings(report, SecretsInspector.BUILD_ARG)).singleElement().satisfies(f -> {
      assertThat(f.message()).isEqualTo("build argument NPM_TOKEN with a secret-looking value ("
          + token.substring(0, 4) + "\u2026 (24 characters)) is recorded in history step 1");
      assertThat(f.origin()).hasValueSatisfying(o -> assertThat(o.layerNumber()).isEqualTo(1));
    });
  }

  @Test
  void should_parse_build_arguments_of_docker_buildkit_and_buildah_history() {
    // GIVEN history commands as the classic builder, BuildKit and buildah write them
    // WHEN parsed
    // THEN the arguments are found, and plain commands have none
    assertThat(SecretsInspector.buildArgs("|2 A=1 B=two /bin/sh -c make")).containsExactly(
        Map.entry("A", "1"), Map.entry("B", "two"));
    assertThat(SecretsInspector.buildArgs("RUN |1 TOKEN=abc /bin/sh -c echo # buildkit"))
        .containsExactly(Map.entry("TOKEN", "abc"));
    assertThat(SecretsInspector.buildArgs("/bin/sh -c echo |1 X=y")).isEmpty();
  }

  @Test
  void should_skip_allowed_paths_and_env_names_from_policy_options() throws IOException {
    // GIVEN a key and a secret env, both allowed by the policy
    TestImage image = TestImage.builder()
        .config(c -> c.addEnv("SERVICE_TOKEN", TestSecrets.password()))
        .layer("COPY . /", l -> l.file("/opt/demo/keys/demo.pem", TestSecrets.rsaPem("PRIVATE KEY")))
        .build();
    Policy policy = Policy.builder("test").option("secrets", "allowPaths", List.of("/opt/demo/**"))
        .option("secrets", "allowEnv", List.of("SERVICE_*")).build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR, policy);
    // THEN nothing is reported and the key is listed as allowlisted
    assertThat(report.findings()).isEmpty();
    assertThat(fact(report, "allowlisted")).singleElement().satisfies(a -> assertThat(a)
        .containsEntry("path", "/opt/demo/keys/demo.pem").containsEntry("reason", "allowPaths"));
  }

  @Test
  void should_allowlist_keys_of_runtime_test_suites_and_packages() throws IOException {
    // GIVEN keys where CPython's test suite, an npm package and GnuTLS keep theirs
    String pem = TestSecrets.rsaPem("PRIVATE KEY");
    TestImage image = TestImage.builder().layer("RUN install", l -> l
        .file("/usr/local/lib/python3.12/test/certdata/keycert.pem", pem)
        .file("/app/node_modules/agent-base/test/ssl-cert-snakeoil.key", pem)
        .file("/usr/lib/x86_64-linux-gnu/libgnutls.so.30.34.3", "\0ELF" + pem))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN no finding; each is in the allowlisted fact with its reason
    assertThat(report.findings()).isEmpty();
    assertThat(fact(report, "allowlisted")).extracting(a -> a.get("path") + " " + a.get("reason"))
        .containsExactlyInAnyOrder(
        "/usr/local/lib/python3.12/test/certdata/keycert.pem test data directory test/",
        "/app/node_modules/agent-base/test/ssl-cert-snakeoil.key file of a third-party package in node_modules/ "
            + "(published, hence public)",
        "/usr/lib/x86_64-linux-gnu/libgnutls.so.30.34.3 library (self-test keys of crypto libraries)");
  }

  @Test
  void should_not_read_files_larger_than_the_scan_limit() throws IOException {
    // GIVEN a key at the start of a file just over 1 MiB
    String pem = TestSecrets.rsaPem("PRIVATE KEY");
    String big = pem + "x".repeat((int) SecretsInspector.MAX_FILE_BYTES);
    // WHEN scanned
    Report report = scanLayer("/data/big.bin", big);
    // THEN it is not reported, and the limit is a fact
    assertThat(report.findings()).isEmpty();
    InspectorResult r = result(report, SecretsInspector.ID);
    assertThat(r.fact("scannedFileLimit")).contains(1_048_576L);
  }
}
