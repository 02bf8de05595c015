package io.imagecheck.sources.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.source.ImageFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link CredentialStore}. */
class CredentialStoreTest {

  @TempDir
  Path tmp;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, String json) throws IOException {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, json, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void should_read_docker_config_auths_including_the_docker_hub_legacy_key() throws IOException {
    // GIVEN ~/.docker/config.json with a Docker Hub entry under its v1 URL and a host:port entry
    write("home/.docker/config.json", "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:hubpw")
        + "\"},\"registry.example:5000\":{\"username\":\"u\",\"password\":\"p\"}}}");
    CredentialStore store = CredentialStore.create(Map.of(), null, Map.of("HOME", tmp.resolve("home").toString()));
    // WHEN credentials are looked up THEN each registry gets its own
    assertThat(store.find("docker.io", "library/alpine")).contains(new Credentials("hub", "hubpw"));
    assertThat(store.find("registry.example:5000", "a/b")).contains(new Credentials("u", "p"));
    assertThat(store.find("other.example", "a")).isEmpty();
  }

  @Test
  void should_prefer_registry_auth_file_and_the_most_specific_key() throws IOException {
    // GIVEN REGISTRY_AUTH_FILE with a host entry and a host/namespace entry, and a docker config too
    Path auth = write("auth.json", "{\"auths\":{\"quay.example\":{\"auth\":\"" + b64("host:h") + "\"},"
        + "\"quay.example/team\":{\"auth\":\"" + b64("team:t") + "\"}}}");
    write("docker/config.json", "{\"auths\":{\"quay.example\":{\"auth\":\"" + b64("docker:d") + "\"}}}");
    CredentialStore store = CredentialStore.create(Map.of(), null, Map.of("REGISTRY_AUTH_FILE", auth.toString(),
        "DOCKER_CONFIG", tmp.resolve("docker").toString()));
    // WHEN looked up THEN the auth file wins, and the namespace entry wins for its repositories
    assertThat(store.find("quay.example", "team/app")).contains(new Credentials("team", "t"));
    assertThat(store.find("quay.example", "other/app")).contains(new Credentials("host", "h"));
  }

  @Test
  void should_let_explicit_credentials_win_and_an_authfile_replace_the_defaults() throws IOException {
    // GIVEN a docker config, an explicit auth file and explicit credentials for one host
    write("docker/config.json", "{\"auths\":{\"a.example\":{\"auth\":\"" + b64("docker:d") + "\"}}}");
    Path authFile = write("explicit.json", "{\"auths\":{\"b.example\":{\"identitytoken\":\"refresh-tok\"}}}");
    CredentialStore store = CredentialStore.create(Map.of("c.example", new Credentials("x", "y")), authFile,
        Map.of("DOCKER_CONFIG", tmp.resolve("docker").toString()));
    // WHEN looked up
    // THEN explicit beats all, the auth file replaces docker config, identity tokens are recognised
    assertThat(store.find("c.example", "r")).contains(new Credentials("x", "y"));
    assertThat(store.find("a.example", "r")).isEmpty();
    assertThat(store.find("b.example", "r")).hasValueSatisfying(c -> {
      assertThat(c.isIdentityToken()).isTrue();
      assertThat(c.secret()).isEqualTo("refresh-tok");
    });
  }

  @Test
  void should_run_cred_helpers_and_creds_store() throws IOException {
    // GIVEN credHelpers for one host, credsStore for the rest, and both helpers on the PATH
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    helper(bin, "special", "{\"Username\":\"special-user\",\"Secret\":\"s1\"}", 0);
    helper(bin, "store", "{\"Username\":\"<token>\",\"Secret\":\"idtok\"}", 0);
    write("docker/config.json", "{\"credsStore\":\"store\",\"credHelpers\":{\"gcr.example\":\"special\"}}");
    CredentialStore store = CredentialStore.create(Map.of(), null,
        Map.of("DOCKER_CONFIG", tmp.resolve("docker").toString(), "PATH", bin.toString()));
    // WHEN looked up THEN each helper answers for its hosts
    assertThat(store.find("gcr.example", "p/i")).contains(new Credentials("special-user", "s1"));
    assertThat(store.find("any.example", "p/i")).contains(Credentials.identityToken("idtok"));
  }

  @Test
  void should_treat_a_helper_not_found_answer_as_no_credentials_and_report_other_failures() throws IOException {
    // GIVEN one helper that answers "credentials not found" and one that fails
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    helper(bin, "none", "credentials not found in native keychain", 1);
    helper(bin, "broken", "secret-leak", 3);
    write("d1/config.json", "{\"credsStore\":\"none\"}");
    write("d2/config.json", "{\"credsStore\":\"broken\"}");
    CredentialStore none = CredentialStore.create(Map.of(), null,
        Map.of("DOCKER_CONFIG", tmp.resolve("d1").toString(), "PATH", bin.toString()));
    CredentialStore broken = CredentialStore.create(Map.of(), null,
        Map.of("DOCKER_CONFIG", tmp.resolve("d2").toString(), "PATH", bin.toString()));
    // WHEN looked up THEN no credentials, resp. an error with the exit code and not the helper's output
    assertThat(none.find("x.example", "r")).isEmpty();
    assertThatThrownBy(() -> broken.find("x.example", "r")).isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("exit code 3").hasMessageNotContaining("secret-leak");
  }

  @Test
  void should_reject_malformed_auth_entries_without_echoing_them() throws IOException {
    // GIVEN an auths entry whose auth is not base64 of user:password
    write("docker/config.json", "{\"auths\":{\"x.example\":{\"auth\":\"" + b64("nocolon") + "\"}}}");
    CredentialStore store = CredentialStore.create(Map.of(), null,
        Map.of("DOCKER_CONFIG", tmp.resolve("docker").toString()));
    // WHEN looked up THEN a format error names the file and key, not the value
    assertThatThrownBy(() -> store.find("x.example", "r")).isInstanceOf(ImageFormatException.class)
        .hasMessageContaining("config.json").hasMessageContaining("x.example").hasMessageNotContaining("nocolon");
  }

  private static void helper(Path bin, String name, String output, int exit) throws IOException {
    Path p = bin.resolve("docker-credential-" + name);
    Files.writeString(p, "#!/bin/sh\nread server\necho '" + output + "'\nexit " + exit + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
