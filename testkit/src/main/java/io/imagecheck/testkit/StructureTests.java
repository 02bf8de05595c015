package io.imagecheck.testkit;

import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Image;
import io.imagecheck.report.Report;
import io.imagecheck.structure.StructureTestConfig;
import io.imagecheck.structure.StructureTestRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * container-structure-test configs as part of a Java test, run without Docker (see
 * {@link StructureTestRunner} for the semantics). The same configs run from the command line with
 * {@code imagecheck test SOURCE --config FILE.yaml}.
 *
 * <pre>{@code
 * Report report = StructureTests.load(Path.of("src/test/structure/app.yaml")).run(image);
 * assertThat(report).passes();                   // or: assertThat(image).passesStructureTests(config)
 * assertThat(report).hasResults(11, 0, 1);       // 11 passed, 0 failed, 1 command test skipped
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class StructureTests {

  private final List<StructureTestConfig> configs;

  private StructureTests(List<StructureTestConfig> configs) {
    this.configs = List.copyOf(configs);
  }

  /**
   * Reads config files (YAML, or JSON by the {@code .json} extension).
   *
   * @param files the config files, run in this order
   * @return the tests
   * @throws UncheckedIOException when a file cannot be read or is not a valid config (the message names
   *     the file, line and field): a test setup error, not a failing image
   * @throws IllegalArgumentException when no file is given
   */
  public static StructureTests load(Path... files) {
    if (files.length == 0) {
      throw new IllegalArgumentException("no structure-test config given");
    }
    List<StructureTestConfig> configs = new ArrayList<>();
    for (Path f : files) {
      try {
        configs.add(StructureTestConfig.load(Objects.requireNonNull(f, "file")));
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
    }
    return new StructureTests(configs);
  }

  /**
   * Tests from configs already read.
   *
   * @param configs the configs
   * @return the tests
   */
  public static StructureTests of(List<StructureTestConfig> configs) {
    if (configs.isEmpty()) {
      throw new IllegalArgumentException("no structure-test config given");
    }
    return new StructureTests(configs);
  }

  /**
   * The configs.
   *
   * @return the configs, in run order
   */
  public List<StructureTestConfig> configs() {
    return configs;
  }

  /**
   * Runs the tests on an image (its merged filesystem is read once per image and kept, as the assertions
   * keep it).
   *
   * @param image the image
   * @return the report: one result per test
   * @throws UncheckedIOException when the image's layers cannot be read
   */
  public Report run(Image image) {
    return run(Inspections.view(Objects.requireNonNull(image, "image")));
  }

  /**
   * Runs the tests on a merged filesystem.
   *
   * @param fs the filesystem
   * @return the report
   */
  public Report run(FileSystemView fs) {
    return StructureTestRunner.run(fs, configs);
  }
}
