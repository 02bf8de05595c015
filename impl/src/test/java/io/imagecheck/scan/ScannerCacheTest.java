package io.imagecheck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.cache.LayerCache;
import io.imagecheck.filesystems.ViewOptions;
import io.imagecheck.image.Compression;
import io.imagecheck.image.Platform;
import io.imagecheck.inspectors.Inspectors;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testimage.TestLayer;
import io.imagecheck.testing.CountingImage;
import io.imagecheck.testing.FakeBinaries;
import io.imagecheck.testing.Fixtures;
import io.imagecheck.writers.ReportWriters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan with a layer cache gives the same report as one without, and reads only layers it has not seen. */
class ScannerCacheTest {

  @TempDir Path tmp;

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** Every built-in inspector: shell, package-manager and tools share the multi-call visitor (cached by
   * codec), secrets has a codec, packages is replayed from kept content. */
  private static Scanner scanner() {
    List<String> ids = Inspectors.builtIn().stream().map(i -> i.id()).toList();
    return Scanner.with(Policy.builder("all").inspectors(ids.toArray(String[]::new)).build()).withClock(CLOCK);
  }

  /** A base layer with content for every inspector, shared by the two images. */
  private static TestLayer base() {
    return TestLayer.builder()
        .file("/bin/busybox", FakeBinaries.busybox("1.36.1", "sh", "wget", "vi"), 0755)
        .symlink("/bin/sh", "busybox")
        .hardlink("/bin/wget", "/bin/busybox")
        .file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
        .file("/etc/group", "root:x:0:\n")
        .file("/etc/os-release", "ID=debian\nVERSION_ID=12\n")
        .file("/var/lib/dpkg/status", "Package: base-files\nStatus: install ok installed\nVersion: 12.4\n"
            + "Architecture: amd64\n\nPackage: apt\nStatus: install ok installed\nVersion: 2.6.1\n"
            + "Architecture: amd64\n\n")
        .file("/usr/bin/apt", FakeBinaries.program("apt"), 0755)
        .file("/root/.git-credentials", "https://user:s3cr3tPassw0rd@example.com\n")
        .file("/usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\n")
        .file("/usr/bin/sudo", new byte[100], 04755)
        .rawEntry(io.imagecheck.testimage.RawTarEntry.builder("dev/null").typeflag('3').device(1, 3).build())
        .compression(Compression.GZIP)
        .build();
  }

  private static TestImage image(String top) {
    return TestImage.builder()
        .platform(Platform.parse("linux/amd64"))
        .layer("RUN debootstrap", base())
        .layer("COPY " + top, l -> l
            .file("/app/" + top, ("#!/bin/sh\necho " + top + "\n").getBytes(StandardCharsets.UTF_8), 0755)
            .whiteout("/root/.git-credentials")
            .file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n" + top + ":x:1000:1000::/app:/bin/sh\n"))
        .build();
  }

  private Path layout(TestImage image, String name) throws IOException {
    Path dir = tmp.resolve(name);
    image.writeOciLayout(dir, "latest");
    return dir;
  }

  private static String json(Report report) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportWriters.named("json").orElseThrow().write(report, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private record Scan(String json, List<Integer> opens) {}

  private static Scan scan(Scanner scanner, Path layout) throws IOException {
    try (ImageSource source = ImageSources.open("oci:" + layout + ":latest")) {
      CountingImage counted = new CountingImage(source.image());
      return new Scan(json(scanner.scan(source, counted)), counted.opens());
    }
  }

  @Test
  void should_give_the_same_report_from_the_cache_without_reading_the_layers() throws IOException {
    // GIVEN an image scanned once without a cache and once to fill the cache
    Path a = layout(image("a"), "a");
    LayerCache cache = LayerCache.open(tmp.resolve("cache"));
    Scan plain = scan(scanner(), a);
    Scan first = scan(scanner().withCache(cache), a);
    // WHEN
    Scan second = scan(scanner().withCache(cache), a);
    // THEN
    assertThat(first.opens()).containsExactly(1, 1);
    assertThat(second.opens()).containsExactly(0, 0);
    assertThat(second.json()).isEqualTo(plain.json());
    assertThat(first.json()).isEqualTo(plain.json());
    assertThat(plain.json()).contains("\"busybox\"", "secrets.credentials-file", "requests", "base-files");
    assertThat(cache.stats()).isEqualTo(new LayerCache.Stats(2, 2, 2, 0, 0));
  }

  @Test
  void should_read_only_the_new_layer_of_an_image_sharing_its_base_with_a_cached_one() throws IOException {
    // GIVEN image a scanned with the cache, and image b with the same base layer and its own top layer
    Path a = layout(image("a"), "a");
    Path b = layout(image("b"), "b");
    LayerCache cache = LayerCache.open(tmp.resolve("cache"));
    scan(scanner().withCache(cache), a);
    // WHEN
    Scan cached = scan(scanner().withCache(cache), b);
    // THEN the base is not read, and the report is the one a scan without the cache gives
    assertThat(cached.opens()).containsExactly(0, 1);
    assertThat(cached.json()).isEqualTo(scan(scanner(), b).json());
  }

  @Test
  void should_read_the_layers_again_for_another_inspector_set() throws IOException {
    // GIVEN a cache filled by a scan with every inspector
    Path a = layout(image("a"), "a");
    LayerCache cache = LayerCache.open(tmp.resolve("cache"));
    scan(scanner().withCache(cache), a);
    // WHEN a policy that runs only the user inspector (other content needs: captures only) scans it
    Scanner users = Scanner.with(Policy.builder("users").inspectors("user").build()).withClock(CLOCK);
    Scan other = scan(users.withCache(cache), a);
    // THEN the layers are read (other keys), the report matches an uncached scan, and a second scan with
    // the same needs hits
    assertThat(other.opens()).containsExactly(1, 1);
    assertThat(other.json()).isEqualTo(scan(users, a).json());
    assertThat(scan(users.withCache(cache), a).opens()).containsExactly(0, 0);
  }

  @Test
  void should_read_the_layer_again_when_a_cache_entry_is_damaged() throws IOException {
    // GIVEN a filled cache whose entries were all overwritten with garbage of the same length
    Path a = layout(image("a"), "a");
    LayerCache cache = LayerCache.open(tmp.resolve("cache"));
    Scan first = scan(scanner().withCache(cache), a);
    try (Stream<Path> files = Files.walk(cache.directory())) {
      for (Path f : files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().length() == 64)
          .toList()) {
        Files.write(f, new byte[(int) Files.size(f)]);
      }
    }
    // WHEN
    Scan again = scan(scanner().withCache(cache), a);
    // THEN
    assertThat(again.opens()).containsExactly(1, 1);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(cache.stats().damaged()).isEqualTo(2);
  }

  @Test
  void should_name_the_layer_by_its_position_in_the_image_read_from_the_cache() throws IOException {
    // GIVEN a layer with an ignored entry (a warning naming the layer) cached as layer 1 of 1
    TestLayer odd = TestLayer.builder().file("/etc/motd", "hi\n")
        .rawEntry(io.imagecheck.testimage.RawTarEntry.builder("../escape").build()).build();
    Path alone = layout(TestImage.builder().layer("ADD odd", odd).build(), "alone");
    Path second = layout(TestImage.builder().layer("ADD base", l -> l.file("/etc/hostname", "x\n"))
        .layer("ADD odd", odd).build(), "second");
    LayerCache cache = LayerCache.open(tmp.resolve("cache"));
    scan(scanner().withCache(cache), alone);
    // WHEN the same layer is read from the cache as layer 2 of 2
    Scan cached = scan(scanner().withCache(cache), second);
    // THEN
    assertThat(cached.opens()).containsExactly(1, 0);
    assertThat(cached.json()).contains("layer 2 of 2").doesNotContain("layer 1 of 1")
        .isEqualTo(scan(scanner(), second).json());
  }

  @Test
  void should_scan_a_real_alpine_image_from_the_cache_as_without() throws IOException {
    // GIVEN trivy's alpine:3.11 docker save, scanned once into the cache
    String ref = "docker-archive:" + Fixtures.real("trivy-docker-save-alpine311/alpine-311.tar.gz");
    LayerCache cache = LayerCache.open(tmp.resolve("cache"));
    String plain;
    try (ImageSource source = ImageSources.open(ref)) {
      plain = json(scanner().scan(source, source.image()));
    }
    try (ImageSource source = ImageSources.open(ref)) {
      scanner().withCache(cache).scan(source, source.image());
    }
    // WHEN
    try (ImageSource source = ImageSources.open(ref)) {
      CountingImage counted = new CountingImage(source.image());
      String cached = json(scanner().withCache(cache).scan(source, counted));
      // THEN
      assertThat(counted.opens()).containsExactly(0);
      assertThat(cached).isEqualTo(plain).contains("musl", "busybox");
    }
  }

  @Test
  void should_count_a_cached_layer_against_the_image_wide_metadata_budget() throws IOException {
    // GIVEN a base layer of 200 entries, cached by a scan of an image made of it alone, and a budget of
    // entry metadata that the base fits in but the base and a top layer of 200 more entries do not
    TestLayer.Builder base = TestLayer.builder();
    TestLayer.Builder top = TestLayer.builder();
    for (int i = 0; i < 200; i++) {
      base.file("/base/file-" + i, "b\n");
      top.file("/top/file-" + i, "t\n");
    }
    TestLayer baseLayer = base.build();
    Path alone = layout(TestImage.builder().layer("ADD base", baseLayer).build(), "alone");
    Path both = layout(TestImage.builder().layer("ADD base", baseLayer).layer("ADD top", top.build()).build(),
        "both");
    Scanner limited = scanner().withViewOptions(ViewOptions.defaults()
        .withLimits(ReadLimits.defaults().with("metadata-bytes", 120_000)));
    LayerCache cache = LayerCache.open(tmp.resolve("cache"));
    Scan first = scan(limited.withCache(cache), alone);
    // WHEN the two-layer image is scanned with the base taken from the cache
    Scan cached = scan(limited.withCache(cache), both);
    // THEN the base is not read, yet its entries count: the scan stops at metadata-bytes as without a cache
    assertThat(first.json()).doesNotContain("metadata-bytes");
    assertThat(cached.opens().get(0)).isZero();
    assertThat(cached.json()).contains("\"INCOMPLETE\"", "metadata-bytes");
    assertThat(scan(limited, both).json()).contains("\"INCOMPLETE\"", "metadata-bytes");
  }
}
