package io.imagecheck.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Tests for {@link LayerScanner.SharedBytes}, the stream each visitor of a file reads. */
class SharedBytesTest {

  private static final byte[] FILE = {1, 2, 3, 4, 5};

  @Test
  void should_hand_over_its_array_to_a_whole_read_only_when_allowed() throws IOException {
    // GIVEN one stream that may give its array and one that may not, over the same bytes
    LayerScanner.SharedBytes giving = new LayerScanner.SharedBytes(FILE, true);
    LayerScanner.SharedBytes sharing = new LayerScanner.SharedBytes(FILE, false);
    // WHEN both are read whole
    byte[] given = giving.readAllBytes();
    byte[] copied = sharing.readNBytes(100);
    // THEN the first returns the array itself, the second a copy; both are then at the end
    assertThat(given).isSameAs(FILE);
    assertThat(copied).isNotSameAs(FILE).containsExactly(1, 2, 3, 4, 5);
    assertThat(giving.read()).isEqualTo(-1);
    assertThat(sharing.readNBytes(10)).isEmpty();
  }

  @Test
  void should_copy_a_partial_read_even_when_allowed_to_give() throws IOException {
    // GIVEN
    LayerScanner.SharedBytes giving = new LayerScanner.SharedBytes(FILE, true);
    // WHEN the visitor reads a prefix, then the rest
    byte[] head = giving.readNBytes(2);
    byte[] rest = giving.readAllBytes();
    // THEN neither is the shared array
    assertThat(head).containsExactly(1, 2);
    assertThat(rest).isNotSameAs(FILE).containsExactly(3, 4, 5);
  }

  @Test
  void should_read_and_skip_like_a_byte_array_stream() {
    // GIVEN
    LayerScanner.SharedBytes in = new LayerScanner.SharedBytes(FILE);
    byte[] buf = new byte[3];
    // WHEN / THEN
    assertThat(in.read()).isEqualTo(1);
    assertThat(in.skip(1)).isEqualTo(1);
    assertThat(in.available()).isEqualTo(3);
    assertThat(in.read(buf, 0, 3)).isEqualTo(3);
    assertThat(buf).containsExactly(3, 4, 5);
    assertThat(in.read(buf, 0, 3)).isEqualTo(-1);
    assertThat(in.skip(5)).isZero();
  }
}
