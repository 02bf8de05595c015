package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link InspectText}. */
class InspectTextTest {

  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);
  private static final String D3 = "sha256:" + "3".repeat(64);

  private static String render(InspectReport report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      InspectText.write(report, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static InspectReport report(String user, Map<String, String> labels, String createdBy,
      InspectReport.HistoryInfo history, List<InspectReport.LayerInfo> layers) {
    return new InspectReport(1, "oci:dir:latest", "oci", null,
        new InspectReport.ManifestInfo(D1, "application/vnd.oci.image.manifest.v1+json", 512, false),
        new InspectReport.ConfigInfo(D2, "application/vnd.oci.image.config.v1+json", 900), "linux/amd64", user,
        List.of(), List.of("/bin/sh", "-c", createdBy), List.of(), "", labels, List.of(), history, layers);
  }

  @Test
  void should_escape_control_characters_from_the_image_so_each_value_stays_on_its_line() {
    // GIVEN a config whose user, label and history try to inject escape sequences and lines
    InspectReport.LayerInfo layer = new InspectReport.LayerInfo(0, 1, D3, D3,
        "application/vnd.oci.image.layer.v1.tar", 2048, "RUN echo \u001b[2J\nlayer 9 of 9", 1);
    InspectReport r = report("evil\u001b]0;title\u0007", Map.of("note", "a\nb"), "x\u009b",
        new InspectReport.HistoryInfo(1, 1, true), List.of(layer));
    // WHEN
    String text = render(r);
    // THEN
    assertThat(text.lines()).noneMatch(l -> l.startsWith("layer 9"));
    assertThat(text).doesNotContain("\u001b", "\u0007", "\u009b")
        .contains("user        evil\\x1B]0;title\\x07\n")
        .contains("labels      note=a\\nb\n")
        .contains("cmd         [\"/bin/sh\", \"-c\", \"x\\u009B\"]\n")
        .contains("created by  history step 1 of 1: RUN echo \\x1B[2J\\nlayer 9 of 9\n");
  }

  @Test
  void should_say_so_when_history_and_layers_disagree() {
    // GIVEN two layers and one layer-making history step
    List<InspectReport.LayerInfo> layers = List.of(
        new InspectReport.LayerInfo(0, 1, D1, D1, "application/vnd.oci.image.layer.v1.tar", 10, "ADD / /", 1),
        new InspectReport.LayerInfo(1, 2, D2, D2, "application/vnd.oci.image.layer.v1.tar", 1536, null, null));
    InspectReport r = report("", Map.of(), "true", new InspectReport.HistoryInfo(1, 1, false), layers);
    // WHEN
    String text = render(r);
    // THEN
    assertThat(text)
        .contains("history     1 step, 1 of them made a layer\n"
            + "            note: the history has 1 layer-making steps for 2 layers, so matching layers to steps "
            + "may be wrong; the last layers have no step\n")
        .contains("layer 2 of 2  sha256:222222222222\n")
        .contains("  size        1.5 KiB (1,536 bytes)\n")
        .contains("  created by  (no history step)\n")
        .contains("user        (not set: runs as root)\n")
        .contains("entrypoint  (not set)\n");
  }

  @Test
  void should_describe_sizes_in_binary_units_with_the_exact_count() {
    // WHEN / THEN
    assertThat(InspectText.bytes(0)).isEqualTo("0 bytes");
    assertThat(InspectText.bytes(1)).isEqualTo("1 byte");
    assertThat(InspectText.bytes(1023)).isEqualTo("1,023 bytes");
    assertThat(InspectText.bytes(1_523_200)).isEqualTo("1.5 MiB (1,523,200 bytes)");
    assertThat(InspectText.bytes(Long.MAX_VALUE)).startsWith("8.0 EiB (");
  }
}
