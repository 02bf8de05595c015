package io.imagecheck.inspectors.hygiene;

import static io.imagecheck.testing.ReportScans.findings;
import static io.imagecheck.testing.ReportScans.result;
import static io.imagecheck.testing.ReportScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Healthcheck;
import io.imagecheck.image.Image;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Severity;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.testimage.TestImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hygiene inspector on synthetic images, run through the scanner. */
class HygieneInspectorTest {

  private static final HygieneInspector INSPECTOR = new HygieneInspector();

  private static TestImage.Builder base() {
    return TestImage.builder().config(c -> c.healthcheck(new Healthcheck(List.of("CMD", "/app", "--health"),
        Optional.empty(), Optional.empty(), Optional.empty(), 0)));
  }

  @Test
  void should_report_apt_lists_with_file_count_and_bytes_but_not_lock_or_partial() throws IOException {
    // GIVEN apt lists (two index files of 100 and 50 bytes), the lock and a partial download
    TestImage image = base().layer("RUN apt-get update && apt-get install -y curl", l -> l
        .file("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", "x".repeat(100))
        .file("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4", "y".repeat(50))
        .file("/var/lib/apt/lists/lock", "")
        .file("/var/lib/apt/lists/partial/x.gz", "z"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN one LOW finding for the directory with 2 files and 150 bytes
    assertThat(findings(report, HygieneInspector.PACKAGE_CACHE)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.message()).isEqualTo("apt package lists left in /var/lib/apt/lists: 2 files, 150 bytes");
      assertThat(f.path()).contains("/var/lib/apt/lists");
      assertThat(f.origin()).hasValueSatisfying(o -> assertThat(o.createdBy())
          .contains("RUN apt-get update && apt-get install -y curl"));
      assertThat(f.evidence()).containsEntry("files", "2").containsEntry("bytes", "150");
    });
  }

  @Test
  void should_not_report_clean_apt_and_apk_directories() throws IOException {
    // GIVEN only apt's bookkeeping files and empty cache directories
    TestImage image = base().layer("RUN apt-get update && ... && rm -rf /var/lib/apt/lists/*", l -> l
        .file("/var/lib/apt/lists/lock", "")
        .directory("/var/lib/apt/lists/partial")
        .directory("/var/cache/apt/archives/partial")
        .file("/var/cache/apt/archives/lock", "")
        .directory("/var/cache/apk"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN nothing is reported
    assertThat(findings(report, HygieneInspector.PACKAGE_CACHE)).isEmpty();
    assertThat(result(report, HygieneInspector.ID).fact("caches")).contains(List.of());
  }

  @Test
  void should_report_cache_deleted_by_later_layer_as_still_shipped() throws IOException {
    // GIVEN an apk cache written in layer 1 and deleted in layer 2
    TestImage image = base()
        .layer("RUN apk add curl", l -> l.file("/var/cache/apk/APKINDEX.5022a8a2.tar.gz", "a".repeat(2048)))
        .layer("RUN rm -rf /var/cache/apk/*", l -> l.whiteout("/var/cache/apk/APKINDEX.5022a8a2.tar.gz"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN the finding says layer 1 still ships it
    assertThat(findings(report, HygieneInspector.PACKAGE_CACHE)).singleElement().satisfies(f -> {
      assertThat(f.message()).isEqualTo(
          "apk cache in /var/cache/apk deleted by a later layer, but still shipped in layer 1: 1 file, 2.0 KiB");
      assertThat(f.origin()).hasValueSatisfying(o -> assertThat(o.layerNumber()).isEqualTo(1));
    });
  }

  @Test
  void should_report_pip_npm_and_apt_archive_caches_per_directory() throws IOException {
    // GIVEN pip and npm caches of root and of a user, and downloaded .deb files
    TestImage image = base().layer("RUN pip install x && npm install y", l -> l
        .file("/root/.cache/pip/http-v2/a/b/c", "1")
        .file("/home/app/.cache/pip/wheels/x.whl", "22")
        .file("/root/.npm/_cacache/index-v5/00/11", "333")
        .file("/var/cache/apt/archives/curl_7.88.1-10_amd64.deb", "4444")
        .file("/var/cache/apt/pkgcache.bin", "55555"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN one finding per cache directory
    assertThat(findings(report, HygieneInspector.PACKAGE_CACHE)).extracting(Finding::message).containsExactly(
        "pip cache left in /home/app/.cache/pip: 1 file, 2 bytes",
        "pip cache left in /root/.cache/pip: 1 file, 1 byte",
        "npm cache left in /root/.npm/_cacache: 1 file, 3 bytes",
        "apt package cache left in /var/cache/apt: 2 files, 9 bytes");
  }

  @Test
  void should_report_add_of_remote_url_from_buildkit_history_without_credentials() throws IOException {
    // GIVEN a BuildKit ADD of a URL with user info and a signed query
    TestImage image = base()
        .layer("ADD https://user:pw@example.com/dl/app.tar.gz?X-Amz-Signature=abc /opt/ # buildkit",
            l -> l.file("/opt/app.tar.gz", "x"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN a MEDIUM finding shows the URL without user info or query
    assertThat(findings(report, HygieneInspector.REMOTE_ADD)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.message()).isEqualTo(
          "history step 1 adds a remote URL without a recorded checksum: ADD https://example.com/dl/app.tar.gz?\u2026");
      assertThat(f.origin()).hasValueSatisfying(o -> assertThat(o.layerNumber()).isEqualTo(1));
    });
  }

  @Test
  void should_not_report_local_add_copy_or_checksummed_add_in_an_image() throws IOException {
    // GIVEN an image made of a classic-builder local ADD, a BuildKit COPY and a checksummed remote ADD
    TestImage image = base()
        .layer("/bin/sh -c #(nop) ADD file:8ec69d882e7f29f0652d537557160e638168550f738d0d49f90a7ef96bf31787 in / ",
            l -> l.file("/etc/os-release", "ID=alpine\n"))
        .layer("COPY /opt/docker/ /usr/local/bin/ # buildkit", l -> l.file("/usr/local/bin/app", "x"))
        .layer("ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
            + "https://example.com/a.tgz /a # buildkit", l -> l.file("/a", "x"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN no remote ADD is reported
    assertThat(findings(report, HygieneInspector.REMOTE_ADD)).isEmpty();
    assertThat(result(report, HygieneInspector.ID).fact("remoteAdds")).contains(List.of());
  }

  @Test
  void should_not_report_local_add_copy_or_add_with_checksum() {
    // GIVEN history shapes of local ADD (classic builder, buildah), COPY, and a checksummed remote ADD
    // WHEN parsed
    // THEN none is a remote ADD; kaniko's shape is
    assertThat(HygieneInspector.remoteUrls("/bin/sh -c #(nop) ADD file:8ec69d882e7f29f0652d5375 in / ")).isEmpty();
    assertThat(HygieneInspector.remoteUrls("COPY /opt/docker/ /usr/local/bin/ # buildkit")).isEmpty();
    assertThat(HygieneInspector.remoteUrls("ADD --checksum=sha256:24454f83 https://example.com/a.tgz /a # buildkit"))
        .isEmpty();
    assertThat(HygieneInspector.remoteUrls("ADD --chown=1000 http://example.com/a.tgz /a")).containsExactly(
        "http://example.com/a.tgz");
  }

  @Test
  void should_report_sudo_as_a_command_but_not_as_a_package_name() throws IOException {
    // GIVEN a step running sudo and a step installing the sudo package
    TestImage image = base()
        .layer("RUN /bin/sh -c apt-get install -y sudo # buildkit", l -> l.file("/usr/bin/sudo", "x", 04755))
        .layer("RUN /bin/sh -c make && sudo make install # buildkit", l -> l.file("/usr/local/bin/app", "x"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN only step 2 is reported
    assertThat(findings(report, HygieneInspector.SUDO)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.message()).isEqualTo("history step 2 runs a command with sudo");
    });
    assertThat(HygieneInspector.runsSudo("/bin/sh -c sudo -u app ./setup.sh")).isTrue();
    assertThat(HygieneInspector.runsSudo("/bin/sh -c echo pseudocode > /x")).isFalse();
  }

  @Test
  void should_report_missing_or_disabled_healthcheck_as_info() throws IOException {
    // GIVEN an image without a health check, one with NONE, and one with a check
    TestImage none = TestImage.builder().layer("COPY . /", l -> l.file("/app", "x")).build();
    TestImage disabled = TestImage.builder().config(c -> c.healthcheck(new Healthcheck(List.of("NONE"),
        Optional.empty(), Optional.empty(), Optional.empty(), 0))).layer("COPY . /", l -> l.file("/app", "x")).build();
    TestImage present = base().layer("COPY . /", l -> l.file("/app", "x")).build();
    // WHEN scanned
    // THEN the first two have an INFO finding, the third none
    assertThat(findings(scan(none, INSPECTOR), HygieneInspector.NO_HEALTHCHECK)).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO))
        .extracting(Finding::message).isEqualTo("the image config defines no HEALTHCHECK");
    assertThat(findings(scan(disabled, INSPECTOR), HygieneInspector.NO_HEALTHCHECK)).extracting(Finding::message)
        .containsExactly("the image config disables the health check (HEALTHCHECK NONE)");
    Report ok = scan(present, INSPECTOR);
    assertThat(findings(ok, HygieneInspector.NO_HEALTHCHECK)).isEmpty();
    assertThat(result(ok, HygieneInspector.ID).fact("healthcheck")).contains("present");
  }

  @Test
  void should_report_exposed_ssh_port_only() throws IOException {
    // GIVEN an image exposing 22/tcp and 8080/tcp, and one exposing 22/udp and 8080
    TestImage ssh = base().config(c -> c.exposedPorts(List.of("22/tcp", "8080/tcp")))
        .layer("COPY . /", l -> l.file("/app", "x")).build();
    TestImage other = base().config(c -> c.exposedPorts(List.of("22/udp", "8080")))
        .layer("COPY . /", l -> l.file("/app", "x")).build();
    // WHEN scanned
    // THEN only 22/tcp is a MEDIUM finding
    assertThat(findings(scan(ssh, INSPECTOR), HygieneInspector.SSH_PORT)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.message()).isEqualTo("the image config exposes the SSH port 22/tcp");
    });
    assertThat(findings(scan(other, INSPECTOR), HygieneInspector.SSH_PORT)).isEmpty();
  }

  @Test
  void should_report_named_layout_reference_as_mutable_and_digest_reference_as_pinned(@TempDir Path dir)
      throws IOException {
    // GIVEN an image in an OCI layout under the ref name "latest"
    TestImage image = base().layer("COPY . /", l -> l.file("/app", "x")).build();
    image.writeOciLayout(dir, "latest");
    // WHEN scanned by name and by digest
    Report byTag = io.imagecheck.testing.ReportScans.scan("oci:" + dir + ":latest", INSPECTOR, Policy.defaults());
    Report byDigest = io.imagecheck.testing.ReportScans.scan("oci:" + dir + ":@" + image.manifestDigest(),
        INSPECTOR, Policy.defaults());
    // THEN the tag is a LOW finding naming the digest to pin; the digest passes
    assertThat(findings(byTag, HygieneInspector.MUTABLE_TAG)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.message()).isEqualTo("the image was referenced by the mutable tag \"latest\" (oci:" + dir
          + ":latest), not by its digest " + image.manifestDigest().shortForm());
      assertThat(f.evidence()).containsEntry("digest", image.manifestDigest().toString())
          .containsEntry("pinnedReference", "oci:" + dir + ":@" + image.manifestDigest());
    });
    assertThat(findings(byDigest, HygieneInspector.MUTABLE_TAG)).isEmpty();
    assertThat(result(byDigest, HygieneInspector.ID).fact("reference")).hasValueSatisfying(r ->
        assertThat(r).isEqualTo(Map.of("source", "oci:" + dir + ":@" + image.manifestDigest(), "transport", "oci",
            "applicable", true, "pinned", true)));
  }

  @Test
  void should_judge_registry_references_by_tag_and_digest_and_skip_archives(@TempDir Path dir) throws IOException {
    // GIVEN one image seen through several source descriptions
    TestImage image = base().layer("COPY . /", l -> l.file("/app", "x")).build();
    image.writeOciLayout(dir, "latest");
    try (ImageSource source = ImageSources.open("oci:" + dir + ":latest")) {
      Image img = source.image();
      FileSystemView fs = FileSystemViews.read(img);
      // WHEN inspected as if read from a registry by tag, by implied latest, by digest, or from an archive
      // THEN only the tag references are findings
      assertThat(mutableTag(img, fs, "docker://localhost:5000/app:1.0")).singleElement().satisfies(f -> assertThat(
          f.evidence()).containsEntry("tag", "1.0")
          .containsEntry("pinnedReference", "docker://localhost:5000/app@" + image.manifestDigest()));
      assertThat(mutableTag(img, fs, "docker://localhost:5000/app")).singleElement().satisfies(f -> assertThat(
          f.evidence()).containsEntry("tag", "latest"));
      assertThat(mutableTag(img, fs, "docker://localhost:5000/app@" + image.manifestDigest())).isEmpty();
      assertThat(mutableTag(img, fs, "docker-archive:/tmp/app.tar")).isEmpty();
      assertThat(mutableTag(img, fs, "dir:/tmp/app")).isEmpty();
    }
  }

  private static List<Finding> mutableTag(Image image, FileSystemView fs, String source) {
    InspectionContext ctx = new InspectionContext() {
      @Override
      public Image image() {
        return image;
      }

      @Override
      public FileSystemView fileSystem() {
        return fs;
      }

      @Override
      public Map<String, Object> options() {
        return Map.of();
      }

      @Override
      public String source() {
        return source;
      }
    };
    InspectorResult r = INSPECTOR.inspect(ctx);
    return r.findings().stream().filter(f -> f.ruleId().equals(HygieneInspector.MUTABLE_TAG)).toList();
  }
}
