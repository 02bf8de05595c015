package io.imagecheck.inspectors.hygiene;

import static io.imagecheck.testing.ReportScans.findings;
import static io.imagecheck.testing.ReportScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.fs.FileType;
import io.imagecheck.lab.LabImages;
import io.imagecheck.lab.LayerEntry;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hygiene inspector on images made by real tools. */
class HygieneLabIT {

  @Test
  void should_report_the_debs_debootstrap_left_in_layer_1_and_the_layer_2_whiteouts() throws IOException {
    // GIVEN the debootstrap Debian image: layer 1 holds apt's downloaded .deb files, layer 2 whites them out
    LabImages lab = LabImages.get();
    List<LayerEntry> debs = lab.layer("debian", 0).stream().filter(e -> e.type() == FileType.REGULAR
        && e.name().matches("(\\./)?var/cache/apt/archives/[^/]+\\.deb")).toList();
    long bytes = debs.stream().mapToLong(LayerEntry::size).sum();
    // WHEN scanned
    Report report = scan("oci:" + lab.layout("debian") + ":" + lab.image("debian").tag(), new HygieneInspector(),
        Policy.defaults());
    // THEN one finding says layer 1 still ships them, with the count and bytes tar lists
    assertThat(debs).isNotEmpty();
    assertThat(findings(report, HygieneInspector.PACKAGE_CACHE)).singleElement().satisfies(f -> {
      assertThat(f.message()).startsWith("apt package cache in /var/cache/apt deleted by a later layer, but still "
          + "shipped in layer 1: " + debs.size() + " files, ");
      assertThat(f.evidence()).containsEntry("files", Integer.toString(debs.size()))
          .containsEntry("bytes", Long.toString(bytes)).containsEntry("layers", "1");
    });
    assertThat(findings(report, HygieneInspector.MUTABLE_TAG)).singleElement().satisfies(f ->
        assertThat(f.evidence()).containsEntry("tag", "bookworm"));
    assertThat(findings(report, HygieneInspector.NO_HEALTHCHECK)).hasSize(1);
    assertThat(report.findings()).hasSize(3);
  }

  @Test
  void should_find_nothing_but_the_health_check_and_tag_in_busybox() throws IOException {
    // GIVEN the busybox image made by umoci
    LabImages lab = LabImages.get();
    // WHEN scanned through its oci-archive (not a named layout in a directory) and its layout
    Report archive = scan("oci-archive:" + lab.ociArchive("busybox") + ":latest", new HygieneInspector(),
        Policy.defaults());
    Report docker = scan("docker-archive:" + lab.dockerArchive("busybox"), new HygieneInspector(), Policy.defaults());
    // THEN the archive by name has the mutable tag, the docker archive does not
    assertThat(archive.findings()).extracting(f -> f.ruleId()).containsExactlyInAnyOrder(
        HygieneInspector.NO_HEALTHCHECK, HygieneInspector.MUTABLE_TAG);
    assertThat(docker.findings()).extracting(f -> f.ruleId()).containsExactly(HygieneInspector.NO_HEALTHCHECK);
  }
}
