package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.hostile.HostileImages;
import io.imagecheck.image.Compression;
import io.imagecheck.testimage.RawTarEntry;
import io.imagecheck.testimage.Tamper;
import io.imagecheck.testimage.TestImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile images of impl's {@code io.imagecheck.hostile} tests through the command line: every failure
 * is exit status 2 and one stderr line {@code imagecheck: SOURCE: problem}, without a stack trace (unless
 * {@code --debug}), and {@code --limit} raises the limit that stopped it. Names from the image are escaped.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileCliTest {

  @TempDir Path tmp;
  private int n;
  private Set<String> workingDir;

  @BeforeEach
  void before() throws IOException {
    workingDir = workingDirectory();
  }

  @AfterEach
  void after() throws IOException, InterruptedException {
    assertThat(workingDirectory()).as("files in the working directory").isEqualTo(workingDir);
    assertThat(HostileImages.imagecheckThreads()).as("imagecheck threads still running").isEmpty();
  }

  private static Set<String> workingDirectory() throws IOException {
    Set<String> all = new java.util.TreeSet<>(HostileImages.snapshot(Path.of("").toAbsolutePath()));
    all.removeIf(p -> p.equals("target") || p.startsWith("target/") || p.startsWith(".cifuzz-corpus"));
    return all;
  }

  private String layout(Consumer<TestImage.Builder> spec) throws IOException {
    TestImage.Builder b = TestImage.builder();
    spec.accept(b);
    Path d = tmp.resolve("img" + n++);
    b.build().writeOciLayout(d, "latest");
    return "oci:" + d + ":latest";
  }

  /** Runs a command that must fail, and checks the one-line contract. */
  private static String fails(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.code()).as(String.join(" ", args) + "\n" + run.err()).isEqualTo(2);
    assertThat(run.errLines()).as("stderr of " + args[0]).hasSize(1);
    String line = run.errLines().get(0);
    assertThat(line).startsWith("imagecheck: ").doesNotContain("internal error").doesNotContain("\tat ");
    return line;
  }

  @Test
  void should_fail_with_one_line_naming_source_and_limit_and_pass_when_the_limit_is_raised() throws IOException {
    // GIVEN a 2 MiB PAX path record
    String ref = layout(b -> b.layerCompression(Compression.GZIP).layer("pax", l -> l.rawEntry(
        RawTarEntry.builder("short").paxRecord("path", "dir/" + "n".repeat(2 << 20)).content("x").build())));
    // WHEN / THEN
    assertThat(fails("ls", ref)).startsWith("imagecheck: " + ref + ": layer 1 of 1 (sha256:").contains("tar metadata of one entry (PAX header, GNU long name or sparse map) of more than 1048576 bytes "
            + "exceeds the limit pax-bytes=1048576 (raise it with ReadLimits or --limit pax-bytes=N)");
    CliRun raised = CliRun.of("ls", ref, "--limit", "pax-bytes=4m", "--limit", "path-length=4m");
    assertThat(raised.code()).as(raised.err()).isZero();
    assertThat(raised.out().lines()).hasSize(3);
    // scan: the limit makes the scan INCOMPLETE (exit 2) and --limit applies to its layer reading too
    CliRun scan = CliRun.of("scan", ref);
    assertThat(scan.code()).isEqualTo(2);
    assertThat(scan.out()).contains("pax-bytes=1048576");
    assertThat(scan.errLines()).last().asString().startsWith("imagecheck: scan incomplete: ");
    assertThat(CliRun.of("scan", ref, "--limit", "pax-bytes=4m", "--limit", "path-length=4m").code()).isNotEqualTo(2);
  }

  @Test
  void should_fail_with_one_line_for_each_kind_of_hostile_source() throws IOException {
    Path d = tmp.resolve("zstd");
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    z.write(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0x00, (byte) (21 << 3), 0x03, 0x00, 0x02, 0});
    HostileImages.layout(d, List.of(new HostileImages.LayerBlob(z.toByteArray(),
        io.imagecheck.image.Digest.sha256(new byte[1]), io.imagecheck.image.MediaType.OCI_LAYER_ZSTD)));
    Path deep = tmp.resolve("deep");
    HostileImages.document(deep, "{\"schemaVersion\":2,\"annotations\":" + "[".repeat(100) + "]".repeat(100) + "}",
        io.imagecheck.image.MediaType.OCI_MANIFEST.value());
    Path empty = Files.write(tmp.resolve("empty.tar"), new byte[0]);
    String tampered = layout(b -> b.layer("x", l -> l.file("/a", "x")).tamper(Tamper.DIFF_ID));
    String checksum = layout(b -> b.layer("x", l -> l.rawEntry(RawTarEntry.builder("a").checksum(7).build())));
    String whiteout = layout(b -> b.layer("x", l -> l.rawEntry(RawTarEntry.builder("etc/.wh.").build())));
    List<String[]> cases = List.of(
        new String[] {"oci:" + d, "(zstd) frame 1 needs a window of 2147483648 bytes"},
        new String[] {"oci:" + deep, "(JSON nesting) exceeds the limit json-depth=64"},
        new String[] {"docker-archive:" + empty, "the file is empty"},
        new String[] {tampered, "uncompressed content (diff_id) has digest"},
        new String[] {checksum, "has a tar header block with a wrong checksum"},
        new String[] {whiteout, "has an invalid whiteout entry \"/etc/.wh.\""});
    for (String[] c : cases) {
      assertThat(fails("ls", c[0])).as(c[0]).startsWith("imagecheck: " + c[0] + ": ").contains(c[1]);
    }
    // --debug adds the stack trace before the line
    CliRun debug = CliRun.of("ls", "--debug", tampered);
    assertThat(debug.code()).isEqualTo(2);
    assertThat(debug.err()).contains("\tat io.imagecheck.");
    assertThat(debug.errLines()).last().asString().startsWith("imagecheck: " + tampered + ": ");
  }

  @Test
  void should_bound_the_headers_and_members_of_an_archive_file_and_honour_limit() throws IOException {
    // GIVEN docker-archives with a 16 MiB PAX header, and with 1,500 extra members, in front of their own
    Path plain = tmp.resolve("plain.tar");
    TestImage.builder().layer("app", l -> l.file("/etc/app.conf", "x")).build().writeDockerArchive(plain, "app:1");
    byte[] image = Files.readAllBytes(plain);
    java.io.ByteArrayOutputStream pax = new java.io.ByteArrayOutputStream();
    pax.writeBytes(HostileImages.tarEntry("PaxHeaders/0", 'x', HostileImages.paxRecord("comment", "c".repeat(16 << 20))
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    pax.writeBytes(image);
    Path huge = Files.write(tmp.resolve("pax.tar"), pax.toByteArray());
    java.io.ByteArrayOutputStream many = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < 1500; i++) {
      many.writeBytes(HostileImages.tarEntry("junk/" + i, '0', new byte[0]));
    }
    many.writeBytes(image);
    Path members = Files.write(tmp.resolve("members.tar"), many.toByteArray());
    // WHEN / THEN each stops at its limit in one line, and passes when --limit raises it
    assertThat(fails("ls", "docker-archive:" + huge)).startsWith("imagecheck: docker-archive:" + huge + ": archive")
        .endsWith("exceeds the limit pax-bytes=1048576 (raise it with ReadLimits or --limit pax-bytes=N)");
    assertThat(CliRun.of("ls", "docker-archive:" + huge, "--limit", "pax-bytes=32m").out()).contains("/etc/app.conf");
    assertThat(fails("ls", "docker-archive:" + members, "--limit", "entries-per-layer=1000")).isEqualTo("imagecheck: "
        + "docker-archive:" + members + ": archive with more than 1000 members exceeds the limit "
        + "entries-per-layer=1000 (raise it with ReadLimits or --limit entries-per-layer=N)");
    assertThat(CliRun.of("ls", "docker-archive:" + members, "--limit", "entries-per-layer=2000").out())
        .contains("/etc/app.conf");
  }

  @Test
  void should_escape_control_characters_and_invalid_utf8_in_names() throws IOException {
    // GIVEN names with an escape sequence, a newline, a C1 CSI, a right-to-left override, and invalid UTF-8
    byte[] invalid = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, '.', 't', 'x', 't'};
    String ref = layout(b -> b.layer("names", l -> l
        .rawEntry(RawTarEntry.builder("red\u001b[31m\u001b]0;owned\u0007").content("x").build())
        .rawEntry(RawTarEntry.builder("two\nlines").content("x").build())
        .rawEntry(RawTarEntry.builder("csi\u009b2J").content("x").build())
        .rawEntry(RawTarEntry.builder("exe.\u202etxt").content("x").build())
        .rawEntry(RawTarEntry.builder(invalid).content("x").build())));
    // WHEN
    CliRun text = CliRun.of("ls", ref);
    CliRun json = CliRun.of("ls", ref, "--format", "json");
    // THEN nothing raw reaches the terminal
    assertThat(text.code()).isZero();
    assertThat(text.out()).contains("/red\\x1B[31m\\x1B]0;owned\\x07", "/two\\nlines", "/csi\\u009B2J",
        "/exe.\\u202Etxt",
        // commons-compress decodes bytes that are not UTF-8 as '?'
        "/bad??.txt");
    assertThat(text.out().lines()).hasSize(6);
    for (String out : List.of(text.out(), json.out())) {
      assertThat(out.chars().filter(ch -> ch < 0x20 && ch != '\n' || ch == 0x7f || ch >= 0x80 && ch < 0xa0
          || ch == 0x202e)).isEmpty();
    }
  }
}
