package io.imagecheck.structure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A container-structure-test config (schema version 2.0.0): its file existence, file content, metadata,
 * license and command tests, with container-structure-test's field names and defaults.
 *
 * <pre>{@code
 * StructureTestConfig config = StructureTestConfig.load(Path.of("src/test/structure/app.yaml"));
 * Report report = StructureTestRunner.run(image, List.of(config));
 * }</pre>
 *
 * <p>Fields (as in container-structure-test's documentation; every other field is an error):
 * <ul>
 *   <li>{@code schemaVersion} (required): {@code 2.0.0}.
 *   <li>{@code fileExistenceTests[]}: {@code name}, {@code path} (required; {@code $VAR} and
 *       {@code ${VAR}} are replaced from the image's environment), {@code shouldExist} (default true),
 *       {@code permissions} (Go's mode string, e.g. {@code -rw-r--r--}, {@code drwxr-xr-x},
 *       {@code urwxr-xr-x} for setuid; {@code ls -l}'s {@code -rwsr-xr-x} is accepted too), {@code uid},
 *       {@code gid}, {@code isExecutableBy} ({@code owner}, {@code group}, {@code other}, {@code any}).
 *   <li>{@code fileContentTests[]}: {@code name}, {@code path}, {@code expectedContents} and
 *       {@code excludedContents} (regular expressions searched anywhere in the content).
 *   <li>{@code metadataTest}: {@code env} (alias {@code envVars}) and {@code labels} as
 *       {@code {key, value, isRegex}}, {@code unboundEnv} (alias {@code unboundEnvVars}),
 *       {@code entrypoint}, {@code cmd} (compared exactly; {@code []} means empty), {@code workdir},
 *       {@code user}, {@code exposedPorts}, {@code unexposedPorts} ({@code 8080} matches any protocol,
 *       {@code 53/udp} only that one), {@code volumes}, {@code unmountedVolumes}.
 *   <li>{@code licenseTests[]}: {@code debian} (check {@code /usr/share/doc/*&#47;copyright}),
 *       {@code files}.
 *   <li>{@code commandTests[]}, {@code globalEnvVars}, {@code containerRunOptions}: read and checked for
 *       unknown fields; command tests are reported as skipped (they need a running container).
 * </ul>
 *
 * <p>Note: container-structure-test's own parser reads the metadata environment from {@code env} and
 * {@code unboundEnv}, although its README names them {@code envVars} and {@code unboundEnvVars} (and
 * then silently ignores them); both spellings are read here.
 *
 * @param file the config's file name as given, for messages and reports
 * @param schemaVersion the schema version ({@code 2.0.0})
 * @param fileExistenceTests the file existence tests, in file order
 * @param fileContentTests the file content tests, in file order
 * @param metadataTest the metadata test, when the config has a non-empty one
 * @param licenseTests the license tests, in file order
 * @param commandTests the command tests (not run: they need a container)
 * @param ignored top-level fields that are read but only matter to a container runtime
 *     ({@code globalEnvVars}, {@code containerRunOptions}), when present
 */
public record StructureTestConfig(
    String file,
    String schemaVersion,
    List<FileExistenceTest> fileExistenceTests,
    List<FileContentTest> fileContentTests,
    Optional<MetadataTest> metadataTest,
    List<LicenseTest> licenseTests,
    List<CommandTest> commandTests,
    List<String> ignored) {

  /** The only schema version read. */
  public static final String SCHEMA_VERSION = "2.0.0";

  /**
   * Checks the components and copies the lists.
   *
   * @param file the config's file name
   * @param schemaVersion the schema version
   * @param fileExistenceTests the file existence tests
   * @param fileContentTests the file content tests
   * @param metadataTest the metadata test, if any
   * @param licenseTests the license tests
   * @param commandTests the command tests
   * @param ignored top-level fields read but not used
   */
  public StructureTestConfig {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(schemaVersion, "schemaVersion");
    fileExistenceTests = List.copyOf(fileExistenceTests);
    fileContentTests = List.copyOf(fileContentTests);
    Objects.requireNonNull(metadataTest, "metadataTest");
    licenseTests = List.copyOf(licenseTests);
    commandTests = List.copyOf(commandTests);
    ignored = List.copyOf(ignored);
  }

  /**
   * Reads a config file: YAML, or JSON when the name ends in {@code .json}.
   *
   * @param file the config file
   * @return the config
   * @throws StructureTestException when the file is missing, malformed or not a valid config (the message
   *     names the file, line and field)
   * @throws IOException when the file cannot be read
   */
  public static StructureTestConfig load(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    String name = file.toString();
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(ConfigParser.MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new StructureTestException(name, 0, 0, "", "no such file", e);
    }
    return parse(bytes, name, !name.toLowerCase(Locale.ROOT).endsWith(".json"));
  }

  /**
   * Reads a config from bytes.
   *
   * @param bytes the config's bytes (UTF-8)
   * @param file the name to use in messages and reports
   * @param yaml true for YAML, false for JSON
   * @return the config
   * @throws StructureTestException when the bytes are not a valid config
   */
  public static StructureTestConfig parse(byte[] bytes, String file, boolean yaml) throws StructureTestException {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(file, "file");
    return new ConfigReader(file).read(ConfigParser.parse(bytes, yaml, file));
  }

  /**
   * The number of tests this config holds, command tests included (the metadata test counts once).
   *
   * @return the test count
   */
  public int testCount() {
    return fileExistenceTests.size() + fileContentTests.size() + (metadataTest.isPresent() ? 1 : 0)
        + licenseTests.size() + commandTests.size();
  }

  /**
   * A file existence test.
   *
   * @param name the test's name
   * @param path the path, before {@code $VAR} substitution
   * @param shouldExist whether the path should exist
   * @param permissions the expected mode string, or null
   * @param uid the expected owner uid, or null
   * @param gid the expected owner gid, or null
   * @param isExecutableBy {@code owner}, {@code group}, {@code other} or {@code any}, or null
   */
  public record FileExistenceTest(String name, String path, boolean shouldExist, @Nullable String permissions,
      @Nullable Long uid, @Nullable Long gid, @Nullable String isExecutableBy) {

    /**
     * Checks the components.
     *
     * @param name the test's name
     * @param path the path
     * @param shouldExist whether the path should exist
     * @param permissions the expected mode string, or null
     * @param uid the expected uid, or null
     * @param gid the expected gid, or null
     * @param isExecutableBy who should be able to execute it, or null
     */
    public FileExistenceTest {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * A file content test.
   *
   * @param name the test's name
   * @param path the file
   * @param expectedContents regular expressions that must each be found in the content
   * @param excludedContents regular expressions none of which may be found
   */
  public record FileContentTest(String name, String path, List<String> expectedContents,
      List<String> excludedContents) {

    /**
     * Checks the components and copies the lists.
     *
     * @param name the test's name
     * @param path the file
     * @param expectedContents regular expressions that must be found
     * @param excludedContents regular expressions that must not be found
     */
    public FileContentTest {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
      expectedContents = List.copyOf(expectedContents);
      excludedContents = List.copyOf(excludedContents);
    }
  }

  /**
   * An environment variable or label expectation.
   *
   * @param key the name
   * @param value the expected value, or a regular expression when {@code isRegex}
   * @param isRegex whether {@code value} is a regular expression (searched, not matched whole)
   */
  public record KeyValue(String key, String value, boolean isRegex) {

    /**
     * Checks the components.
     *
     * @param key the name
     * @param value the expected value or pattern
     * @param isRegex whether the value is a pattern
     */
    public KeyValue {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The metadata test.
   *
   * @param env variables that must be set, with their values
   * @param unboundEnv variables that must not be set (only the keys count)
   * @param labels labels that must be set, with their values
   * @param entrypoint the exact entrypoint, or null when not checked
   * @param cmd the exact command, or null when not checked
   * @param workdir the working directory; empty when not checked
   * @param user the user; empty when not checked
   * @param exposedPorts ports that must be exposed
   * @param unexposedPorts ports that must not be exposed
   * @param volumes volumes that must be declared
   * @param unmountedVolumes volumes that must not be declared
   */
  public record MetadataTest(List<KeyValue> env, List<KeyValue> unboundEnv, List<KeyValue> labels,
      @Nullable List<String> entrypoint, @Nullable List<String> cmd, String workdir, String user,
      List<String> exposedPorts, List<String> unexposedPorts, List<String> volumes, List<String> unmountedVolumes) {

    /**
     * Checks the components and copies the lists.
     *
     * @param env variables that must be set
     * @param unboundEnv variables that must not be set
     * @param labels labels that must be set
     * @param entrypoint the exact entrypoint, or null
     * @param cmd the exact command, or null
     * @param workdir the working directory, or empty
     * @param user the user, or empty
     * @param exposedPorts ports that must be exposed
     * @param unexposedPorts ports that must not be exposed
     * @param volumes volumes that must be declared
     * @param unmountedVolumes volumes that must not be declared
     */
    public MetadataTest {
      env = List.copyOf(env);
      unboundEnv = List.copyOf(unboundEnv);
      labels = List.copyOf(labels);
      entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
      cmd = cmd == null ? null : List.copyOf(cmd);
      Objects.requireNonNull(workdir, "workdir");
      Objects.requireNonNull(user, "user");
      exposedPorts = List.copyOf(exposedPorts);
      unexposedPorts = List.copyOf(unexposedPorts);
      volumes = List.copyOf(volumes);
      unmountedVolumes = List.copyOf(unmountedVolumes);
    }

    /**
     * Tells whether the test checks nothing (container-structure-test then does not run it).
     *
     * @return true when every field is empty or unset
     */
    public boolean isEmpty() {
      return env.isEmpty() && unboundEnv.isEmpty() && labels.isEmpty() && entrypoint == null && cmd == null
          && workdir.isEmpty() && user.isEmpty() && exposedPorts.isEmpty() && unexposedPorts.isEmpty()
          && volumes.isEmpty() && unmountedVolumes.isEmpty();
    }
  }

  /**
   * A license test.
   *
   * @param debian whether to check every {@code /usr/share/doc/<package>/copyright}
   * @param files further files to check
   */
  public record LicenseTest(boolean debian, List<String> files) {

    /**
     * Copies the list.
     *
     * @param debian whether to check Debian's copyright files
     * @param files further files
     */
    public LicenseTest {
      files = List.copyOf(files);
    }
  }

  /**
   * A command test: it needs a running container, so it is reported as skipped.
   *
   * @param name the test's name
   * @param command the command it would run
   * @param args its arguments
   */
  public record CommandTest(String name, String command, List<String> args) {

    /**
     * Checks the components and copies the list.
     *
     * @param name the test's name
     * @param command the command
     * @param args its arguments
     */
    public CommandTest {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(command, "command");
      args = List.copyOf(args);
    }
  }
}
