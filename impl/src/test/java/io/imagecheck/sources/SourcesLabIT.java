package io.imagecheck.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Image;
import io.imagecheck.image.Layer;
import io.imagecheck.image.Platform;
import io.imagecheck.lab.LabArchiveFacts;
import io.imagecheck.lab.LabImageFacts;
import io.imagecheck.lab.LabImages;
import io.imagecheck.lab.LabIndexFacts;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads every image the lab built with umoci, skopeo, buildah and debootstrap, in every transport the
 * lab wrote it to, and checks the digests and diff_ids the tools recorded. Every layer is read to the
 * end, so every blob digest and diff_id is verified on the way.
 */
class SourcesLabIT {

  private static void readLayers(Image image) throws IOException {
    for (Layer l : image.layers()) {
      try (InputStream in = l.openUncompressed()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    }
  }

  @Test
  void should_read_every_lab_layout_with_the_recorded_digests() throws IOException {
    LabImages lab = LabImages.get();
    for (Map.Entry<String, LabImageFacts> e : lab.facts().images().entrySet()) {
      LabImageFacts f = e.getValue();
      // GIVEN an OCI layout written by umoci, skopeo or buildah
      try (ImageSource source = ImageSources.open("oci:" + lab.layout(e.getKey()) + ":" + f.tag())) {
        // WHEN it is read
        Image image = source.image();
        // THEN manifest, config, layers and diff_ids are the ones the tools recorded
        assertThat(image.descriptor().digest()).as(e.getKey()).isEqualTo(f.descriptor().digest());
        assertThat(image.manifest().config().digest()).as(e.getKey()).isEqualTo(f.config().digest());
        assertThat(image.layers()).as(e.getKey()).extracting(Layer::digest)
            .isEqualTo(f.layers().stream().map(l -> l.digest()).toList());
        assertThat(image.layers()).as(e.getKey()).extracting(Layer::diffId).isEqualTo(f.config().diffIds());
        assertThat(image.layers()).as(e.getKey()).extracting(Layer::mediaType)
            .isEqualTo(f.layers().stream().map(l -> l.mediaType()).toList());
        assertThat(image.config().user()).isEqualTo(f.config().user());
        assertThat(image.config().history()).hasSize(f.config().historyCount());
        readLayers(image);
      }
    }
  }

  @Test
  void should_read_every_archive_and_dir_copy_with_the_same_config_and_diff_ids() throws IOException {
    LabImages lab = LabImages.get();
    for (Map.Entry<String, LabArchiveFacts> e : lab.facts().archives().entrySet()) {
      LabArchiveFacts a = e.getValue();
      if (!a.signatures().isEmpty() && e.getKey().contains("gpg")) {
        continue; // the signed copy is the signature tests' business; its image equals busybox.dir
      }
      LabImageFacts f = lab.image(a.image());
      // GIVEN a copy written by skopeo or buildah (format detected from the path)
      try (ImageSource source = ImageSources.open(lab.file(a.file()).toString())) {
        // WHEN
        Image image = source.image();
        // THEN
        assertThat(source.reference().transport()).as(e.getKey()).isEqualTo(switch (a.format()) {
          case "docker-archive" -> Transport.DOCKER_ARCHIVE;
          case "oci-archive" -> Transport.OCI_ARCHIVE;
          default -> Transport.DIR;
        });
        assertThat(image.manifest().config().digest()).as(e.getKey()).isEqualTo(f.config().digest());
        assertThat(image.layers()).as(e.getKey()).extracting(Layer::diffId).isEqualTo(f.config().diffIds());
        readLayers(image);
      }
    }
  }

  @Test
  void should_select_platforms_of_the_buildah_index() throws IOException {
    LabImages lab = LabImages.get();
    LabIndexFacts idx = lab.index("busybox-multi");
    try (ImageSource source = ImageSources.open("oci:" + lab.layout("busybox-multi") + ":" + idx.tag())) {
      assertThat(source.index()).isPresent();
      Image arm = source.image(Platform.parse("linux/arm64"));
      assertThat(arm.descriptor().digest()).isEqualTo(idx.manifest("arm64").digest());
      assertThat(arm.parentIndex()).isPresent();
      Image amd = source.image(Platform.parse("linux/amd64"));
      assertThat(amd.descriptor().digest()).isEqualTo(idx.manifest("amd64").digest());
      assertThat(source.images()).hasSize(2);
      readLayers(arm);
    }
  }
}
