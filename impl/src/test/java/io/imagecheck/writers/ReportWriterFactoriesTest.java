package io.imagecheck.writers;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.report.ReportWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The six formats of issue 7 in the registry, and their convenience factories. */
class ReportWriterFactoriesTest {

  @Test
  void should_register_the_six_formats_in_order() {
    // GIVEN / WHEN
    List<String> formats = ReportWriters.formats();
    // THEN (other formats, e.g. json and text, may sit around them)
    assertThat(formats).containsSubsequence("sarif", "junit", "spdx", "cyclonedx", "markdown", "html");
    assertThat(ReportWriters.named("nope")).isEmpty();
  }

  @Test
  void should_name_each_writer_after_its_format_with_distinct_extensions() {
    // GIVEN the factories
    List<ReportWriter> writers = List.of(ReportWriters.sarif(), ReportWriters.junit(), ReportWriters.spdx(),
        ReportWriters.cyclonedx(), ReportWriters.markdown(), ReportWriters.html());
    // WHEN / THEN
    assertThat(writers).extracting(ReportWriter::format)
        .containsExactly("sarif", "junit", "spdx", "cyclonedx", "markdown", "html");
    assertThat(writers).extracting(ReportWriter::fileExtension)
        .containsExactly(".sarif.json", ".junit.xml", ".spdx.json", ".cdx.json", ".md", ".html");
    for (ReportWriter w : writers) {
      assertThat(ReportWriters.named(w.format()))
          .hasValueSatisfying(n -> assertThat(n.getClass()).isEqualTo(w.getClass()));
    }
  }
}
