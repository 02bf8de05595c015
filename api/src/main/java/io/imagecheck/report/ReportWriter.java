package io.imagecheck.report;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns a {@link Report} into one output format (JSON, SARIF, text, ...). Writers stream to the
 * output; they do not build the whole document as a string first.
 *
 * <p>Implementations are thread-safe (stateless).
 */
public interface ReportWriter {

  /**
   * The format's name, as {@code --format} accepts it.
   *
   * @return e.g. {@code sarif}
   */
  String format();

  /**
   * The conventional file extension.
   *
   * @return e.g. {@code .sarif.json}
   */
  String fileExtension();

  /**
   * Writes a report. The stream is flushed, not closed.
   *
   * @param report the report
   * @param out where to write
   * @throws IOException when writing fails
   */
  void write(Report report, OutputStream out) throws IOException;
}
