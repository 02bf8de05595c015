package io.imagecheck.structure;

import io.imagecheck.image.HistoryEntry;
import io.imagecheck.image.ImageConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the build step that set a config value ({@code USER}, {@code ENV PATH}, {@code LABEL},
 * {@code ENTRYPOINT}, ...) in an image's history, so messages about the config can name it like
 * messages about files name the layer.
 *
 * <p>Reads the {@code created_by} text as builders write it: BuildKit and kaniko ({@code USER 65532}),
 * the classic builder and buildah ({@code /bin/sh -c #(nop)  USER 65532}). Builders that record no
 * instruction (Jib, umoci, {@code docker import}) give no step. Thread-safe (stateless).
 */
public final class HistoryInstructions {

  private static final Pattern INSTRUCTION = Pattern.compile("^(?:/bin/sh -c #\\(nop\\)\\s+)?([A-Z]+)\\b\\s*(.*)$",
      Pattern.DOTALL);

  private HistoryInstructions() {}

  /**
   * A build step of the history.
   *
   * @param number the step number as {@code docker history} counts, from 1 (empty-layer steps included)
   * @param createdBy the step's {@code created_by} text
   */
  public record HistoryStep(int number, String createdBy) {

    /**
     * Checks the components.
     *
     * @param number the step number, from 1
     * @param createdBy the step's text
     */
    public HistoryStep {
      Objects.requireNonNull(createdBy, "createdBy");
      if (number < 1) {
        throw new IllegalArgumentException("history steps count from 1: " + number);
      }
    }

    /**
     * The step for messages.
     *
     * @return e.g. {@code history step 5: USER root}
     */
    public String describe() {
      return "history step " + number + ": " + Texts.printable(createdBy.strip(), 200);
    }
  }

  /**
   * The last step that ran an instruction.
   *
   * @param config the image's config
   * @param instruction e.g. {@code USER}, {@code ENTRYPOINT}, {@code WORKDIR}
   * @return the step, if the history records one
   */
  public static Optional<HistoryStep> last(ImageConfig config, String instruction) {
    return last(config, instruction, null);
  }

  /**
   * The last step that ran an instruction naming a key: {@code ENV KEY=...}, {@code ENV KEY value},
   * {@code LABEL "KEY"=...}, {@code EXPOSE 8080/tcp}, {@code VOLUME /data}.
   *
   * @param config the image's config
   * @param instruction e.g. {@code ENV}, {@code LABEL}
   * @param key the variable, label, port or volume; null for any
   * @return the step, if the history records one
   */
  public static Optional<HistoryStep> last(ImageConfig config, String instruction,
      @org.jspecify.annotations.Nullable String key) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(instruction, "instruction");
    List<HistoryEntry> history = config.history();
    for (int i = history.size() - 1; i >= 0; i--) {
      String text = history.get(i).createdBy().strip();
      Matcher m = INSTRUCTION.matcher(text);
      if (!m.matches() || !m.group(1).equals(instruction)) {
        continue;
      }
      if (key == null || mentions(m.group(2), key)) {
        return Optional.of(new HistoryStep(i + 1, text));
      }
    }
    return Optional.empty();
  }

  private static boolean mentions(String args, String key) {
    String quoted = Pattern.quote(key);
    return Pattern.compile("(?:^|\\s)\"?" + quoted + "\"?(?:=|\\s|$|/)").matcher(args).find();
  }
}
