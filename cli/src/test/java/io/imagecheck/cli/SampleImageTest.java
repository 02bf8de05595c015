package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for the placeholder {@link SampleImage} generator: the bundled sample must be reproducible. */
class SampleImageTest {

  @Test
  void should_write_the_same_archives_as_every_earlier_build(@TempDir Path dir) throws IOException {
    // GIVEN / WHEN
    SampleImage.write(dir);
    // THEN the bytes are pinned: writing twice in one JVM would not notice things that change between
    // JVMs (Map.of iteration order, default time zone), a fixed digest does
    assertThat(Digest.sha256(Files.readAllBytes(dir.resolve(SampleImage.OCI_ARCHIVE))).hex())
        .isEqualTo("4822b6f601715a7233ded2df6d7cc33e31992cd9496fcec1147306180c4780de");
    assertThat(Digest.sha256(Files.readAllBytes(dir.resolve(SampleImage.DOCKER_ARCHIVE))).hex())
        .isEqualTo("fce0a7079162d51b1413503a695951a46c886e5d0e5eed0a7278fdc00a87c83d");
  }
}
