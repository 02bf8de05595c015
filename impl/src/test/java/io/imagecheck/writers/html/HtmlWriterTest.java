package io.imagecheck.writers.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.json.Json;
import io.imagecheck.report.Report;
import io.imagecheck.writers.support.RuleCatalog;
import io.imagecheck.writers.TestReports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML page as text: self-contained, CSP-locked, hostile strings inert, charts from the report. */
class HtmlWriterTest {

  @TempDir Path tmp;

  private final HtmlWriter writer = new HtmlWriter(RuleCatalog.of(TestReports.syntheticInspectors()));

  private String html(Report report) throws IOException {
    return new String(TestReports.write(writer, report), StandardCharsets.UTF_8);
  }

  private static String between(String s, String start, String end) {
    int a = s.indexOf(start);
    assertThat(a).as(start).isNotNegative();
    int b = s.indexOf(end, a + start.length());
    return s.substring(a + start.length(), b);
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  private static String hash(String s) throws IOException {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(h) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
  }

  @Test
  void should_load_nothing_from_outside_and_allow_only_its_own_style_and_script() throws IOException {
    // GIVEN the synthetic page
    String page = html(TestReports.synthetic(tmp, false));
    // WHEN / THEN there is no URL to any network, nor a reference to another file
    assertThat(page).doesNotContain("http://", "https://", "src=\"", "@import", "url(");
    assertThat(page).contains("<link rel=\"icon\" href=\"data:,\">");
    // AND the CSP allows exactly the page's inline style and script, by hash, and nothing else
    String csp = between(page, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\">");
    String style = between(page, "<style>", "</style>");
    String script = between(page, "</script>\n<script>", "</script>");
    assertThat(csp).isEqualTo("default-src 'none'; script-src " + hash(script) + "; style-src " + hash(style)
        + "; img-src data:; base-uri 'none'; form-action 'none'");
  }

  @Test
  void should_keep_hostile_strings_inside_the_escaped_data_block() throws IOException {
    // GIVEN the synthetic page, whose file names and build step carry markup and control characters
    String page = html(TestReports.synthetic(tmp, false));
    // WHEN the script elements are counted and the data block is read back
    assertThat(count(page, "<script")).isEqualTo(2);
    assertThat(count(page, "</script")).isEqualTo(2);
    String data = between(page, "<script type=\"application/json\" id=\"report-data\">", "</script>");
    // THEN the block is pure ASCII without <, > or &, and parses back to the exact hostile strings
    assertThat(data.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).isTrue();
    assertThat(data).doesNotContain("<", ">", "&");
    JsonNode json = Json.mapper().readTree(data);
    List<String> paths = new ArrayList<>();
    json.path("findings").forEach(f -> paths.add(f.path("path").asText()));
    assertThat(paths).contains(TestReports.HOSTILE_SCRIPT_PATH, "/tmp/" + TestReports.HOSTILE_NAME);
    assertThat(json.path("findings")).anySatisfy(f -> assertThat(f.path("createdBy").asText())
        .isEqualTo(TestReports.HOSTILE_STEP));
    assertThat(json.path("waived").path(0).path("reason").asText()).isEqualTo("scratch file, accepted");
    // AND everything written as markup is escaped, with no control character left
    assertThat(page).contains("COPY &lt;b&gt;bold&lt;/b&gt; &amp; &quot;q&quot; &lt;/script&gt;&lt;script&gt;");
    assertThat(page).doesNotContain("<b>bold", "<img", "\u0001", "\u001b", "\u0007");
  }

  @Test
  void should_chart_layer_sizes_with_steps_and_mark_shell_package_manager_and_secret_layers() throws IOException {
    // GIVEN the synthetic page: shell and apk in layer 1, a private key in layer 3
    Report report = TestReports.synthetic(tmp, false);
    String page = html(report);
    // WHEN the layer groups are read
    Matcher m = Pattern.compile("<g class=\"layer\" data-layer=\"(\\d+)\" data-marks=\"([^\"]*)\">").matcher(page);
    List<String> layers = new ArrayList<>();
    while (m.find()) {
      layers.add(m.group(1) + ":" + m.group(2));
    }
    // THEN there is one per layer, marked as expected
    assertThat(layers).containsExactly("1:package-manager shell", "2:", "3:secrets", "4:");
    // AND each is labelled with its number, history step and command, and its compressed size
    assertThat(page).contains("<tspan font-weight=\"600\">Layer 2, step 3</tspan> <tspan class=\"muted\">RUN apk add"
        + " --no-cache curl</tspan>");
    long size = report.image().layers().get(1).size();
    assertThat(page).contains(">" + size + " B</text>");
    assertThat(count(page, "<rect class=\"bar marked\"")).isEqualTo(2);
    // AND the package chart has one bar for apk with 5 packages
    assertThat(page).contains("<g class=\"ecosystem\" data-ecosystem=\"apk\" data-count=\"5\">");
    assertThat(page).contains("5 packages in 1 ecosystem.");
  }

  @Test
  void should_offer_a_filter_per_severity_with_counts_and_list_inspectors() throws IOException {
    // GIVEN the INCOMPLETE synthetic page
    String page = html(TestReports.synthetic(tmp, true));
    // WHEN / THEN each severity has a checked box with its count, and the verdict is INCOMPLETE
    assertThat(page).contains("<input type=\"checkbox\" id=\"sev-critical\" value=\"critical\" checked> critical (1)",
        "id=\"sev-low\" value=\"low\" checked> low (2)", "id=\"sev-info\" value=\"info\" checked> info (0)");
    assertThat(page).contains("<header class=\"verdict v-INCOMPLETE\" id=\"verdict\"><h1>INCOMPLETE</h1>");
    assertThat(page).contains("<tr data-status=\"ERROR\"><td class=\"mono\">broken</td><td>ERROR</td><td>0</td>"
        + "<td>IOException: cannot read &lt;/script&gt; database \uFFFD at /var/lib/x</td></tr>");
  }

  @Test
  void should_escape_markup_and_control_characters() {
    // GIVEN / WHEN / THEN
    assertThat(HtmlWriter.html("<a href='x'>\"&\"</a>\u0000\u0085\tok"))
        .isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;\uFFFD\uFFFD\tok");
  }
}
