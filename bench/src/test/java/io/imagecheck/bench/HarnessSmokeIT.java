package io.imagecheck.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs the benchmark harness as CI does: small inputs, one repetition, untimed (nothing here asserts a
 * ratio; the machine running CI is not the one the targets are for). Checks that it builds its inputs,
 * measures every row and writes the table.
 */
class HarnessSmokeIT {

  private static Path jar() {
    Path jar = Path.of(System.getProperty("imagecheck.jar", "../cli/target/imagecheck.jar"));
    assumeTrue(Files.isRegularFile(jar), jar + " absent (build cli first): skipping");
    return jar;
  }

  private static Path data() {
    return Path.of(System.getProperty("imagecheck.bench.data", "target/bench-smoke"));
  }

  @Test
  void should_measure_every_target_and_write_the_table_in_smoke_mode() throws Exception {
    // GIVEN
    Path out = data().resolve("results.md");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Harness harness = new Harness(Harness.Options.parse("--smoke", "--data", data().toString(), "--out",
        out.toString(), "--jar", jar().toString()), new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(log, true, StandardCharsets.UTF_8));
    // WHEN
    String table = harness.run();
    // THEN one row per target (plus diagnostics), each measured unless a tool is missing
    List<Row> rows = harness.rows();
    assertThat(rows).extracting(Row::target).containsSubsequence("1", "2", "3", "4", "5", "6", "7", "8");
    for (Row r : rows) {
      boolean toolMissing = r.note().startsWith("skipped: ") && r.note().contains("not installed");
      assertThat(r.measured() || toolMissing).as(r.what() + ": " + r.note()).isTrue();
    }
    assertThat(table).contains("| target | imagecheck | baseline |", "(smoke: small inputs, untimed)",
        "load at start: load average");
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(table);
    assertThat(stdout.toString(StandardCharsets.UTF_8)).contains(table);
    // The memory row streamed a 320 MiB layer through a 256 MiB heap: it cannot have held it.
    Row memory = rows.stream().filter(r -> r.target().equals("5")).findFirst().orElseThrow();
    assertThat(memory.ours().max()).isLessThan(256);
  }

  @Test
  @EnabledIfSystemProperty(named = "imagecheck.bench.big", matches = "true")
  void should_scan_a_3_gib_layer_in_a_256_mib_heap() throws Exception {
    // GIVEN the full-size inputs (a 3 GiB layer of zeros and a few files)
    Path dir = Path.of("target", "bench-data");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    Harness harness = new Harness(Harness.Options.parse("--rows", "5", "--reps", "1", "--data", dir.toString(),
        "--out", dir.resolve("memory.md").toString(), "--jar", jar().toString()),
        new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
    // WHEN
    harness.run();
    // THEN it completed under -Xmx256m, and the peak heap is no larger than for a layer a tenth its size
    Row memory = harness.rows().get(0);
    assertThat(memory.ours().max()).isLessThan(256);
    assertThat(memory.ratioMin()).isLessThanOrEqualTo(1.25);
  }
}
