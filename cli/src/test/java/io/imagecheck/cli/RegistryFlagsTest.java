package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.sources.registry.RegistryOptions;
import io.imagecheck.sources.registry.auth.Credentials;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Tests for {@link RegistryFlags}: skopeo's flag names turned into {@link RegistryOptions}. */
class RegistryFlagsTest {

  private static RegistryOptions parse(String... args) {
    RegistryFlags flags = new RegistryFlags();
    new CommandLine(flags).parseArgs(args);
    return flags.options(Progress.disabled());
  }

  @Test
  void should_turn_skopeo_flags_into_registry_options() {
    // GIVEN the four flags
    // WHEN parsed
    RegistryOptions o = parse("--creds", "alice:s3cret", "--authfile", "/run/auth.json", "--cert-dir", "/etc/certs",
        "--tls-verify=false");
    // THEN credentials apply to the registry read, TLS is off for it, and the files are used
    assertThat(o.credentials()).containsEntry("*", new Credentials("alice", "s3cret"));
    assertThat(o.insecureRegistries()).containsExactly("*");
    assertThat(o.authFile()).contains(Path.of("/run/auth.json"));
    assertThat(o.certDir()).contains(Path.of("/etc/certs"));
    assertThat(o.toString()).doesNotContain("s3cret");
  }

  @Test
  void should_verify_tls_and_read_config_files_by_default() {
    // GIVEN no flags, or a bare --tls-verify
    RegistryOptions none = parse();
    RegistryOptions bare = parse("--tls-verify");
    // THEN TLS is verified and no explicit credentials are set
    assertThat(none.insecureRegistries()).isEmpty();
    assertThat(bare.insecureRegistries()).isEmpty();
    assertThat(none.credentials()).isEmpty();
    assertThat(none.authFile()).isEmpty();
  }

  @Test
  void should_refuse_creds_without_a_user_and_not_echo_the_value() {
    // GIVEN --creds with an empty user name
    CliRun run = CliRun.of("inspect", "--creds", ":topsecret", "docker://localhost:1/x");
    // THEN a usage error that does not show the password
    assertThat(run.code()).isEqualTo(ExitCode.ERROR.code());
    assertThat(run.err()).contains("--creds").doesNotContain("topsecret");
  }
}
