package io.imagecheck.inspectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The name, value and key-body heuristics of the secrets inspector. */
class SecretHeuristicsTest {

  @ParameterizedTest
  @ValueSource(strings = {"DB_PASSWORD", "PASSWORD", "MYSQL_ROOT_PASSWORD", "DBPASSWD", "GPG_PASSPHRASE_X",
      "JWT_SECRET", "CLIENT_SECRET", "AWS_SECRET_ACCESS_KEY", "SECRET_KEY_BASE", "GITHUB_TOKEN", "NODE_AUTH_TOKEN",
      "API_KEY", "STRIPE_API_KEY", "MY_APIKEY", "ENCRYPTION_KEY", "DB_PWD", "GOOGLE_APPLICATION_CREDENTIALS_JSON",
      "npm_config_password", "app.secret"})
  void should_see_secret_looking_names(String name) {
    // GIVEN a secret-looking name
    // WHEN classified
    // THEN it looks secret
    assertThat(EnvNames.looksSecret(name)).as(name).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PATH", "HOME", "PWD", "GPG_KEY", "GPG_KEYS", "PHP_GPG_KEYS", "NGINX_GPGKEY", "RABBITMQ_PGP_KEY_ID",
      "NODE_KEY_URL", "TLS_KEY_FILE", "SSH_KEY_PATH", "PUBLIC_KEY", "JWT_PUBLIC_KEY", "KEY", "POSTGRES_PASSWORD_FILE",
      "AWS_ACCESS_KEY_ID", "TOKENIZERS_PARALLELISM", "SIGNING_KEY_FINGERPRINT", "HKP_KEYSERVER", "TOKEN_URL",
      "SECRET_NAME", "PASSWORD_MIN_LENGTH", "KEYRING", "MONKEY"})
  void should_not_see_well_known_false_positives(String name) {
    // GIVEN a name from the built-in allowlist or an ordinary name
    // WHEN classified
    // THEN it does not look secret
    assertThat(EnvNames.looksSecret(name)).as(name).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "${DB_PASSWORD}", "$DB_PASSWORD", "%TOKEN%", "%(password)s", "{{ .Values.pw }}",
      "<your token>", "changeme", "CHANGE_ME", "false", "yes", "null", "xxxxxxxx", "********", "your_api_key_here",
      "/run/secrets/db", "8", "1234", "\"\"", "example-password", "REPLACE_ME"})
  void should_treat_placeholders_as_no_secret(String value) {
    // GIVEN a placeholder, reference, flag or path
    // WHEN checked
    // THEN it is a placeholder
    assertThat(SecretValues.isPlaceholder(value)).as(value).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3cr3t", "hunter2", "p@ssw0rd!", "12345", "Zm9vYmFyYmF6", "'quoted-secret'"})
  void should_treat_real_looking_values_as_secret(String value) {
    // GIVEN a value that could be a real secret
    // WHEN checked
    // THEN it is not a placeholder
    assertThat(SecretValues.isPlaceholder(value)).as(value).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"abcdefghijklmnop, abcd\u2026 (16 characters)", "short, (5 characters)", "x, (1 character)",
      "ghp_0123456789abcdefghijABCDEFGHIJ012345, ghp_\u2026 (40 characters)"})
  void should_mask_values_as_prefix_and_length(String value, String hint) {
    // GIVEN a value
    // WHEN masked
    // THEN only the first four characters of long values and the length are shown
    assertThat(Masks.hint(value)).isEqualTo(hint);
  }

  @Test
  void should_accept_key_bodies_with_armor_headers_and_escaped_line_breaks() {
    // GIVEN real-looking bodies: RFC 1421 headers, OpenPGP armor, JSON escapes
    String b64 = TestSecrets.random(9, 128, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    // WHEN checked
    // THEN they are real
    assertThat(SecretPatterns.realKeyBody("\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\n" + b64 + "\n"))
        .isTrue();
    assertThat(SecretPatterns.realKeyBody("\nVersion: GnuPG v2\n\n" + b64 + "\n=AbCd\n")).isTrue();
    assertThat(SecretPatterns.realKeyBody("\\n" + b64.substring(0, 64) + "\\n" + b64.substring(64) + "\\n")).isTrue();
  }

  @Test
  void should_reject_key_bodies_that_are_placeholders_or_code() {
    // GIVEN short, repetitive, elided and code bodies
    // WHEN checked
    // THEN none is a real key
    assertThat(SecretPatterns.realKeyBody("\nMIIEowIBAAKCAQEA\n")).isFalse();
    assertThat(SecretPatterns.realKeyBody("\n" + "A".repeat(200) + "\n")).isFalse();
    assertThat(SecretPatterns.realKeyBody("\nMIIEowIBAAKCAQEAx...\n...\n")).isFalse();
    assertThat(SecretPatterns.realKeyBody("\";\nconst char *end = \"")).isFalse();
  }
}
