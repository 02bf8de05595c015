package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.image.HistoryEntry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests for {@link InspectReport}'s matching of layers with history steps. */
class InspectReportTest {

  private static HistoryEntry layer(String cmd) {
    return HistoryEntry.of(cmd, false);
  }

  private static HistoryEntry empty(String cmd) {
    return HistoryEntry.of(cmd, true);
  }

  @Test
  void should_match_the_nth_layer_with_the_nth_layer_making_step_counting_all_steps() {
    // GIVEN FROM (layer), ENV (empty), RUN (layer), USER (empty), COPY (layer)
    List<HistoryEntry> history = List.of(layer("ADD"), empty("ENV"), layer("RUN"), empty("USER"), layer("COPY"));
    // WHEN
    List<Integer> steps = InspectReport.layerHistorySteps(history, 3);
    // THEN
    assertThat(steps).containsExactly(1, 3, 5);
  }

  @Test
  void should_leave_layers_without_a_step_when_the_history_is_short_or_missing() {
    // GIVEN two layer-making steps for four layers
    List<HistoryEntry> history = List.of(empty("ARG"), layer("ADD"), layer("RUN"), empty("CMD"));
    // WHEN / THEN
    assertThat(InspectReport.layerHistorySteps(history, 4)).containsExactly(2, 3, null, null);
    assertThat(InspectReport.layerHistorySteps(List.of(), 2)).isEqualTo(Arrays.asList(null, null));
  }

  @Test
  void should_refuse_a_layer_number_that_is_not_index_plus_one() {
    // WHEN / THEN
    assertThatThrownBy(() -> new InspectReport.LayerInfo(0, 0, "sha256:a", "sha256:b", "t", 1, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("layer number 0 is not index 0 + 1");
  }
}
