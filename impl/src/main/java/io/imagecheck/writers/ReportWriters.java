package io.imagecheck.writers;

import io.imagecheck.report.ReportWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The report formats imagecheck writes, by name.
 *
 * <pre>{@code
 * ReportWriters.named("sarif").orElseThrow().write(report, out);
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class ReportWriters {

  private ReportWriters() {}

  /** The writers in the order {@code --help} lists them; each format's sub-package adds its line. */
  private static Map<String, Supplier<ReportWriter>> registry() {
    Map<String, Supplier<ReportWriter>> m = new LinkedHashMap<>();
    return m;
  }

  /**
   * The writer for a format name.
   *
   * @param format e.g. {@code json}, {@code sarif}
   * @return the writer, if the format is known
   */
  public static Optional<ReportWriter> named(String format) {
    Supplier<ReportWriter> s = registry().get(format);
    return s == null ? Optional.empty() : Optional.of(s.get());
  }

  /**
   * The known format names.
   *
   * @return the names, in order
   */
  public static List<String> formats() {
    return new ArrayList<>(registry().keySet());
  }
}
