package io.imagecheck.inspectors.packages.dpkg;

import io.imagecheck.inspectors.packages.PackageDatabaseWarnings;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Splits deb822 text (the RFC-822-like format of dpkg's status and control files) into paragraphs,
 * keeping only the fields a caller asks for.
 *
 * <p>Memory stays proportional to the kept fields: values of other fields, however long or however
 * many continuation lines they have, are never copied, and a kept field longer than
 * {@link #MAX_FIELD_CHARS} breaks its paragraph. A broken paragraph (a line that is neither a field
 * nor a continuation, a continuation before any field, a duplicate kept field) is reported through
 * the warnings and skipped whole, as dpkg's lenient readers do.
 */
final class ControlParagraphs {

  /** The longest value kept for one field, in chars. */
  static final int MAX_FIELD_CHARS = 1 << 20;

  /**
   * One paragraph.
   *
   * @param line the 1-based line number of its first line
   * @param fields the kept fields by canonical name; multi-line values are joined with {@code \n}
   */
  record Paragraph(int line, Map<String, String> fields) {

    @Nullable String get(String field) {
      return fields.get(field);
    }
  }

  private final Map<String, String> canonicalByLowerName = new HashMap<>();

  /**
   * A reader that keeps the given fields.
   *
   * @param keep canonical field names, matched without regard to case (as dpkg does)
   */
  ControlParagraphs(Set<String> keep) {
    for (String f : keep) {
      canonicalByLowerName.put(f.toLowerCase(Locale.ROOT), f);
    }
  }

  /**
   * Reads all paragraphs of {@code text}.
   *
   * @param text the decoded text
   * @param warnings where broken paragraphs are reported
   * @param sink receives each well-formed paragraph, in order
   */
  void read(String text, PackageDatabaseWarnings warnings, Consumer<Paragraph> sink) {
    int length = text.length();
    int pos = 0;
    int lineNo = 0;
    State state = null;
    while (pos < length) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = length;
      }
      int end = eol;
      if (end > pos && text.charAt(end - 1) == '\r') {
        end--;
      }
      lineNo++;
      if (isBlank(text, pos, end)) {
        if (state != null) {
          state.finish(warnings, sink);
          state = null;
        }
      } else {
        if (state == null) {
          state = new State(lineNo);
        }
        if (state.problem == null) {
          state.line(text, pos, end, lineNo);
        }
      }
      pos = eol + 1;
    }
    if (state != null) {
      state.finish(warnings, sink);
    }
  }

  private static boolean isBlank(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /** The paragraph being read. */
  private final class State {
    private final int firstLine;
    private final Map<String, StringBuilder> values = new HashMap<>();
    /** The kept field that continuation lines extend; null when the current field is not kept. */
    private @Nullable StringBuilder current;
    private @Nullable String currentName;
    private boolean sawField;
    private @Nullable String problem;

    State(int firstLine) {
      this.firstLine = firstLine;
    }

    void line(String text, int start, int end, int lineNo) {
      char first = text.charAt(start);
      if (first == ' ' || first == '\t') {
        if (!sawField) {
          problem = "line " + lineNo + ": continuation line before any field";
        } else if (current != null) {
          append(current, text, start, end, lineNo);
        }
        return;
      }
      int colon = text.indexOf(':', start);
      if (colon < 0 || colon >= end) {
        problem = "line " + lineNo + ": neither a 'Field: value' line nor a continuation line";
        return;
      }
      if (colon == start) {
        problem = "line " + lineNo + ": empty field name";
        return;
      }
      for (int i = start; i < colon; i++) {
        char c = text.charAt(i);
        if (c <= ' ' || c == 0x7f) {
          problem = "line " + lineNo + ": field name contains whitespace or a control character";
          return;
        }
      }
      sawField = true;
      String canonical =
          canonicalByLowerName.get(text.substring(start, colon).toLowerCase(Locale.ROOT));
      if (canonical == null) {
        current = null;
        currentName = null;
        return;
      }
      if (values.containsKey(canonical)) {
        problem = "line " + lineNo + ": duplicate field " + canonical;
        return;
      }
      current = new StringBuilder();
      currentName = canonical;
      values.put(canonical, current);
      int v = colon + 1;
      while (v < end && (text.charAt(v) == ' ' || text.charAt(v) == '\t')) {
        v++;
      }
      int e = end;
      while (e > v && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == '\t')) {
        e--;
      }
      if (e - v > MAX_FIELD_CHARS) {
        tooLong(lineNo);
        return;
      }
      current.append(text, v, e);
    }

    private void append(StringBuilder value, String text, int start, int end, int lineNo) {
      if ((long) value.length() + 1 + (end - start) > MAX_FIELD_CHARS) {
        tooLong(lineNo);
        return;
      }
      value.append('\n').append(text, start + 1, end);
    }

    private void tooLong(int lineNo) {
      problem = "line " + lineNo + ": field " + currentName + " longer than " + MAX_FIELD_CHARS
          + " characters";
      if (currentName != null) {
        values.remove(currentName); // free the long value; the paragraph is dropped anyway
      }
      current = null;
    }

    void finish(PackageDatabaseWarnings warnings, Consumer<Paragraph> sink) {
      if (problem != null) {
        StringBuilder name = values.get("Package");
        warnings.add(
            problem
                + (name == null ? "; stanza starting at line " + firstLine
                    : "; stanza of package " + name)
                + " skipped");
        return;
      }
      Map<String, String> fields = new HashMap<>();
      values.forEach((k, v) -> fields.put(k, v.toString()));
      sink.accept(new Paragraph(firstLine, Map.copyOf(fields)));
    }
  }
}
