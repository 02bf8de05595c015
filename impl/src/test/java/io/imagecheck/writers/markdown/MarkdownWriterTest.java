package io.imagecheck.writers.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.report.Report;
import io.imagecheck.writers.TestReports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown summary: content, size bound and inert hostile strings. */
class MarkdownWriterTest {

  @TempDir Path tmp;

  private final MarkdownWriter writer = new MarkdownWriter();

  private String markdown(Report report) throws IOException {
    return new String(TestReports.write(writer, report), StandardCharsets.UTF_8);
  }

  @Test
  void should_summarize_verdict_counts_inspectors_findings_waivers_and_packages() throws IOException {
    // GIVEN the failing synthetic report
    String md = markdown(TestReports.synthetic(tmp, false));
    // WHEN / THEN the verdict heads it and the counts table has critical 1, high 2, medium 1, low 2, info 0, 1 waived
    assertThat(md).startsWith("## ❌ imagecheck: FAIL\n");
    assertThat(md).contains("| **Findings** | 1 | 2 | 1 | 2 | 0 | 1 |");
    assertThat(md).contains("| <code>shell</code> | ❌ fail | 1 |", "| <code>tools</code> | ⏭️ skipped | — |");
    // AND the most severe finding comes first, with path, layer and step
    int key = md.indexOf(
        "| critical | <code>secrets.private-key</code> | <code>/root/.ssh/id&#95;rsa</code> | 3/4, step 4");
    int shell = md.indexOf("| high | <code>shell.present</code> | <code>/bin/sh</code> | 1/4, step 1");
    assertThat(key).isPositive();
    assertThat(shell).isGreaterThan(key);
    // AND the waived finding is in a collapsed block, and the packages are counted
    assertThat(md).contains("<details><summary>1 waived findings</summary>");
    assertThat(md).contains("| low | <code>hygiene.stray-file</code> | <code>/tmp/notes.txt</code> "
        + "| scratch file, accepted | 2999-12-31 |");
    assertThat(md).contains("**Packages:** apk 5 (5 in all)");
  }

  @Test
  void should_write_hostile_strings_as_inert_text() throws IOException {
    // GIVEN the synthetic report, whose file names and build step carry markup and control characters
    String md = markdown(TestReports.synthetic(tmp, false));
    // WHEN / THEN no tag, table cell break, or control character from the image gets through
    assertThat(md).doesNotContain("<img", "<script", "</script", "<b>", "\u0001", "\u001b");
    assertThat(md).contains("&lt;img src=x onerror=document.title=&#39;pwned&#39;&gt;");
    assertThat(md).contains("x&lt;/script&gt;&lt;script&gt;document.title=&#39;pwned&#39;&lt;");
    // AND every table row still has its six cell separators
    for (String line : md.split("\n")) {
      if (line.startsWith("| low | <code>hygiene.stray-file")) {
        assertThat(line.chars().filter(c -> c == '|').count()).as(line).isEqualTo(6);
      }
    }
  }

  @Test
  void should_stay_under_the_comment_limit_for_a_huge_report_and_say_what_it_left_out() throws IOException {
    // GIVEN a report with 30,000 extra findings
    Report report = TestReports.huge(tmp, 30_000);
    // WHEN written
    String md = markdown(report);
    // THEN it is under GitHub's 65,536-character limit, keeps the top findings open and the rest collapsed
    assertThat(md.length()).isLessThan(MarkdownWriter.MAX_CHARS).isLessThan(65_536);
    assertThat(md).contains("### Findings").contains("more findings</summary>").contains("</details>");
    // AND says how many findings it did not show, which with those shown makes the total
    Matcher m = Pattern.compile("_(\\d+) more findings not shown").matcher(md);
    assertThat(m.find()).isTrue();
    int left = Integer.parseInt(m.group(1));
    long shown = md.lines().filter(l -> l.matches("\\| (critical|high|medium|low|info) \\| <code>.*")).count();
    assertThat(shown + left).isEqualTo(report.findings().size());
    assertThat(left).isGreaterThan(29_000);
    assertThat(md).endsWith("</sub>\n");
  }

  @Test
  void should_shorten_long_cells_and_escape_markdown_punctuation() {
    // GIVEN / WHEN / THEN
    assertThat(MarkdownWriter.text("a|b*c_d`e\nf", 100)).isEqualTo("a&#124;b&#42;c&#95;d&#96;e f");
    assertThat(MarkdownWriter.text("x".repeat(10), 4)).isEqualTo("xxxx…");
    assertThat(MarkdownWriter.text("@team [link](http://x)", 100))
        .isEqualTo("&#64;team &#91;link&#93;&#40;http&#58;//x&#41;");
  }
}
