package io.imagecheck.inspectors.permissions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A decoded {@code security.capability} extended attribute: the Linux VFS capability structure
 * ({@code struct vfs_cap_data} / {@code vfs_ns_cap_data}, little-endian), whose revision 1 holds one
 * 32-bit permitted and inheritable word (12 bytes), revision 2 two of each (20 bytes), and revision 3 two
 * of each plus the root uid of the user namespace it applies in (24 bytes). The low bit of the leading
 * {@code magic_etc} word is the effective flag.
 *
 * <p><b>Lost bytes.</b> Tar stores extended attributes as PAX records, and commons-compress decodes PAX
 * values as UTF-8, so a value byte of {@code 0x80} or more that is not part of a valid UTF-8 sequence
 * reaches us as U+FFFD (the bytes {@code EF BF BD}). Each such replacement is read back as one unknown
 * byte: it was at least {@code 0x80} (ASCII bytes are never replaced), so its top bit, a capability, is
 * certain, and its seven other bits are listed in {@link #uncertain()}. When the byte count then does not
 * match the revision (a replacement swallowed several bytes), the value is {@code unparsed}
 * ({@link #problem()}); the file still has capabilities. Common capabilities such as
 * {@code cap_net_raw} (bit 13) and {@code cap_net_bind_service} (bit 10) sit in bytes below
 * {@code 0x80} and always decode.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param revision the structure revision (1, 2 or 3), 0 when unknown
 * @param effective whether the effective flag is set (the permitted set is raised at exec)
 * @param permitted capability names certainly in the permitted set, e.g. {@code cap_net_raw}
 * @param inheritable capability names certainly in the inheritable set
 * @param uncertain capability names that may be set: their bits were lost in decoding
 * @param rootId the namespace root uid (revision 3), when readable
 * @param problem why the value could not be decoded, if it could not
 */
public record FileCapabilities(int revision, boolean effective, List<String> permitted, List<String> inheritable,
    List<String> uncertain, Optional<Long> rootId, Optional<String> problem) {

  /** The attribute name. */
  public static final String XATTR = "security.capability";

  /** Capability names by bit number, as {@code capability.h} defines them (without the {@code cap_} prefix). */
  private static final List<String> NAMES = List.of("chown", "dac_override", "dac_read_search", "fowner", "fsetid",
      "kill", "setgid", "setuid", "setpcap", "linux_immutable", "net_bind_service", "net_broadcast", "net_admin",
      "net_raw", "ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct",
      "sys_admin", "sys_boot", "sys_nice", "sys_resource", "sys_time", "sys_tty_config", "mknod", "lease",
      "audit_write", "audit_control", "setfcap", "mac_override", "mac_admin", "syslog", "wake_alarm",
      "block_suspend", "audit_read", "perfmon", "bpf", "checkpoint_restore");

  private static final int MAGIC_MASK = 0xFF000000;
  private static final int UNKNOWN = -1;

  /**
   * Checks the components and copies collections.
   *
   * @param revision the structure revision, 0 when unknown
   * @param effective the effective flag
   * @param permitted certain permitted capabilities
   * @param inheritable certain inheritable capabilities
   * @param uncertain capabilities whose bits were lost
   * @param rootId the namespace root uid, if readable
   * @param problem why decoding failed, if it did
   */
  public FileCapabilities {
    permitted = List.copyOf(permitted);
    inheritable = List.copyOf(inheritable);
    uncertain = List.copyOf(uncertain);
    Objects.requireNonNull(rootId, "rootId");
    Objects.requireNonNull(problem, "problem");
  }

  /**
   * The name of a capability bit.
   *
   * @param bit the bit number, e.g. 13
   * @return e.g. {@code cap_net_raw}; {@code cap_N} for bits this table does not name
   */
  public static String name(int bit) {
    return bit >= 0 && bit < NAMES.size() ? "cap_" + NAMES.get(bit) : "cap_" + bit;
  }

  /**
   * Decodes an attribute value.
   *
   * @param raw the value's bytes as the view reports them ({@link io.imagecheck.fs.FileEntry#xattr(String)})
   * @return the decoded capabilities; never throws on malformed input
   */
  public static FileCapabilities decode(byte[] raw) {
    int[] cells = cells(raw);
    if (cells.length < 4) {
      return failed(0, "value of " + cells.length + " bytes is shorter than the 4-byte header");
    }
    for (int i = 0; i < 4; i++) {
      if (cells[i] == UNKNOWN) {
        return failed(0, "header bytes were lost in decoding");
      }
    }
    int magic = word(cells, 0);
    int revision = (magic & MAGIC_MASK) >>> 24;
    int size = switch (revision) {
      case 1 -> 12;
      case 2 -> 20;
      case 3 -> 24;
      default -> -1;
    };
    if (size < 0) {
      return failed(0, String.format(Locale.ROOT, "unknown revision 0x%08x", magic & MAGIC_MASK));
    }
    if (cells.length != size) {
      boolean lost = cells.length != raw.length;
      return failed(revision, "revision " + revision + " needs " + size + " bytes, got " + cells.length
          + (lost ? " (bytes were lost in decoding)" : ""));
    }
    Set<Integer> permitted = new TreeSet<>();
    Set<Integer> inheritable = new TreeSet<>();
    Set<Integer> uncertain = new TreeSet<>();
    int words = revision == 1 ? 1 : 2;
    for (int w = 0; w < words; w++) {
      bits(cells, 4 + 8 * w, 32 * w, permitted, uncertain);
      bits(cells, 8 + 8 * w, 32 * w, inheritable, uncertain);
    }
    Optional<Long> rootId = Optional.empty();
    if (revision == 3) {
      boolean known = true;
      for (int i = 20; i < 24; i++) {
        known &= cells[i] != UNKNOWN;
      }
      if (known) {
        rootId = Optional.of(word(cells, 20) & 0xFFFF_FFFFL);
      }
    }
    uncertain.removeAll(permitted);
    return new FileCapabilities(revision, (magic & 1) != 0, names(permitted), names(inheritable), names(uncertain),
        rootId, Optional.empty());
  }

  /**
   * Tells whether every bit was read.
   *
   * @return true when nothing was lost and the structure parsed
   */
  public boolean complete() {
    return problem.isEmpty() && uncertain.isEmpty();
  }

  /**
   * How completely the value was decoded.
   *
   * @return {@code complete}, {@code partial} (some bits lost) or {@code unparsed}
   */
  public String decoding() {
    return problem.isPresent() ? "unparsed" : uncertain.isEmpty() ? "complete" : "partial";
  }

  /**
   * The capabilities in {@code getcap}'s style.
   *
   * @return e.g. {@code cap_net_bind_service,cap_net_raw=ep}; {@code =} alone when no set is known
   */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (!permitted.isEmpty()) {
      parts.add(String.join(",", permitted) + "=" + (effective ? "e" : "") + "p");
    }
    if (!inheritable.isEmpty()) {
      parts.add(String.join(",", inheritable) + "=i");
    }
    return parts.isEmpty() ? "=" : String.join(" ", parts);
  }

  private static FileCapabilities failed(int revision, String problem) {
    return new FileCapabilities(revision, false, List.of(), List.of(), List.of(), Optional.empty(),
        Optional.of(problem));
  }

  /** The value's bytes, each U+FFFD replacement ({@code EF BF BD}) read back as one unknown byte. */
  private static int[] cells(byte[] raw) {
    int[] out = new int[raw.length];
    int n = 0;
    for (int i = 0; i < raw.length; i++) {
      if (i + 2 < raw.length && (raw[i] & 0xff) == 0xEF && (raw[i + 1] & 0xff) == 0xBF && (raw[i + 2] & 0xff) == 0xBD) {
        out[n++] = UNKNOWN;
        i += 2;
      } else {
        out[n++] = raw[i] & 0xff;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  private static int word(int[] cells, int offset) {
    return cells[offset] | cells[offset + 1] << 8 | cells[offset + 2] << 16 | cells[offset + 3] << 24;
  }

  private static void bits(int[] cells, int offset, int base, Set<Integer> set, Set<Integer> uncertain) {
    for (int b = 0; b < 4; b++) {
      int cell = cells[offset + b];
      int first = base + 8 * b;
      if (cell == UNKNOWN) {
        // a replaced byte was >= 0x80: its top bit is set, the others are unknown
        set.add(first + 7);
        for (int k = 0; k < 7; k++) {
          uncertain.add(first + k);
        }
        continue;
      }
      for (int k = 0; k < 8; k++) {
        if ((cell & (1 << k)) != 0) {
          set.add(first + k);
        }
      }
    }
  }

  private static List<String> names(Set<Integer> bits) {
    return bits.stream().map(FileCapabilities::name).toList();
  }
}
