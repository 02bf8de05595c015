package io.imagecheck.internal.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import io.imagecheck.image.Compression;
import io.imagecheck.source.ImageFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** zstd with the optional native decoder (zstd-jni is on this module's test class path) and without. */
class NativeZstdTest {

  private static final byte[] TEXT = "layer content, repeated. ".repeat(20_000).getBytes(StandardCharsets.UTF_8);

  @Test
  void should_decode_the_same_bytes_with_the_native_and_the_pure_java_decoder() throws IOException {
    // GIVEN a zstd frame made by zstd-jni itself
    byte[] frame = Zstd.compress(TEXT, 3);
    // WHEN
    byte[] nativeOut;
    byte[] javaOut;
    try (InputStream n = Decompressors.zstd(new ByteArrayInputStream(frame), true);
        InputStream j = Decompressors.zstd(new ByteArrayInputStream(frame), false)) {
      nativeOut = n.readAllBytes();
      javaOut = j.readAllBytes();
      // THEN
      assertThat(n.getClass().getName()).isEqualTo("com.github.luben.zstd.ZstdInputStreamNoFinalizer");
      assertThat(j.getClass().getName()).isEqualTo("io.airlift.compress.zstd.ZstdInputStream");
    }
    assertThat(nativeOut).isEqualTo(TEXT);
    assertThat(javaOut).isEqualTo(TEXT);
  }

  @Test
  void should_report_a_cut_native_stream_as_an_image_format_error() throws IOException {
    // GIVEN a frame cut in half, read through the decompression entry point with the native decoder allowed
    byte[] frame = Zstd.compress(TEXT, 3);
    byte[] cut = Arrays.copyOf(frame, frame.length / 2);
    String before = System.getProperty(Decompressors.NATIVE_ZSTD_PROPERTY);
    System.setProperty(Decompressors.NATIVE_ZSTD_PROPERTY, "true");
    try (InputStream in = Decompressors.decompress(new ByteArrayInputStream(cut), Compression.ZSTD, "test", "blob")) {
      // WHEN / THEN
      assertThatThrownBy(in::readAllBytes).isInstanceOf(ImageFormatException.class)
          .hasMessageStartingWith("test: blob (zstd) is ");
    } finally {
      if (before == null) {
        System.clearProperty(Decompressors.NATIVE_ZSTD_PROPERTY);
      } else {
        System.setProperty(Decompressors.NATIVE_ZSTD_PROPERTY, before);
      }
    }
  }
}
