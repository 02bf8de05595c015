package io.imagecheck.testimage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imagecheck.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests for {@link SampleImages}. */
class SampleImagesTest {

  @TempDir
  Path tmp;

  @Test
  void should_write_the_sample_as_oci_archive_docker_archive_and_oci_layout_under_50_kb_each() throws IOException {
    // WHEN
    SampleImages.main(new String[] {tmp.resolve("out").toString()});

    // THEN
    Path out = tmp.resolve("out");
    assertTrue(Files.size(out.resolve(SampleImages.OCI_ARCHIVE)) < 50_000);
    assertTrue(Files.size(out.resolve(SampleImages.DOCKER_ARCHIVE)) < 50_000);
    Digest digest = SampleImages.app().manifestDigest();
    assertTrue(Files.isRegularFile(out.resolve(SampleImages.OCI_LAYOUT).resolve("blobs/sha256/" + digest.hex())));
    assertTrue(Files.readString(out.resolve(SampleImages.OCI_LAYOUT).resolve("index.json"))
        .contains("\"org.opencontainers.image.ref.name\":\"latest\""));
  }

  @Test
  void should_be_the_same_image_every_time() {
    // WHEN
    TestImage first = SampleImages.app();
    TestImage second = SampleImages.app();

    // THEN
    assertEquals(first.manifestDigest(), second.manifestDigest());
    assertArrayEquals(first.layerBlob(0), second.layerBlob(0));
  }

  @Test
  void should_hold_a_nonroot_user_a_busybox_shell_a_setuid_file_and_a_fake_key() {
    // GIVEN
    TestImage image = SampleImages.app();

    // WHEN
    TarEntries base = TarEntries.read(image.layerTar(0));
    TarEntries app = TarEntries.read(image.layerTar(1));
    TarEntries cleanup = TarEntries.read(image.layerTar(2));

    // THEN
    assertEquals("nonroot", image.config().user());
    assertEquals(List.of("/app/server"), image.config().entrypoint());
    assertTrue(base.get("etc/passwd").text().contains("nonroot:x:65532:65532:"));
    assertEquals("busybox", base.get("bin/sh").linkName());
    assertEquals('2', base.get("bin/sh").typeflag());
    assertEquals(04755, base.get("usr/bin/passwd").mode());
    assertEquals(65532, app.get("app/server").uid());
    String key = app.get("root/.ssh/id_rsa").text();
    assertTrue(key.startsWith("-----BEGIN RSA PRIVATE KEY-----\n"), key);
    assertTrue(key.endsWith("-----END RSA PRIVATE KEY-----\n"), key);
    String body = key.lines().filter(l -> !l.startsWith("-----")).collect(Collectors.joining());
    assertTrue(new String(Base64.getDecoder().decode(body), StandardCharsets.US_ASCII)
        .startsWith("This is NOT a private key. It is a fake test key"));
    assertEquals(0600, app.get("root/.ssh/id_rsa").mode());
    assertEquals(List.of("tmp/", "tmp/.wh.build.log"), cleanup.names());
    assertEquals(List.of("ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # base", "COPY build/ / # app",
        "RUN rm -f /tmp/build.log", "USER nonroot", "EXPOSE 8080/tcp", "ENTRYPOINT [\"/app/server\"]"),
        image.config().history().stream().map(h -> h.createdBy()).toList());
  }

  @Test
  void should_refuse_to_run_without_exactly_one_argument() {
    // WHEN
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleImages.main(new String[0]));

    // THEN
    assertEquals("usage: SampleImages <output directory>", e.getMessage());
  }
}
