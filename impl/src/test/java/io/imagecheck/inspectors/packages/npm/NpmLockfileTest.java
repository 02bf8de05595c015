package io.imagecheck.inspectors.packages.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests for {@link NpmLockfile}. */
class NpmLockfileTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The shape npm 9+ writes: a workspace, a link, scoped, nested, dev and aliased entries. */
  private static final String V3 =
      """
      {
        "name": "shop",
        "version": "1.4.0",
        "lockfileVersion": 3,
        "requires": true,
        "packages": {
          "": {
            "name": "shop",
            "version": "1.4.0",
            "license": "UNLICENSED",
            "workspaces": ["packages/*"],
            "dependencies": { "express": "^4.19.2", "lodash-es": "npm:lodash@^4.17.21" },
            "devDependencies": { "@babel/core": "^7.24.0" }
          },
          "node_modules/@babel/core": {
            "version": "7.24.0",
            "resolved": "https://registry.npmjs.org/@babel/core/-/core-7.24.0.tgz",
            "integrity": "sha512-AAAA",
            "dev": true,
            "license": "MIT",
            "dependencies": { "debug": "^4.1.0" }
          },
          "node_modules/@babel/core/node_modules/debug": {
            "version": "4.3.4",
            "dev": true,
            "license": "MIT"
          },
          "node_modules/express": {
            "version": "4.19.2",
            "resolved": "https://registry.npmjs.org/express/-/express-4.19.2.tgz",
            "license": "MIT",
            "dependencies": { "debug": "2.6.9" }
          },
          "node_modules/debug": {
            "version": "2.6.9",
            "license": "MIT"
          },
          "node_modules/fsevents": {
            "version": "2.3.3",
            "devOptional": true,
            "optional": true,
            "os": ["darwin"]
          },
          "node_modules/lodash-es": {
            "name": "lodash",
            "version": "4.17.21",
            "license": "MIT"
          },
          "node_modules/ui": {
            "resolved": "packages/ui",
            "link": true
          },
          "packages/ui": {
            "name": "ui",
            "version": "0.1.0",
            "license": "UNLICENSED"
          },
          "node_modules/broken-install": {
            "resolved": "https://registry.npmjs.org/x/-/x.tgz"
          }
        }
      }
      """;

  @Test
  void should_read_the_packages_map_of_a_v3_lockfile_without_the_root_project() throws Exception {
    // GIVEN
    byte[] content = utf8(V3);

    // WHEN
    NpmLockfile lock = NpmLockfile.parse("/srv/shop/package-lock.json", content);

    // THEN
    assertThat(lock.lockfileVersion()).isEqualTo(3);
    assertThat(lock.name()).contains("shop");
    assertThat(lock.version()).contains("1.4.0");
    assertThat(lock.packages())
        .extracting(NpmPackage::name, NpmPackage::version, NpmPackage::path, NpmPackage::dev)
        .containsExactly(
            tuple("@babel/core", "7.24.0", "/srv/shop/node_modules/@babel/core", Optional.of(true)),
            tuple("debug", "4.3.4", "/srv/shop/node_modules/@babel/core/node_modules/debug",
                Optional.of(true)),
            tuple("express", "4.19.2", "/srv/shop/node_modules/express", Optional.of(false)),
            tuple("debug", "2.6.9", "/srv/shop/node_modules/debug", Optional.of(false)),
            tuple("fsevents", "2.3.3", "/srv/shop/node_modules/fsevents", Optional.of(true)),
            tuple("lodash", "4.17.21", "/srv/shop/node_modules/lodash-es", Optional.of(false)),
            tuple("ui", "0.1.0", "/srv/shop/node_modules/ui", Optional.of(false)));
    assertThat(lock.packages().get(0).licenses()).containsExactly("MIT");
    assertThat(lock.packages().get(0).purl()).hasToString("pkg:npm/%40babel/core@7.24.0");
  }

  @Test
  void should_read_a_v2_lockfile_from_its_packages_map_only() throws Exception {
    // GIVEN
    String v2 =
        """
        {"name": "app", "version": "0.0.1", "lockfileVersion": 2, "requires": true,
         "packages": {
           "": {"name": "app", "version": "0.0.1"},
           "node_modules/ms": {"version": "2.1.3"}
         },
         "dependencies": {
           "ms": {"version": "2.1.3"}
         }}
        """;

    // WHEN
    NpmLockfile lock = NpmLockfile.parse("/app/npm-shrinkwrap.json", utf8(v2));

    // THEN
    assertThat(lock.lockfileVersion()).isEqualTo(2);
    assertThat(lock.packages())
        .extracting(NpmPackage::name, NpmPackage::version, NpmPackage::path)
        .containsExactly(tuple("ms", "2.1.3", "/app/node_modules/ms"));
  }

  @Test
  void should_walk_the_nested_dependencies_tree_of_a_v1_lockfile() throws Exception {
    // GIVEN
    String v1 =
        """
        {
          "name": "legacy",
          "version": "2.0.0",
          "lockfileVersion": 1,
          "requires": true,
          "dependencies": {
            "debug": {
              "version": "2.6.9",
              "resolved": "https://registry.npmjs.org/debug/-/debug-2.6.9.tgz",
              "requires": { "ms": "2.0.0" },
              "dependencies": {
                "ms": { "version": "2.0.0" }
              }
            },
            "ms": { "version": "2.1.3" },
            "mocha": {
              "version": "10.4.0",
              "dev": true,
              "dependencies": {
                "@types/node": { "version": "20.12.7", "dev": true }
              }
            }
          }
        }
        """;

    // WHEN
    NpmLockfile lock = NpmLockfile.parse("/legacy/package-lock.json", utf8(v1));

    // THEN
    assertThat(lock.lockfileVersion()).isEqualTo(1);
    assertThat(lock.name()).contains("legacy");
    assertThat(lock.packages())
        .extracting(NpmPackage::name, NpmPackage::version, NpmPackage::path, NpmPackage::dev)
        .containsExactly(
            tuple("debug", "2.6.9", "/legacy/node_modules/debug", Optional.of(false)),
            tuple("ms", "2.1.3", "/legacy/node_modules/ms", Optional.of(false)),
            tuple("mocha", "10.4.0", "/legacy/node_modules/mocha", Optional.of(true)),
            tuple("ms", "2.0.0", "/legacy/node_modules/debug/node_modules/ms", Optional.of(false)),
            tuple("@types/node", "20.12.7",
                "/legacy/node_modules/mocha/node_modules/@types/node", Optional.of(true)));
  }

  @Test
  void should_resolve_the_hidden_lockfile_against_the_project_directory() throws Exception {
    // GIVEN
    String hidden =
        """
        {"name": "app", "lockfileVersion": 3, "requires": true,
         "packages": {"node_modules/ms": {"version": "2.1.3", "license": "MIT"}}}
        """;

    // WHEN
    NpmLockfile lock = NpmLockfile.parse("/app/node_modules/.package-lock.json", utf8(hidden));

    // THEN
    assertThat(lock.packages()).extracting(NpmPackage::path).containsExactly("/app/node_modules/ms");
  }

  @Test
  @Timeout(10)
  void should_refuse_a_lockfile_nested_10000_levels_deep() {
    // GIVEN
    StringBuilder sb = new StringBuilder("{\"lockfileVersion\":1,\"dependencies\":");
    for (int i = 0; i < 10_000; i++) {
      sb.append("{\"d\":{\"version\":\"1.0.0\",\"dependencies\":");
    }
    sb.append("{}");
    sb.append("}}".repeat(10_000)).append('}');

    // WHEN / THEN
    assertThatThrownBy(() -> NpmLockfile.parse("/deep/package-lock.json", utf8(sb.toString())))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith("/deep/package-lock.json: not valid JSON: Document nesting depth (")
        .hasMessageContaining("exceeds the maximum allowed (500");
  }

  @Test
  void should_read_a_v1_tree_nested_just_under_the_limit() throws Exception {
    // GIVEN: each level costs two JSON levels, the document one more
    int levels = 240;
    StringBuilder sb = new StringBuilder("{\"lockfileVersion\":1,\"dependencies\":");
    for (int i = 0; i < levels; i++) {
      sb.append("{\"d\":{\"version\":\"1.0.").append(i).append("\",\"dependencies\":");
    }
    sb.append("{}").append("}}".repeat(levels)).append('}');

    // WHEN
    NpmLockfile lock = NpmLockfile.parse("/deep/package-lock.json", utf8(sb.toString()));

    // THEN
    assertThat(lock.packages()).hasSize(levels);
    assertThat(lock.packages().get(levels - 1).version()).isEqualTo("1.0." + (levels - 1));
    assertThat(lock.packages().get(levels - 1).path())
        .isEqualTo("/deep" + "/node_modules/d".repeat(levels));
  }

  @Test
  void should_reject_invalid_utf8_trailing_garbage_and_wrong_types() {
    // GIVEN
    byte[] badUtf8 = {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    byte[] trailing = utf8("{\"lockfileVersion\":3} {}");
    byte[] array = utf8("[1,2]");
    byte[] wrongVersion = utf8("{\"packages\":{\"node_modules/x\":{\"version\":7}}}");
    byte[] wrongEntry = utf8("{\"packages\":{\"node_modules/x\":\"1.0.0\"}}");

    // WHEN / THEN
    assertThatThrownBy(() -> NpmLockfile.parse("/a/package-lock.json", badUtf8))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith("/a/package-lock.json: not valid JSON: Invalid UTF-8");
    assertThatThrownBy(() -> NpmLockfile.parse("/a/package-lock.json", trailing))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith("/a/package-lock.json: not valid JSON: Trailing token");
    assertThatThrownBy(() -> NpmLockfile.parse("/a/package-lock.json", array))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage("/a/package-lock.json: expected a JSON object, found ARRAY");
    assertThatThrownBy(() -> NpmLockfile.parse("/a/package-lock.json", wrongVersion))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(
            "/a/package-lock.json: packages[\"node_modules/x\"]: \"version\" is NUMBER, expected a"
                + " string");
    assertThatThrownBy(() -> NpmLockfile.parse("/a/package-lock.json", wrongEntry))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage("/a/package-lock.json: packages[\"node_modules/x\"] is not an object");
  }
}
