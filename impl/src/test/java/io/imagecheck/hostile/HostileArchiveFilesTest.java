package io.imagecheck.hostile;

import static io.imagecheck.hostile.HostileImages.paxRecord;
import static io.imagecheck.hostile.HostileImages.tarEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.testimage.TestImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile image archive files ({@code docker-archive:}, plain and gzip-compressed): the tar metadata of a
 * member is bounded by {@code pax-bytes} before anything of its declared size is read, member names by
 * {@code path-length}, and the number of members by {@code entries-per-layer}, each raised by its limit.
 * The crafted headers are put in front of a valid archive, so they apply to its first member.
 */
class HostileArchiveFilesTest extends HostileTestSupport {

  private static final String FILE = "/etc/app.conf";

  /** Writes a valid docker-archive with crafted tar blocks in front, plain or gzip-compressed. */
  private Path archive(byte[] prefix, boolean gzip) throws IOException {
    Path d = dir();
    Files.createDirectories(d);
    Path plain = d.resolve("image.tar");
    TestImage.builder().layer("app", l -> l.file(FILE, "x")).build().writeDockerArchive(plain, "app:latest");
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(prefix);
    all.write(Files.readAllBytes(plain));
    Path out = d.resolve(gzip ? "hostile.tar.gz" : "hostile.tar");
    Files.write(out, gzip ? HostileImages.gzip(all.toByteArray()) : all.toByteArray());
    return out;
  }

  private static String ref(Path archive) {
    return "docker-archive:" + archive;
  }

  private static boolean lists(Path archive, ReadLimits limits) throws IOException {
    return view(ref(archive), limits).entries().stream().map(FileEntry::path).anyMatch(FILE::equals);
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void should_stop_a_16_mib_pax_header_at_pax_bytes_and_read_it_when_the_limit_is_raised(boolean gzip)
      throws IOException {
    // GIVEN a PAX header of 16 MiB (one comment record) in front of the first member
    Path a = archive(tarEntry("PaxHeaders/0", 'x', paxRecord("comment", "c".repeat(16 << 20))
        .getBytes(StandardCharsets.US_ASCII)), gzip);
    // WHEN / THEN the default 1 MiB stops it, naming the source and the limit
    assertThatThrownBy(() -> view(ref(a))).isInstanceOfSatisfying(LimitExceededException.class, e -> {
      assertThat(e.limit()).isEqualTo("pax-bytes");
      assertThat(e.getMessage()).startsWith(ref(a) + ": archive").contains("tar metadata of one entry (PAX header, "
          + "GNU long name or sparse map) of more than 1048576 bytes exceeds the limit pax-bytes=1048576");
    });
    // WHEN pax-bytes=32m THEN the archive is read
    assertThat(lists(a, ReadLimits.defaults().with("pax-bytes", 32 << 20))).isTrue();
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void should_stop_a_pax_header_that_claims_7_gib_after_pax_bytes(boolean gzip) throws IOException {
    // GIVEN a PAX header whose size field says 7 GiB, followed by 2 MiB of small valid records
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(HostileImages.header("PaxHeaders/0", 'x', 7L << 30));
    b.writeBytes(paxRecord("comment", "c".repeat(90)).repeat(20_000).getBytes(StandardCharsets.US_ASCII));
    Path a = archive(b.toByteArray(), gzip);
    // WHEN / THEN
    assertThatThrownBy(() -> view(ref(a))).isInstanceOfSatisfying(LimitExceededException.class,
        e -> assertThat(e.limit()).isEqualTo("pax-bytes"));
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void should_stop_a_2_mib_gnu_long_name_at_pax_bytes(boolean gzip) throws IOException {
    // GIVEN a GNU long name of 2 MiB for an extra member
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(tarEntry("././@LongLink", 'L', ("n/".repeat(1 << 20)).getBytes(StandardCharsets.US_ASCII)));
    b.writeBytes(tarEntry("short", '0', new byte[0]));
    Path a = archive(b.toByteArray(), gzip);
    // WHEN / THEN
    assertThatThrownBy(() -> view(ref(a))).isInstanceOfSatisfying(LimitExceededException.class,
        e -> assertThat(e.limit()).isEqualTo("pax-bytes"));
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void should_stop_a_member_name_longer_than_path_length_and_read_it_when_the_limit_is_raised(boolean gzip)
      throws IOException {
    // GIVEN a member whose PAX path is 5000 bytes
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(tarEntry("PaxHeaders/0", 'x',
        paxRecord("path", "d/".repeat(2500)).getBytes(StandardCharsets.US_ASCII)));
    b.writeBytes(tarEntry("short", '0', new byte[0]));
    Path a = archive(b.toByteArray(), gzip);
    // WHEN / THEN
    assertThatThrownBy(() -> view(ref(a))).isInstanceOfSatisfying(LimitExceededException.class, e -> {
      assertThat(e.limit()).isEqualTo("path-length");
      assertThat(e.getMessage()).startsWith(ref(a) + ": archive member name \"d/d/d/");
    });
    // WHEN path-length=8k THEN the archive is read
    assertThat(lists(a, ReadLimits.defaults().with("path-length", 8 << 10))).isTrue();
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void should_count_members_against_entries_per_layer(boolean gzip) throws IOException {
    // GIVEN 1,500 empty members in front of the image's own
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < 1500; i++) {
      b.writeBytes(tarEntry("junk/" + i, '0', new byte[0]));
    }
    Path a = archive(b.toByteArray(), gzip);
    // WHEN entries-per-layer=1000 THEN it stops, by name
    assertThatThrownBy(() -> view(ref(a), ReadLimits.defaults().with("entries-per-layer", 1000)))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.getMessage())
            .isEqualTo(ref(a) + ": archive with more than 1000 members exceeds the limit entries-per-layer=1000 "
                + "(raise it with ReadLimits or --limit entries-per-layer=N)"));
    // WHEN entries-per-layer=2000 (or the default) THEN the archive is read
    assertThat(lists(a, ReadLimits.defaults().with("entries-per-layer", 2000))).isTrue();
    assertThat(lists(a, ReadLimits.defaults())).isTrue();
  }

  @Test
  void should_refuse_a_plain_archive_with_a_sparse_member() throws IOException {
    // GIVEN a member made sparse by GNU PAX 0.1 records
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    String sparse = paxRecord("GNU.sparse.size", "1000000") + paxRecord("GNU.sparse.map", "0,0");
    b.writeBytes(tarEntry("PaxHeaders/0", 'x', sparse.getBytes(StandardCharsets.US_ASCII)));
    b.writeBytes(tarEntry("holes", '0', new byte[0]));
    Path a = archive(b.toByteArray(), false);
    // WHEN / THEN
    assertThatThrownBy(() -> view(ref(a))).isInstanceOf(ImageFormatException.class)
        .hasMessage(ref(a) + ": archive member \"holes\" is a sparse file");
  }
}
