package io.imagecheck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Platform;
import io.imagecheck.inspectors.Inspectors;
import io.imagecheck.policies.Policies;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testing.CountingImage;
import io.imagecheck.testing.FakeBinaries;
import io.imagecheck.testing.Fixtures;
import io.imagecheck.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan reads each layer exactly once, whatever the inspectors need: they declare their content up
 * front and it is served in that one pass.
 */
class ScannerReadsTest {

  @TempDir Path tmp;

  /** Every built-in inspector, whatever the built-in policies select. */
  private static Policy everything() {
    List<String> ids = Inspectors.builtIn().stream().map(i -> i.id()).toList();
    return Policy.builder("all").inspectors(ids.toArray(String[]::new)).build();
  }

  @Test
  void should_open_each_layer_once_when_every_built_in_inspector_wants_content() throws IOException {
    // GIVEN an image with content for every inspector: a busybox (multi-call detector), passwd/group
    // (captures), a dpkg database and os-release (packages), a private key (secrets), an overwritten
    // and a deleted file in a later layer
    TestImage image = TestImage.builder()
        .platform(Platform.parse("linux/amd64"))
        .layer("RUN install base", l -> l
            .file("/bin/busybox", FakeBinaries.busybox("1.36.1", "sh", "wget"), 0755)
            .symlink("/bin/sh", "busybox")
            .file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
            .file("/etc/group", "root:x:0:\n")
            .file("/etc/os-release", "ID=debian\nVERSION_ID=12\n")
            .file("/var/lib/dpkg/status", "Package: base-files\nStatus: install ok installed\nVersion: 12.4\n"
                + "Architecture: amd64\n\n")
            .file("/root/.ssh/id_rsa", "not a key\n"))
        .layer("RUN change", l -> l
            .file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n")
            .whiteout("/root/.ssh/id_rsa")
            .file("/app/run", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 0755))
        .layer("COPY app", l -> l.file("/app/config.json", "{}"))
        .build();
    try (ImageSource source = TestImages.open(image, tmp)) {
      CountingImage counted = new CountingImage(source.image());
      // WHEN
      Report report = Scanner.with(everything()).scan(source, counted);
      // THEN
      assertThat(counted.opens()).containsExactly(1, 1, 1);
      assertThat(report.summary().inspectorsRun()).isEqualTo(Inspectors.builtIn().size());
      assertThat(report.summary().inspectorsErrored()).isZero();
    }
  }

  @Test
  void should_open_each_layer_of_a_real_alpine_image_once_with_the_hardened_policy() throws IOException {
    // GIVEN trivy's alpine:3.11 docker save (one gzip layer)
    String path = "docker-archive:" + Fixtures.real("trivy-docker-save-alpine311/alpine-311.tar.gz");
    try (ImageSource source = ImageSources.open(path)) {
      CountingImage counted = new CountingImage(source.image());
      // WHEN
      Report report = Scanner.with(Policies.hardened()).scan(source, counted);
      // THEN
      assertThat(counted.opens()).containsExactly(1);
      assertThat(report.result("shell").orElseThrow().findings()).isNotEmpty();
    }
  }
}
