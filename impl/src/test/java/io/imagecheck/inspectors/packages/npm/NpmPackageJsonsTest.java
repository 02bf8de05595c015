package io.imagecheck.inspectors.packages.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tests for {@link NpmPackageJsons}. */
class NpmPackageJsonsTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void should_read_name_version_license_and_private_flag() throws PackageDatabaseException {
    // GIVEN
    String json =
        """
        {"name": "@acme/widgets", "version": "3.1.0-beta.2", "license": "Apache-2.0",
         "private": true, "main": "index.js", "dependencies": {"ms": "^2.1.3"}}
        """;

    // WHEN
    Optional<NpmPackage> p =
        NpmPackageJsons.parse("/app/node_modules/@acme/widgets/package.json", utf8(json));

    // THEN
    NpmPackage widgets = p.orElseThrow();
    assertThat(widgets.name()).isEqualTo("@acme/widgets");
    assertThat(widgets.version()).isEqualTo("3.1.0-beta.2");
    assertThat(widgets.path()).isEqualTo("/app/node_modules/@acme/widgets");
    assertThat(widgets.licenses()).containsExactly("Apache-2.0");
    assertThat(widgets.privatePackage()).isTrue();
    assertThat(widgets.dev()).isEmpty();
    assertThat(widgets.purl()).hasToString("pkg:npm/%40acme/widgets@3.1.0-beta.2");
  }

  @Test
  void should_read_the_legacy_license_object_and_licenses_array() throws PackageDatabaseException {
    // GIVEN
    String object = "{\"name\":\"old\",\"version\":\"0.1.0\",\"license\":{\"type\":\"MIT\","
        + "\"url\":\"https://example.org/MIT\"}}";
    String array = "{\"name\":\"older\",\"version\":\"0.0.1\",\"licenses\":[{\"type\":\"MIT\"},"
        + "\"GPL-2.0\"]}";

    // WHEN
    NpmPackage old = NpmPackageJsons.parse("/n/node_modules/old/package.json", utf8(object))
        .orElseThrow();
    NpmPackage older = NpmPackageJsons.parse("/n/node_modules/older/package.json", utf8(array))
        .orElseThrow();

    // THEN
    assertThat(old.licenses()).containsExactly("MIT");
    assertThat(older.licenses()).containsExactly("MIT", "GPL-2.0");
    assertThat(old.privatePackage()).isFalse();
  }

  @Test
  void should_find_no_package_in_a_manifest_without_version() throws PackageDatabaseException {
    // GIVEN
    String json = "{\"type\": \"module\"}";

    // WHEN
    Optional<NpmPackage> p = NpmPackageJsons.parse("/a/node_modules/x/esm/package.json", utf8(json));

    // THEN
    assertThat(p).isEmpty();
  }

  @Test
  void should_reject_a_version_that_is_not_a_string() {
    // GIVEN
    String json = "{\"name\": \"x\", \"version\": 1.0}";

    // WHEN / THEN
    assertThatThrownBy(() -> NpmPackageJsons.parse("/a/node_modules/x/package.json", utf8(json)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(
            "/a/node_modules/x/package.json: package.json: \"version\" is NUMBER, expected a"
                + " string");
  }

  @Test
  void should_recognise_installed_package_manifest_paths() {
    // GIVEN / WHEN / THEN
    assertThat(NpmPackageJsons.isInstalledPackagePath("/app/node_modules/ms/package.json")).isTrue();
    assertThat(NpmPackageJsons.isInstalledPackagePath("/app/node_modules/@babel/core/package.json"))
        .isTrue();
    assertThat(
            NpmPackageJsons.isInstalledPackagePath(
                "/app/node_modules/a/node_modules/b/package.json"))
        .isTrue();
    assertThat(NpmPackageJsons.isInstalledPackagePath("/app/node_modules/ms/lib/package.json"))
        .isFalse();
    assertThat(NpmPackageJsons.isInstalledPackagePath("/app/node_modules/@babel/package.json"))
        .isFalse();
    assertThat(NpmPackageJsons.isInstalledPackagePath("/app/package.json")).isFalse();
  }
}
