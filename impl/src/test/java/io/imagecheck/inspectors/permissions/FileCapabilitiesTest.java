package io.imagecheck.inspectors.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class FileCapabilitiesTest {

  /** A vfs_cap_data value: magic_etc, then permitted/inheritable pairs, then (revision 3) the root id. */
  static byte[] caps(int magic, long permitted, long inheritable, Integer rootId) {
    int revision = magic >>> 24;
    int words = revision == 1 ? 1 : 2;
    ByteBuffer b = ByteBuffer.allocate(4 + 8 * words + (revision == 3 ? 4 : 0)).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(magic);
    for (int w = 0; w < words; w++) {
      b.putInt((int) (permitted >>> (32 * w)));
      b.putInt((int) (inheritable >>> (32 * w)));
    }
    if (rootId != null) {
      b.putInt(rootId);
    }
    return b.array();
  }

  @Test
  void should_decode_revision_2_cap_net_raw_with_the_effective_flag_like_ping() {
    FileCapabilities c = FileCapabilities.decode(caps(0x02000001, 1L << 13, 0, null));
    assertThat(c.revision()).isEqualTo(2);
    assertThat(c.effective()).isTrue();
    assertThat(c.permitted()).containsExactly("cap_net_raw");
    assertThat(c.inheritable()).isEmpty();
    assertThat(c.complete()).isTrue();
    assertThat(c.decoding()).isEqualTo("complete");
    assertThat(c.describe()).isEqualTo("cap_net_raw=ep");
  }

  @Test
  void should_decode_revision_3_with_high_capabilities_and_root_id() {
    // cap_net_bind_service (10), cap_sys_admin (21), cap_bpf (39, second word), inheritable cap_kill (5)
    FileCapabilities c = FileCapabilities.decode(caps(0x03000000, (1L << 10) | (1L << 21) | (1L << 39), 1L << 5, 1000));
    assertThat(c.revision()).isEqualTo(3);
    assertThat(c.effective()).isFalse();
    assertThat(c.permitted()).containsExactly("cap_net_bind_service", "cap_sys_admin", "cap_bpf");
    assertThat(c.inheritable()).containsExactly("cap_kill");
    assertThat(c.rootId()).contains(1000L);
    assertThat(c.describe()).isEqualTo("cap_net_bind_service,cap_sys_admin,cap_bpf=p cap_kill=i");
  }

  @Test
  void should_decode_revision_1_with_a_single_word() {
    FileCapabilities c = FileCapabilities.decode(caps(0x01000000, 1L << 12, 0, null));
    assertThat(c.revision()).isEqualTo(1);
    assertThat(c.permitted()).containsExactly("cap_net_admin");
  }

  @Test
  void should_read_a_replaced_byte_as_its_certain_top_bit_and_seven_uncertain_bits() {
    // GIVEN cap_setuid (bit 7 = byte 0x80), which a UTF-8 decode turns into U+FFFD = EF BF BD
    byte[] value = caps(0x02000001, 1L << 7, 0, null);
    byte[] damaged = new byte[value.length + 2];
    System.arraycopy(value, 0, damaged, 0, 4);
    damaged[4] = (byte) 0xEF;
    damaged[5] = (byte) 0xBF;
    damaged[6] = (byte) 0xBD;
    System.arraycopy(value, 5, damaged, 7, value.length - 5);
    // WHEN
    FileCapabilities c = FileCapabilities.decode(damaged);
    // THEN
    assertThat(c.permitted()).containsExactly("cap_setuid");
    assertThat(c.uncertain()).containsExactly("cap_chown", "cap_dac_override", "cap_dac_read_search", "cap_fowner",
        "cap_fsetid", "cap_kill", "cap_setgid");
    assertThat(c.decoding()).isEqualTo("partial");
    assertThat(c.complete()).isFalse();
  }

  @Test
  void should_report_unparsed_values_without_throwing() {
    assertThat(FileCapabilities.decode(new byte[0]).problem())
        .contains("value of 0 bytes is shorter than the 4-byte header");
    assertThat(FileCapabilities.decode(caps(0x02000000, 1, 0, null)).decoding()).isEqualTo("complete");
    assertThat(FileCapabilities.decode(new byte[] {0, 0, 0, 9, 1, 2}).problem()).contains("unknown revision 0x09000000");
    assertThat(FileCapabilities.decode(new byte[] {0, 0, 0, 2, 1, 2}).problem())
        .contains("revision 2 needs 20 bytes, got 6");
    byte[] swallowed = {0, 0, 0, 2, (byte) 0xEF, (byte) 0xBF, (byte) 0xBD, 0};
    assertThat(FileCapabilities.decode(swallowed).problem())
        .contains("revision 2 needs 20 bytes, got 6 (bytes were lost in decoding)");
    assertThat(FileCapabilities.decode(swallowed).decoding()).isEqualTo("unparsed");
    assertThat(FileCapabilities.decode(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD, 0, 0, 2}).problem())
        .contains("header bytes were lost in decoding");
  }

  @Test
  void should_name_bits_beyond_the_table_by_number() {
    assertThat(FileCapabilities.name(40)).isEqualTo("cap_checkpoint_restore");
    assertThat(FileCapabilities.name(63)).isEqualTo("cap_63");
  }
}
