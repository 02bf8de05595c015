package io.imagecheck.writers;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writers stream: on a large report each writes many bounded chunks (no whole-document string handed to
 * the stream at the end), flushes, and leaves the stream open for the caller.
 */
class StreamingTest {

  @TempDir static Path tmp;
  private static Report large;

  @BeforeAll
  static void scan() throws IOException {
    // 20,000 findings and 20,000 packages
    large = TestReports.huge(tmp, 20_000, 20_000);
  }

  /** Records how it is written to. */
  static final class RecordingStream extends OutputStream {
    long total;
    int writes;
    int largest;
    boolean flushed;
    boolean closed;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      total += len;
      writes++;
      largest = Math.max(largest, len);
      flushed = false;
    }

    @Override
    public void flush() {
      flushed = true;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sarif", "junit", "spdx", "cyclonedx", "html"})
  void should_write_a_large_report_in_bounded_chunks_and_leave_the_stream_open(String format) throws IOException {
    // GIVEN a writer and a recording stream
    ReportWriter w = ReportWriters.named(format).orElseThrow();
    RecordingStream out = new RecordingStream();
    // WHEN the large report is written
    w.write(large, out);
    // THEN it came in many chunks of at most 64 KiB, ended with a flush, and the stream is still open
    assertThat(out.total).as("bytes").isGreaterThan(2_000_000);
    assertThat(out.largest).as("largest chunk").isLessThanOrEqualTo(64 * 1024);
    assertThat(out.writes).isGreaterThan(30);
    assertThat(out.flushed).isTrue();
    assertThat(out.closed).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"markdown"})
  void should_bound_the_summary_and_leave_the_stream_open(String format) throws IOException {
    // GIVEN / WHEN
    RecordingStream out = new RecordingStream();
    ReportWriters.named(format).orElseThrow().write(large, out);
    // THEN
    assertThat(out.total).isBetween(10_000L, 4L * 64_000);
    assertThat(out.flushed).isTrue();
    assertThat(out.closed).isFalse();
  }
}
