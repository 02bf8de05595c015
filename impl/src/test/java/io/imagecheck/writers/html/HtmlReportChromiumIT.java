package io.imagecheck.writers.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.report.Report;
import io.imagecheck.writers.support.RuleCatalog;
import io.imagecheck.writers.TestReports;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real headless browser (Debian's chromium, driven over the DevTools protocol): it
 * loads with no console error or exception and no network request, the hostile strings do not run, the
 * filters change the visible rows, and a screenshot is taken (target/html-report.png).
 *
 * <p>Skipped when {@code /usr/bin/chromium} is absent (CI installs it). Chromium gets a temporary profile
 * and HOME, so it writes nothing in the user's.
 */
class HtmlReportChromiumIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path tmp;

  private static int visibleRows(DevToolsBrowser b) throws IOException {
    return b.eval("document.querySelectorAll('#findings-table tbody tr:not([hidden])').length").asInt();
  }

  private static List<String> problems(DevToolsBrowser b) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : b.events()) {
      String m = e.path("method").asText();
      JsonNode p = e.path("params");
      if (m.equals("Runtime.exceptionThrown")) {
        out.add("exception: " + p.path("exceptionDetails"));
      } else if (m.equals("Runtime.consoleAPICalled") && List.of("error", "assert", "warning")
          .contains(p.path("type").asText())) {
        out.add("console." + p.path("type").asText() + ": " + p.path("args"));
      } else if (m.equals("Log.entryAdded") && List.of("error", "warning").contains(p.path("entry").path("level")
          .asText())) {
        out.add("log " + p.path("entry").path("level").asText() + ": " + p.path("entry").path("text").asText());
      }
    }
    return out;
  }

  @Test
  void should_load_cleanly_filter_rows_and_render_a_screenshot() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "chromium absent at " + CHROMIUM + ": skipping");
    // GIVEN the synthetic report (6 findings: 1 critical, 2 high, 1 medium, 2 low; hostile names) as a file
    Report report = TestReports.synthetic(tmp, false);
    Path page = tmp.resolve("report.html");
    Files.write(page, TestReports.write(new HtmlWriter(RuleCatalog.of(TestReports.syntheticInspectors())), report));
    try (DevToolsBrowser b = DevToolsBrowser.start(CHROMIUM, tmp.resolve("chromium"))) {
      b.send("Runtime.enable", Map.of());
      b.send("Log.enable", Map.of());
      b.send("Network.enable", Map.of());
      b.send("Page.enable", Map.of());
      // WHEN it is loaded
      b.send("Page.navigate", Map.of("url", page.toUri().toString()));
      b.await("Page.loadEventFired", p -> true);
      // THEN every finding is a row, the summary says so, and the hostile strings are text, not markup
      assertThat(visibleRows(b)).isEqualTo(6);
      assertThat(b.eval("document.getElementById('shown').textContent").asText()).isEqualTo("6 of 6 findings shown");
      assertThat(b.eval("document.title").asText()).startsWith("imagecheck FAIL: oci:").doesNotContain("pwned");
      assertThat(b.eval("document.querySelectorAll('img').length").asInt()).isZero();
      assertThat(b.eval("Array.from(document.querySelectorAll('td.path')).map(function (e) { return e.textContent; })"
          + ".indexOf(" + jsString(TestReports.HOSTILE_SCRIPT_PATH) + ")").asInt()).isNotNegative();
      assertThat(b.eval("document.querySelectorAll('#layer-chart g.layer').length").asInt()).isEqualTo(4);
      // AND unticking "low" hides the two low rows; choosing the secrets inspector leaves its two findings
      b.eval("document.getElementById('sev-low').click()");
      assertThat(visibleRows(b)).isEqualTo(4);
      b.eval("var s = document.getElementById('inspector-filter'); s.value = 'secrets';"
          + " s.dispatchEvent(new Event('change'))");
      assertThat(visibleRows(b)).isEqualTo(2);
      assertThat(b.eval("document.getElementById('shown').textContent").asText()).isEqualTo("2 of 6 findings shown");
      b.eval("document.getElementById('sev-critical').click()");
      assertThat(visibleRows(b)).isEqualTo(1);
      // AND nothing was requested but the file itself, and nothing complained
      List<String> urls = new ArrayList<>();
      b.events().stream().filter(e -> e.path("method").asText().equals("Network.requestWillBeSent"))
          .forEach(e -> urls.add(e.path("params").path("request").path("url").asText()));
      assertThat(urls).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith("file:"));
      assertThat(problems(b)).isEmpty();
      // AND a screenshot of the whole page is a real picture
      b.eval("document.getElementById('sev-low').click(); document.getElementById('sev-critical').click();"
          + " var t = document.getElementById('inspector-filter'); t.value = ''; t.dispatchEvent(new Event('change'))");
      String data = b.send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true))
          .path("data").asText();
      byte[] png = Base64.getDecoder().decode(data);
      Path shot = Path.of("target", "html-report.png");
      Files.createDirectories(shot.getParent());
      Files.write(shot, png);
      assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
      assertThat(png.length).isGreaterThan(20_000);
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(img.getWidth()).isGreaterThanOrEqualTo(1000);
      assertThat(img.getHeight()).isGreaterThan(1000);
      // AND the error collection works (a console error now is seen)
      b.eval("console.error('imagecheck probe')");
      b.await("Runtime.consoleAPICalled", p -> p.path("type").asText().equals("error"));
      assertThat(problems(b)).hasSize(1);
    }
  }

  private static String jsString(String s) {
    StringBuilder b = new StringBuilder("'");
    for (char c : s.toCharArray()) {
      b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
    }
    return b.append('\'').toString();
  }
}
