package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imagecheck.lab.LabImages;
import io.imagecheck.lab.TreeEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code imagecheck ls} and {@code diff} on real images made by umoci, skopeo and debootstrap, checked
 * against {@code umoci raw unpack}'s tree.
 */
class LsDiffLabIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void should_list_the_debian_image_as_umoci_unpacks_it() throws IOException {
    // GIVEN the debootstrap image with whiteouts and an opaque directory
    LabImages lab = LabImages.get();
    String ref = "oci:" + lab.layout("debian") + ":" + lab.image("debian").tag();
    // WHEN
    CliRun run = CliRun.of("ls", "--format", "json", ref);
    // THEN the paths, modes and link targets are umoci's
    assertThat(run.code()).isZero();
    List<String> ours = new ArrayList<>();
    for (JsonNode e : JSON.readTree(run.out()).get("entries")) {
      ours.add(e.get("path").asText() + " " + e.get("mode").asText() + " "
          + (e.get("type").asText().equals("symlink") ? e.get("linkTarget").asText() : ""));
    }
    List<String> umoci = new ArrayList<>();
    for (TreeEntry t : lab.tree("debian")) {
      String mode = Integer.toOctalString(t.mode());
      umoci.add(t.path() + " " + "0000".substring(Math.min(4, mode.length())) + mode + " " + t.linkTarget().orElse(""));
    }
    assertThat(ours).containsExactlyInAnyOrderElementsOf(umoci);
  }

  @Test
  void should_show_the_stripped_binaries_as_removed_between_bookworm_and_stripped() throws IOException {
    // GIVEN debian:bookworm and debian:stripped (a 4th layer whites out shells and apt)
    LabImages lab = LabImages.get();
    String a = "oci:" + lab.layout("debian") + ":" + lab.image("debian").tag();
    String b = "oci:" + lab.layout("debian-stripped") + ":" + lab.image("debian-stripped").tag();
    // WHEN
    CliRun run = CliRun.of("diff", "--format", "json", a, b);
    // THEN exactly the binaries umoci's trees differ by are removed, and cmd changed
    assertThat(run.code()).isEqualTo(1);
    JsonNode diff = JSON.readTree(run.out());
    List<String> removed = new ArrayList<>();
    diff.get("removed").forEach(r -> removed.add(r.get("path").asText()));
    List<String> expected = new ArrayList<>();
    List<String> strippedPaths = lab.tree("debian-stripped").stream().map(TreeEntry::path).toList();
    for (TreeEntry t : lab.tree("debian")) {
      if (!strippedPaths.contains(t.path())) {
        expected.add(t.path());
      }
    }
    assertThat(removed).containsExactlyInAnyOrderElementsOf(expected).contains("/usr/bin/bash", "/usr/bin/apt");
    assertThat(diff.get("added")).isEmpty();
    assertThat(diff.get("config")).anySatisfy(c -> assertThat(c.get("field").asText()).isEqualTo("cmd"));
  }
}
