package io.imagecheck.inspectors.secrets;

import io.imagecheck.fs.PathGlob;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in path allowlist: places where runtimes and third-party packages install test suites,
 * test sources and documentation that carry throw-away keys on purpose. Hits there are not findings;
 * they are listed in the {@code allowlisted} fact with the reason, so nothing disappears silently.
 *
 * <p>Each entry was added for keys seen in real trees:
 * <ul>
 *   <li>a directory named {@code test}, {@code tests}, {@code testdata}, {@code test_data},
 *       {@code test-data}, {@code __tests__}, {@code fixtures} or {@code __fixtures__} anywhere in the
 *       path: CPython's {@code Lib/test} (keycert.pem, ssl_key.pem, ... in every python:* image and
 *       pyenv build), vendored suites such as the Cloud SDK's {@code third_party/requests/tests/certs},
 *       npm packages' {@code test/} fixtures, Rust crates' {@code tests/};
 *   <li>files of third-party packages and vendored code: a directory named {@code site-packages},
 *       {@code dist-packages}, {@code node_modules}, {@code third_party}, {@code vendor} or
 *       {@code vendored}, and Ruby gems ({@code gems/NAME-VERSION/}). A key published in a package is
 *       public: moto's proxy CA key, awscli's documentation examples, urllib3's dummy server
 *       certificates vendored by the Cloud SDK. The image owner's secrets are in the application's own
 *       files, which are still scanned;
 *   <li>Go test sources ({@code *_test.go}, never compiled into a binary) and the Go distribution's
 *       sources ({@code go/src}, e.g. net/http's test certificate in older releases);
 *   <li>libraries ({@code lib*.so}, {@code lib*.so.*}, {@code lib*.a}): crypto libraries compile in the keys
 *       of their power-on self tests (GnuTLS's {@code libgnutls.so.30} holds ten PEM private keys);
 *   <li>{@code /usr/share/doc}: package documentation, e.g. libxmlsec1-dev's {@code examples/rsakey.pem}.
 * </ul>
 *
 * <p>Keys in other places of an application tree, including its own test directories, are findings.
 * Use the {@code allowPaths} option for more.
 *
 * <p>Thread-safe (immutable).
 */
final class KnownTestData {

  /** Directory names that hold test data. */
  static final Set<String> TEST_DIRECTORIES = Set.of(
      "test", "tests", "testdata", "test_data", "test-data", "__tests__", "fixtures", "__fixtures__");

  /** Directory names that hold third-party packages or vendored code. */
  static final Set<String> PACKAGE_DIRECTORIES = Set.of(
      "site-packages", "dist-packages", "node_modules", "third_party", "vendor", "vendored");

  /** One allowlisted tree and why. */
  private record Entry(PathGlob glob, String reason) {}

  private static final List<Entry> ENTRIES = List.of(
      new Entry(PathGlob.of("**/gems/*/**"), "file of a Ruby gem (published, hence public)"),
      new Entry(PathGlob.of("**/*_test.go"), "Go test source"),
      new Entry(PathGlob.of("/usr/{local/go,lib/go,lib/go-*,share/go-*}/src/**"), "Go distribution sources"),
      new Entry(PathGlob.of("**/sdk/go*/src/**"), "Go distribution sources"),
      new Entry(PathGlob.of("**/lib*.{so,a}"), "library (self-test keys of crypto libraries)"),
      new Entry(PathGlob.of("**/lib*.so.*"), "library (self-test keys of crypto libraries)"),
      new Entry(PathGlob.of("/usr/share/doc/**"), "package documentation"));

  private KnownTestData() {}

  /**
   * The reason a path is allowlisted.
   *
   * @param path an image path
   * @return why hits at this path are not findings, or empty when they are
   */
  static Optional<String> reason(String path) {
    String[] parts = path.split("/");
    // Every component but the file name itself.
    for (int i = 0; i < parts.length - 1; i++) {
      if (TEST_DIRECTORIES.contains(parts[i])) {
        return Optional.of("test data directory " + parts[i] + "/");
      }
      if (PACKAGE_DIRECTORIES.contains(parts[i])) {
        return Optional.of("file of a third-party package in " + parts[i] + "/ (published, hence public)");
      }
    }
    for (Entry e : ENTRIES) {
      if (e.glob().matches(path)) {
        return Optional.of(e.reason());
      }
    }
    return Optional.empty();
  }
}
