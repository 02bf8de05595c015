package io.imagecheck.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Compression;
import io.imagecheck.image.Platform;
import io.imagecheck.policies.Policies;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.writers.json.JsonReportWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 32 images scanned at once by one shared {@link Scanner} (with the built-in inspectors) give the same
 * JSON reports as scanning them one at a time: the scanner and the inspectors hold no shared mutable state.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConcurrentScansTest extends HostileTestSupport {

  private static final int IMAGES = 32;

  @Test
  void should_give_the_same_reports_for_32_concurrent_scans_as_for_sequential_ones() throws Exception {
    // GIVEN 32 different images (in all three archive and layout forms), and one scanner
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      refs.add(write(i));
    }
    Scanner scanner = Scanner.with(Policies.hardened())
        .withClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    List<String> sequential = new ArrayList<>();
    for (String ref : refs) {
      sequential.add(scan(scanner, ref));
    }
    // WHEN the same scanner scans them all at once
    ExecutorService pool = Executors.newFixedThreadPool(IMAGES);
    List<String> concurrent = new ArrayList<>();
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (String ref : refs) {
        futures.add(pool.submit(() -> scan(scanner, ref)));
      }
      for (Future<String> f : futures) {
        concurrent.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    // THEN the reports are identical, and differ between images
    assertThat(concurrent).containsExactlyElementsOf(sequential);
    assertThat(sequential).doesNotHaveDuplicates();
    assertThat(sequential.get(3)).contains("\"findings\"").contains("/home/user3");
  }

  private String write(int i) throws IOException {
    TestImage image = TestImage.builder().platform(Platform.parse("linux/amd64"))
        .layerCompression(i % 3 == 0 ? Compression.GZIP : i % 3 == 1 ? Compression.ZSTD : Compression.NONE)
        .config(c -> c.user(i % 2 == 0 ? "root" : "1000"))
        .layer("ADD rootfs", l -> l.directory("/bin").file("/bin/busybox", "BusyBox v1.36." + i, 0755)
            .symlink("/bin/sh", "busybox").directory("/etc")
            .file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nuser" + i + ":x:1000:1000::/home/user" + i + ":/bin/sh\n")
            .file("/etc/os-release", "ID=alpine\nVERSION_ID=3.20." + i + "\n"))
        .layer("COPY app", l -> l.file("/app/run", "app " + i, i % 4 == 0 ? 04755 : 0755)
            .file("/root/.ssh/id_rsa", i % 5 == 0 ? "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n"
                : "no key"))
        .build();
    Path p = dir();
    switch (i % 3) {
      case 0 -> {
        image.writeOciLayout(p, "latest");
        return "oci:" + p + ":latest";
      }
      case 1 -> {
        image.writeOciArchive(p, "latest");
        return "oci-archive:" + p;
      }
      default -> {
        image.writeDockerArchive(p, "app:" + i);
        return "docker-archive:" + p;
      }
    }
  }

  private static String scan(Scanner scanner, String ref) throws IOException {
    try (ImageSource source = ImageSources.open(ref)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new JsonReportWriter().write(scanner.scan(source, source.image()), out);
      // the source reference differs per image but not between runs; nothing else may differ
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
