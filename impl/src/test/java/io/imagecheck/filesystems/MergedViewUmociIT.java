package io.imagecheck.filesystems;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.FileType;
import io.imagecheck.lab.LabImageFacts;
import io.imagecheck.lab.LabImages;
import io.imagecheck.lab.TreeEntry;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The merged view of real multi-layer images, made by umoci, buildah and skopeo, compared entry by
 * entry with what {@code umoci raw unpack} produces for the same image: same paths, types, modes,
 * owners, sizes and link targets (hard links are regular files with several names in an unpacked tree).
 */
class MergedViewUmociIT {

  @ParameterizedTest
  @ValueSource(strings = {"busybox", "busybox-zstd", "distroless", "debian", "debian-stripped", "debian-zstd",
      "pkgdbs", "bud"})
  void should_merge_layers_as_umoci_unpacks_them(String name) throws IOException {
    // GIVEN a lab image and umoci's listing of its unpacked tree
    LabImages lab = LabImages.get();
    LabImageFacts facts = lab.image(name);
    List<TreeEntry> expected = lab.tree(name);
    // WHEN imagecheck merges the layers
    try (ImageSource source = ImageSources.open("oci:" + lab.layout(name) + ":" + facts.tag())) {
      FileSystemView fs = FileSystemViews.read(source.image());
      // THEN every entry agrees
      assertThat(describe(fs.entries())).isEqualTo(describeTree(expected));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"busybox", "distroless", "debian"})
  void should_merge_the_same_tree_from_the_docker_and_oci_archives(String name) throws IOException {
    LabImages lab = LabImages.get();
    List<TreeEntry> expected = lab.tree(name);
    for (String ref : List.of("docker-archive:" + lab.dockerArchive(name), "oci-archive:" + lab.ociArchive(name))) {
      try (ImageSource source = ImageSources.open(ref)) {
        assertThat(describe(FileSystemViews.read(source.image()).entries())).as(ref).isEqualTo(describeTree(expected));
      }
    }
  }

  private static Map<String, String> describe(List<FileEntry> entries) {
    Map<String, String> out = new TreeMap<>();
    for (FileEntry e : entries) {
      char type = switch (e.type()) {
        case REGULAR, HARDLINK -> 'f';
        case DIRECTORY -> 'd';
        case SYMLINK -> 'l';
        case CHAR_DEVICE -> 'c';
        case BLOCK_DEVICE -> 'b';
        case FIFO -> 'p';
      };
      long size = e.type() == FileType.REGULAR || e.type() == FileType.HARDLINK ? e.size() : 0;
      out.put(e.path(), type + " " + e.octalMode() + " " + e.uid() + ":" + e.gid() + " " + size + " "
          + (e.type() == FileType.SYMLINK ? e.linkTarget().orElse("") : ""));
    }
    return out;
  }

  private static Map<String, String> describeTree(List<TreeEntry> entries) {
    Map<String, String> out = new TreeMap<>();
    List<String> unknown = new ArrayList<>();
    for (TreeEntry e : entries) {
      char type = switch (e.type()) {
        case REGULAR, HARDLINK -> 'f';
        case DIRECTORY -> 'd';
        case SYMLINK -> 'l';
        case CHAR_DEVICE -> 'c';
        case BLOCK_DEVICE -> 'b';
        case FIFO -> 'p';
      };
      String mode = Integer.toOctalString(e.mode());
      mode = "0000".substring(Math.min(4, mode.length())) + mode;
      out.put(e.path(), type + " " + mode + " " + e.uid() + ":" + e.gid() + " " + e.size() + " "
          + e.linkTarget().orElse(""));
    }
    assertThat(unknown).isEmpty();
    return out;
  }
}
