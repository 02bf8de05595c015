package io.imagecheck.cli;

import io.imagecheck.testimage.SampleImages;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sample ({@link SampleImages}) must be reproducible across JVMs. */
class SampleImageTest {

  @Test
  void should_write_the_same_archives_as_every_earlier_build(@TempDir Path dir) throws IOException {
    // GIVEN / WHEN
    SampleImages.write(dir);
    // THEN the bytes are pinned: writing twice in one JVM would not notice things that change between
    // JVMs (map iteration order, the default time zone), a fixed digest does. The docker-archive holds
    // uncompressed layers, so its bytes do not depend on the JDK's zlib; the OCI archive's gzip layers
    // might, so there the uncompressed content (config digest) is pinned instead.
    assertThat(Digest.sha256(Files.readAllBytes(dir.resolve(SampleImages.DOCKER_ARCHIVE))).hex())
        .isEqualTo("7aa925841ea74378e675ab06541bb17ccbe7f9b2afbc5ff6b3436411ac9b9213");
    assertThat(SampleImages.app().configDigest().hex())
        .isEqualTo("c491582b37f4d0a36baa3e2d81f9e409241f72ae14fa89f1e337d1303d87e4ec");
  }
}
