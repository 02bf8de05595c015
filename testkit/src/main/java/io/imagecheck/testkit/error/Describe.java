package io.imagecheck.testkit.error;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.Origin;
import io.imagecheck.inspect.Finding;
import io.imagecheck.structure.HistoryInstructions.HistoryStep;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the messages describe files, findings and steps; shared by the factories of this package.
 */
final class Describe {

  private Describe() {}

  /**
   * Text from an image or a test, printable on one line: control characters as {@code \}{@code uXXXX}.
   *
   * @param s the text
   * @return the printable text
   */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
        b.append("\\u").append(String.format(Locale.ROOT, "%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A string in double quotes, escaped and cut after {@code max} characters.
   *
   * @param s the text
   * @param max the most characters shown
   * @return e.g. {@code "root:x:0:0..."}
   */
  static String quoted(String s, int max) {
    String cut = s.length() > max ? s.substring(0, max) : s;
    return "\"" + printable(cut).replace("\"", "\\\"") + "\"" + (s.length() > max ? "..." : "");
  }

  /**
   * Where an entry came from.
   *
   * @param origin the entry's origin
   * @return e.g. {@code layer 2 of 3 (sha256:ab12cd34ef56), history step 4: RUN apk add busybox}
   */
  static String origin(Origin origin) {
    return printable(origin.describe());
  }

  /**
   * Where a config value came from.
   *
   * @param step the step that set it, if the history records one
   * @return e.g. {@code  (set by history step 5: USER root)}, or empty
   */
  static String setBy(Optional<HistoryStep> step) {
    return step.map(s -> " (set by " + s.describe() + ")").orElse("");
  }

  /**
   * A file finding: its path, the file it resolves to, and the layer and step that added it.
   *
   * @param f the finding
   * @return e.g. {@code /bin/sh (-> /bin/busybox) was added by layer 2 of 3 (...), history step 4: ...}
   */
  static String added(Finding f) {
    String path = f.path().orElse("");
    if (path.isEmpty()) {
      return printable(f.message());
    }
    String target = f.evidence().getOrDefault("resolvedTarget", path);
    StringBuilder b = new StringBuilder(printable(path));
    if (!target.equals(path)) {
      b.append(" (-> ").append(printable(target)).append(')');
    }
    f.origin().ifPresent(o -> b.append(" was added by ").append(origin(o)));
    return b.toString();
  }

  /**
   * A finding by its message, then the layer and step of its file when it has one and the message does
   * not already name it.
   *
   * @param f the finding
   * @return e.g. {@code /bin/su is setuid root (-rwsr-xr-x), added by layer 1 of 1 (...), history step 1: ...}
   */
  static String message(Finding f) {
    String m = printable(f.message());
    if (f.origin().isEmpty()) {
      return m;
    }
    String o = origin(f.origin().get());
    return m.contains(o) ? m : m + ", added by " + o;
  }

  /**
   * A finding with its severity and rule, for lists of findings.
   *
   * @param f the finding
   * @return e.g. {@code [high] shell.present: Shell busybox is reachable at /bin/sh, added by ...}
   */
  static String rated(Finding f) {
    return "[" + f.severity().label() + "] " + f.ruleId() + ": " + message(f);
  }

  /**
   * One item inline, several as a list.
   *
   * @param items the findings
   * @param describe how to describe one
   * @return {@code X} for one item, else {@code found N:} and one {@code - X} line each
   */
  static String items(List<Finding> items, Function<Finding, String> describe) {
    if (items.size() == 1) {
      return describe.apply(items.get(0));
    }
    StringBuilder b = new StringBuilder("found ").append(items.size()).append(':');
    for (Finding f : items) {
      b.append(System.lineSeparator()).append("- ").append(describe.apply(f));
    }
    return b.toString();
  }

  /**
   * A file entry: its path, its link target, its mode.
   *
   * @param e the entry
   * @return e.g. {@code /app/server (-rwxr-x---)}
   */
  static String entry(FileEntry e) {
    return printable(e.path()) + e.linkTarget().map(t -> " -> " + printable(t)).orElse("") + " (" + e.modeString() + ")";
  }
}
