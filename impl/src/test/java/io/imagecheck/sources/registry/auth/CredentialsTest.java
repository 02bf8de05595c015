package io.imagecheck.sources.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tests for {@link Credentials} and {@link BasicAuthenticator}. */
class CredentialsTest {

  @Test
  void should_mask_the_secret_in_to_string() {
    // GIVEN credentials parsed from --creds
    Credentials c = Credentials.parse("alice:s3cr:et");
    // WHEN printed THEN only the user name shows; the password keeps its colon
    assertThat(c.toString()).isEqualTo("Credentials[alice:***]");
    assertThat(c.username()).isEqualTo("alice");
    assertThat(c.secret()).isEqualTo("s3cr:et");
    assertThat(Credentials.identityToken("tok").toString()).doesNotContain("tok]").contains("***");
  }

  @Test
  void should_build_the_basic_header_and_refuse_identity_tokens() {
    // GIVEN user/password and identity-token credentials
    // WHEN the Basic header is built THEN it is base64(user:password), and an identity token is refused
    assertThat(BasicAuthenticator.authorization(new Credentials("testuser", "testpass")))
        .isEqualTo("Basic dGVzdHVzZXI6dGVzdHBhc3M=");
    assertThatThrownBy(() -> BasicAuthenticator.authorization(Credentials.identityToken("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Credentials.parse(":pw")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("pw");
  }
}
