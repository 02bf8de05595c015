package io.imagecheck.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Compression;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.testimage.RawTarEntry;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The merged view's memory is bounded by {@code metadata-bytes} (an estimate of the heap its entries'
 * metadata holds), not only by {@code entries-per-image} × {@code path-length}: entries that carry large
 * owner names or extended attributes (up to {@code pax-bytes} each), and deep paths that make the merge
 * create thousands of implicit directories per entry, stop at the budget, which the caller can raise.
 */
class HostileMetadataTest extends HostileTestSupport {

  private static final ReadLimits SMALL = ReadLimits.defaults().with("metadata-bytes", 64L << 20);

  @Test
  void should_stop_entries_with_huge_owner_names_and_xattrs_at_metadata_bytes() throws IOException {
    // GIVEN 200 entries, each with a 450 KB owner name and a 450 KB extended attribute (180 MB of heap,
    // in a gzip layer of about 200 KB), each entry within pax-bytes
    String ref = layout(b -> b.layerCompression(Compression.GZIP).layer("names", l -> {
      for (int i = 0; i < 200; i++) {
        l.rawEntry(RawTarEntry.builder("f" + i).paxRecord("uname", "u".repeat(450_000))
            .paxRecord("SCHILY.xattr.user.x", "x".repeat(450_000)).content("x").build());
      }
    }));
    // WHEN / THEN metadata-bytes=64m stops it, by name
    assertThatThrownBy(() -> view(ref, SMALL)).isInstanceOfSatisfying(LimitExceededException.class, e -> {
      assertThat(e.limit()).isEqualTo("metadata-bytes");
      assertThat(e.getMessage()).isEqualTo(ref + ": image with more than 67108864 bytes of entry metadata (names, "
          + "link targets, owner names, extended attributes and implicit directories, estimated) exceeds the limit "
          + "metadata-bytes=67108864 (raise it with ReadLimits or --limit metadata-bytes=N)");
    });
    // WHEN metadata-bytes=256m THEN the 200 entries are read, with their names and attributes
    FileSystemView fs = view(ref, ReadLimits.defaults().with("metadata-bytes", 256L << 20));
    FileEntry f = fs.entry("/f199").orElseThrow();
    assertThat(f.userName()).hasValueSatisfying(u -> assertThat(u).hasSize(450_000));
    assertThat(f.xattrs()).containsOnlyKeys("user.x");
  }

  @Test
  void should_count_the_implicit_directories_of_deep_paths_against_metadata_bytes() throws IOException {
    // GIVEN 100 files 2,000 directories deep, under different top directories, with no directory entries:
    // the merge must create 200,000 directories whose paths hold 400 MB
    String deep = "a/".repeat(2000);
    String ref = layout(b -> b.layerCompression(Compression.GZIP).layer("deep", l -> {
      for (int i = 0; i < 100; i++) {
        l.rawEntry(RawTarEntry.builder("f").paxRecord("path", "d" + i + "/" + deep + "f").content("x").build());
      }
    }));
    // WHEN / THEN metadata-bytes=64m stops the merge
    assertThatThrownBy(() -> view(ref, SMALL)).isInstanceOfSatisfying(LimitExceededException.class,
        e -> assertThat(e.limit()).isEqualTo("metadata-bytes"));
    // GIVEN ten such files WHEN the same limit THEN they are read: 20,000 implicit directories fit
    String ten = layout(b -> b.layerCompression(Compression.GZIP).layer("deep", l -> {
      for (int i = 0; i < 10; i++) {
        l.rawEntry(RawTarEntry.builder("f").paxRecord("path", "d" + i + "/" + deep + "f").content("x").build());
      }
    }));
    assertThat(view(ten, SMALL).size()).isEqualTo(1 + 10 * 2001 + 10);
  }
}
