package io.imagecheck.testkit;

import static io.imagecheck.testkit.ImageCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspect.Finding;
import io.imagecheck.lab.LabImageFacts;
import io.imagecheck.lab.LabImages;
import io.imagecheck.report.Report;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The structure-test configs of {@code src/test/resources/structure} on the real-tool lab images
 * ({@link LabImages}: umoci, debootstrap, buildah), with the counts and messages the lab's own listings
 * predict.
 */
class LabStructureTestsIT {

  private static Path config(String name) throws URISyntaxException {
    return Path.of(LabStructureTestsIT.class.getResource("/structure/" + name).toURI());
  }

  private static Report run(LabImages lab, String image, String config) throws Exception {
    LabImageFacts facts = lab.image(image);
    try (ImageSource source = ImageSources.open("oci:" + lab.layout(image) + ":" + facts.tag())) {
      return StructureTests.load(config(config)).run(source.image());
    }
  }

  private static String layer(LabImageFacts facts, int number) {
    return "layer " + number + " of " + facts.layers().size() + " (" + facts.layers().get(number - 1).digest()
        .shortForm() + ")";
  }

  private static List<String> errors(Report report, String test) {
    return report.result(test).orElseThrow().findings().stream().map(Finding::message).toList();
  }

  @Test
  void should_pass_every_distroless_test_and_skip_the_command_test() throws Exception {
    // GIVEN
    LabImages lab = LabImages.get();

    // WHEN
    Report report = run(lab, "distroless", "distroless.yaml");

    // THEN 5 file existence, 2 content tests and the metadata test pass
    assertThat(report).passes().hasResults(8, 0, 1);
    assertThat(run(lab, "distroless", "hardened.yaml")).passes().hasResults(6, 0, 0);
  }

  @Test
  void should_fail_the_hardened_config_on_busybox_naming_the_layer() throws Exception {
    // GIVEN
    LabImages lab = LabImages.get();
    LabImageFacts facts = lab.image("busybox");
    String step = layer(facts, 1) + ", history step 1: " + facts.config().historyCreatedBy().get(0);

    // WHEN
    Report report = run(lab, "busybox", "hardened.yaml");

    // THEN
    assertThat(report).hasResults(3, 3, 0);
    assertThat(errors(report, "File Existence Test: no sh")).containsExactly(
        "File /bin/sh -> busybox = /bin/busybox should not exist but does (" + step + ")");
    assertThat(errors(report, "File Existence Test: no busybox")).containsExactly(
        "File /bin/busybox should not exist but does (" + step + ")");
    assertThat(errors(report, "File Content Test: passwd has no login shell for root")).containsExactly(
        "Excluded string '(?m)^root:[^\\n]*:/bin/(ba)?sh$' found in file content of /etc/passwd at line 1:"
            + " 'root:x:0:0:root:/root:/bin/sh' (" + step + ")");
  }

  @Test
  void should_pass_the_debian_config_on_debootstrap_bookworm() throws Exception {
    // GIVEN
    LabImages lab = LabImages.get();

    // WHEN
    Report report = run(lab, "debian", "debian.yaml");

    // THEN 6 existence, 3 content, the license and the metadata test pass; /usr/share/doc was replaced by an
    // opaque layer holding no package directory, so the debian license check reads only GPL-3
    assertThat(report).passes().hasResults(11, 0, 1);
    assertThat(report.result("License Test").orElseThrow().fact("filesChecked")).contains(1);
  }

  @Test
  void should_fail_the_debian_config_where_the_stripped_layer_deleted_bash_and_apt_get() throws Exception {
    // GIVEN
    LabImages lab = LabImages.get();
    LabImageFacts facts = lab.image("debian-stripped");
    List<String> steps = facts.config().historyCreatedBy();
    String added = layer(facts, 1) + ", history step 1: " + steps.get(0);
    String deleted = layer(facts, 4) + ", history step 5: " + steps.get(4);

    // WHEN
    Report report = run(lab, "debian-stripped", "debian.yaml");

    // THEN
    assertThat(report).hasResults(9, 2, 1);
    assertThat(errors(report, "File Existence Test: bash")).containsExactly(
        "File /usr/bin/bash should exist but does not (added by " + added + ", deleted by " + deleted + ")");
    assertThat(errors(report, "File Existence Test: apt-get")).containsExactly(
        "File /usr/bin/apt-get should exist but does not (added by " + added + ", deleted by " + deleted + ")");
  }

  @Test
  void should_read_the_lab_archives_in_every_transport_with_the_same_results() throws IOException,
      URISyntaxException {
    // GIVEN
    LabImages lab = LabImages.get();
    StructureTests tests = StructureTests.load(config("distroless.yaml"));

    // WHEN / THEN
    for (Path archive : List.of(lab.ociArchive("distroless"), lab.dockerArchive("distroless"))) {
      try (ImageSource source = ImageSources.open(archive.toString())) {
        assertThat(tests.run(source.image())).passes().hasResults(8, 0, 1);
      }
    }
  }
}
